// GFM task list items (cmark-gfm extensions/tasklist.c): `[ ]` or `[x]` starting a list item.
extension BlockParser {
    /// Marks `item` as a task when its text starts with `[ ]`, `[x]` or `[X]` and a space or tab, and
    /// consumes the box.
    mutating func openTaskListItem(_ item: Int32) {
        guard offset + 3 < line.count, line[offset] == UInt8(ascii: "["), line[offset + 2] == UInt8(ascii: "]"),
              Scanner.isSpaceOrTab(line[offset + 3]) else { return }
        let mark = line[offset + 1]
        guard mark == Scanner.space || mark == UInt8(ascii: "x") || mark == UInt8(ascii: "X") else { return }
        doc.nodes[Int(item)].flags.insert(.task)
        if mark != Scanner.space { doc.nodes[Int(item)].flags.insert(.checked) }
        advanceOffset(3, columns: false)
    }
}
