import Foundation
import WikiStore

/// Proposals as an Atom 1.0 feed (RFC 4287): one entry per proposal, newest activity first.
enum ProposalFeedPresenter {
    /// The feed of `proposals` with absolute links under `origin`; at most `limit` entries.
    static func atom(_ proposals: [Proposal], origin: String, title: String, limit: Int = 50) -> [UInt8] {
        let recent = proposals.sorted { ($0.updated, $0.id) > ($1.updated, $1.id) }.prefix(limit)
        let xml = FeedPresenter.xml
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        // RFC 4287 §4.2.6: a permanent IRI; the proposal list is that.
        out += "  <id>\(xml(origin))/proposals</id>\n"
        out += "  <title>\(xml(title + ": proposals"))</title>\n"
        out += "  <updated>\(DateText.iso(recent.first?.updated ?? Date(timeIntervalSince1970: 0)))</updated>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(xml(origin))/proposals.atom\"/>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(xml(origin))/proposals?state=all\"/>\n"
        out += "  <generator>opswiki</generator>\n"
        for proposal in recent {
            let state = ProposalPresenter.stateLabel(proposal.state)
            var content = "\(state) · proposed by \(proposal.proposer.name) · \(ProposalPresenter.count(proposal.comments.count, "comment"))"
            if !proposal.description.isEmpty { content += "\n\n" + proposal.description }
            out += "  <entry>\n"
            // The id stays the same while the proposal changes; `updated` tells readers it did.
            out += "    <id>\(xml(origin))/proposals/\(proposal.id)</id>\n"
            out += "    <title>\(xml("#\(proposal.id) \(proposal.title) [\(state)]"))</title>\n"
            out += "    <updated>\(DateText.iso(proposal.updated))</updated>\n"
            out += "    <published>\(DateText.iso(proposal.created))</published>\n"
            out += "    <author><name>\(xml(proposal.proposer.name))</name></author>\n"
            out += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(xml(origin))/proposals/\(proposal.id)\"/>\n"
            out += "    <content type=\"text\">\(xml(content))</content>\n"
            out += "  </entry>\n"
        }
        out += "</feed>\n"
        return Array(out.utf8)
    }
}
