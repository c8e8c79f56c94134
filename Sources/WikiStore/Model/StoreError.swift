/// Why a WikiStore operation failed.
public enum StoreError: Error, Sendable, Equatable {
    /// A page name broke a `PageName` rule.
    case invalidPageName(String, reason: String)
    /// A file or attachment path broke a rule.
    case invalidPath(String, reason: String)
    /// The page does not exist at the revision asked for.
    case pageNotFound(PageName)
    /// The file does not exist at the revision asked for.
    case fileNotFound(String)
    /// A rename's target, or an upload's path as a page, already exists.
    case pageExists(PageName)
    /// No commit has this id or prefix.
    case revisionNotFound(String)
    /// More than one object starts with this prefix. (GIT_EAMBIGUOUS)
    case ambiguousRevision(String)
    /// Not 7 to 40 hex digits.
    case invalidRevision(String)
    /// The path is missing, not a directory, not a git repository, or not bare.
    case notAWiki(String, reason: String)
    /// `create` was pointed at a directory that is not empty.
    case wikiExists(String)
    /// Input that is well-typed but unusable (a bad signature, an oversized message).
    case invalidInput(String)
    /// Lost the compare-and-swap on the branch ref three times in a row.
    case busy
    /// Anything unexpected from libgit2; the detail is for logs, never for users.
    case repository(GitError)
    /// No proposal has this number.
    case proposalNotFound(Int)
    /// The proposal was already merged or closed, so it cannot be merged, closed or updated again.
    case proposalNotOpen(Int, Proposal.State)
    /// Patch number `patch` (from 1) of a series does not fit its base: `file` is the path it failed on and
    /// `hunk` the failing hunk's header (`@@ -3,4 +3,5 @@`), or "" when the file itself is missing or already there.
    case patchDoesNotApply(file: String, hunk: String, patch: Int)
}
