/// Everything the review page shows: the record, the proposed commits, the combined change, whether it can be
/// merged now, and each changed page as it would read after merging.
public struct ProposalDetails: Hashable, Sendable {
    /// The review record.
    public let proposal: Proposal
    /// The proposal's current head (`refs/proposals/<id>/head`).
    public let head: ObjectID
    /// The proposed commits, base..head, oldest first (at most `Wiki.maximumProposalCommits`).
    public let commits: [Commit]
    /// The combined change from the base to the head.
    public let diff: Diff
    /// For an open proposal, how it would merge into main now; nil once merged or closed.
    public let mergeability: Mergeability?
    /// Each changed page that exists after the change, with its text after merging (or at the head while the
    /// merge conflicts), at most `Wiki.maximumProposalPreviews`.
    public let previews: [PreviewPage]
}

/// How an open proposal would merge into main right now.
public enum Mergeability: Hashable, Sendable {
    /// Main is an ancestor of the head: main can simply move to it.
    case fastForward
    /// Main moved on, but the changes do not overlap: a merge commit (or squash) is clean.
    case clean
    /// These files were changed on both sides in overlapping ways; merging is refused until the proposal is updated.
    case conflicts([String])
    /// The head is already in main's history.
    case upToDate
}

/// One changed page as it would read after the merge.
public struct PreviewPage: Hashable, Sendable {
    /// The page.
    public let name: PageName
    /// Its Markdown after the merge.
    public let bytes: [UInt8]
    /// The blob id of `bytes` (a render cache key).
    public let blobID: ObjectID
}

/// How a maintainer asks for a proposal to be merged.
public enum MergeStrategy: String, Hashable, Sendable, CaseIterable {
    /// Fast-forward when main has not moved, otherwise a merge commit; the proposed commits keep their authors.
    case merge
    /// One commit with the combined change, authored by the proposal's first author.
    case squash
    /// Fast-forward when main has not moved, otherwise each proposed commit replayed on main with its author,
    /// message and date, committed by the maintainer: main stays linear, so page history and blame name the authors.
    case rebase
}

/// What a merge did. A conflict is an expected outcome, not an error.
public enum ProposalMergeOutcome: Hashable, Sendable {
    /// Main now holds the proposal; the revision is main's new tip.
    case merged(Revision, Proposal.MergeMethod)
    /// The proposal conflicts with main in these files; nothing changed.
    case conflicts([String])
}
