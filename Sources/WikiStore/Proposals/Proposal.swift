import Foundation

/// The review record of a proposal: what it is, who opened it, its state, the conversation and the decision.
/// Stored as `proposal.json` in a chain of commits at `refs/proposals/<id>/review`, one commit per change,
/// so the review is versioned and travels with `git fetch` and `git clone --mirror` (ARCHITECTURE.md, storage).
public struct Proposal: Codable, Hashable, Sendable {
    /// Where a proposal stands.
    public enum State: String, Codable, Hashable, Sendable, CaseIterable {
        /// Waiting for review.
        case open
        /// Its commits are on main.
        case merged
        /// Closed without merging.
        case closed
    }

    /// How a proposal reached main.
    public enum MergeMethod: String, Codable, Hashable, Sendable {
        /// Main moved to the proposal's head: its commits as they are.
        case fastForward = "fast-forward"
        /// A merge commit with main and the proposal's head as parents.
        case merge
        /// One new commit with the proposal's combined change.
        case squash
        /// The proposal's commits replayed one by one on top of main (authors kept), so main stays linear.
        case rebase
    }

    /// One comment of the conversation.
    public struct Comment: Codable, Hashable, Sendable {
        /// Who wrote it.
        public var author: Participant
        /// When.
        public var date: Date
        /// Markdown, rendered sanitized.
        public var body: String
    }

    /// One entry of the timeline (opened, updated, closed, merged).
    public struct Event: Codable, Hashable, Sendable {
        /// What happened.
        public enum Kind: String, Codable, Hashable, Sendable {
            case opened, updated, closed, merged
        }

        /// What happened.
        public var kind: Kind
        /// Who did it.
        public var actor: Participant
        /// When.
        public var date: Date
        /// The commit involved: the new head for opened/updated, main's new tip for merged.
        public var commit: ObjectID?
        /// For merged: how.
        public var method: MergeMethod?
    }

    /// The final decision: merged or closed, by whom, when.
    public struct Decision: Codable, Hashable, Sendable {
        /// `.merged` or `.closed`.
        public var state: State
        /// The maintainer (or, for a close, the proposer) who decided.
        public var by: Participant
        /// When.
        public var date: Date
        /// For a merge: main's tip after it.
        public var commit: ObjectID?
        /// For a merge: how.
        public var method: MergeMethod?
    }

    /// The proposal's number, as in `/proposals/<id>`.
    public var id: Int
    /// One line.
    public var title: String
    /// Markdown; may be empty.
    public var description: String
    /// Who opened it.
    public var proposer: Participant
    /// Open, merged or closed.
    public var state: State
    /// The commit of main the proposal's commits start from (their merge base with main when last updated).
    public var base: ObjectID?
    /// The proposal's head when the record last changed it (the ref `refs/proposals/<id>/head` is authoritative).
    public var head: ObjectID
    /// The push topic that updates this proposal, if it came from `git push -o topic=…`.
    public var topic: String?
    /// When it was opened.
    public var created: Date
    /// When anything last changed.
    public var updated: Date
    /// The conversation, oldest first.
    public var comments: [Comment]
    /// State changes and updates, oldest first.
    public var timeline: [Event]
    /// Set once merged or closed.
    public var decision: Decision?
}
