// GFM strikethrough (cmark-gfm extensions/strikethrough.c): `~text~` or `~~text~~`. Tildes go on the
// delimiter stack with `*` and `_` and are matched by the same "process emphasis" pass.
extension InlineParser {
    /// Only runs of one or two tildes can open or close.
    static func isStrikethroughRun(_ length: Int) -> Bool { length == 1 || length == 2 }

    /// cmark-gfm strikethrough.c: the opener and closer must be the same length, or neither counts.
    mutating func insertStrikethrough(_ opener: Int32, _ closer: Int32) -> Int32 {
        let next = delimiters[Int(closer)].next
        let openerNode = delimiters[Int(opener)].node, closerNode = delimiters[Int(closer)].node
        if delimiterCount(openerNode) == delimiterCount(closerNode) {
            let strike = doc.makeNode(.strikethrough)
            doc.moveSiblings(after: openerNode, upTo: closerNode, into: strike)
            doc.insert(strike, after: openerNode)
            doc.unlink(openerNode)
            doc.unlink(closerNode)
        }
        var cursor = closer
        while cursor >= 0 && cursor != opener {
            let prev = delimiters[Int(cursor)].prev
            removeDelimiter(cursor)
            cursor = prev
        }
        removeDelimiter(opener)
        return next
    }
}
