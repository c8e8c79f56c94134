/// What a node is: cmark's block and inline types plus the GFM and wiki ones.
enum NodeKind: UInt8 {
    case document, blockQuote, list, item, codeBlock, htmlBlock, paragraph, heading, thematicBreak
    case table, tableRow, tableCell
    case text, softBreak, lineBreak, code, htmlInline, emphasis, strong, link, image, strikethrough, wikiLink

    /// Leaf blocks hold lines of text; containers hold blocks.
    var acceptsLines: Bool { self == .paragraph || self == .heading || self == .codeBlock }
}

/// Per-node booleans, packed.
struct NodeFlags: OptionSet {
    let rawValue: UInt16
    static let open = NodeFlags(rawValue: 1 << 0)
    static let lastLineBlank = NodeFlags(rawValue: 1 << 1)
    static let fenced = NodeFlags(rawValue: 1 << 2)
    static let tight = NodeFlags(rawValue: 1 << 3)
    static let setext = NodeFlags(rawValue: 1 << 4)
    static let ordered = NodeFlags(rawValue: 1 << 5)
    static let task = NodeFlags(rawValue: 1 << 6)
    static let checked = NodeFlags(rawValue: 1 << 7)
    static let header = NodeFlags(rawValue: 1 << 8)
    static let tableVisited = NodeFlags(rawValue: 1 << 9)
}

/// One node of the arena. Links are indices into `Document.nodes` (-1 = none); text lives in
/// `Document.bytes` as `start..<end` ranges, so nodes own no heap memory.
struct Node {
    var kind: NodeKind
    var flags: NodeFlags = []
    var parent: Int32 = -1
    var firstChild: Int32 = -1
    var lastChild: Int32 = -1
    var next: Int32 = -1
    var prev: Int32 = -1
    /// Content of a leaf block, literal of an inline, or URL of a link.
    var start: Int32 = 0
    var end: Int32 = 0
    /// Info string of a fenced code block, or title of a link.
    var extraStart: Int32 = 0
    var extraEnd: Int32 = 0
    /// Heading level, list start, HTML block type, fence length, or cell alignment.
    var number: Int32 = 0
    /// List marker column and content padding; fence indent for fenced code.
    var markerOffset: Int32 = 0
    var padding: Int32 = 0
    /// Bullet character or ordered delimiter of a list; fence character of a code block.
    var marker: UInt8 = 0
    var startLine: Int32 = 0

    init(kind: NodeKind) { self.kind = kind }
}

/// A parsed document: the node arena (index 0 is the root) and the byte store its ranges point into.
struct Document {
    var nodes: [Node]
    var bytes: [UInt8]

    /// The root's index.
    static let root: Int32 = 0

    init(capacity: Int) {
        nodes = []
        nodes.reserveCapacity(max(16, capacity / 8))
        bytes = []
        bytes.reserveCapacity(capacity + capacity / 4 + 64)
        var root = Node(kind: .document)
        root.flags = .open
        nodes.append(root)
    }

    /// Creates a detached node and returns its index.
    mutating func makeNode(_ kind: NodeKind, start: Int32 = 0, end: Int32 = 0) -> Int32 {
        var node = Node(kind: kind)
        node.start = start
        node.end = end
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    /// Appends `child` as the last child of `parent`.
    mutating func appendChild(_ child: Int32, to parent: Int32) {
        let last = nodes[Int(parent)].lastChild
        nodes[Int(child)].parent = parent
        nodes[Int(child)].prev = last
        nodes[Int(child)].next = -1
        if last >= 0 { nodes[Int(last)].next = child } else { nodes[Int(parent)].firstChild = child }
        nodes[Int(parent)].lastChild = child
    }

    /// Inserts the detached `node` right after `sibling`.
    mutating func insert(_ node: Int32, after sibling: Int32) {
        let parent = nodes[Int(sibling)].parent
        let next = nodes[Int(sibling)].next
        nodes[Int(node)].parent = parent
        nodes[Int(node)].prev = sibling
        nodes[Int(node)].next = next
        nodes[Int(sibling)].next = node
        if next >= 0 { nodes[Int(next)].prev = node } else if parent >= 0 { nodes[Int(parent)].lastChild = node }
    }

    /// Detaches `node` from its parent and siblings (the slot stays in the arena, unreachable).
    mutating func unlink(_ node: Int32) {
        let n = nodes[Int(node)]
        if n.prev >= 0 { nodes[Int(n.prev)].next = n.next } else if n.parent >= 0 { nodes[Int(n.parent)].firstChild = n.next }
        if n.next >= 0 { nodes[Int(n.next)].prev = n.prev } else if n.parent >= 0 { nodes[Int(n.parent)].lastChild = n.prev }
        nodes[Int(node)].parent = -1
        nodes[Int(node)].prev = -1
        nodes[Int(node)].next = -1
    }

    /// Moves the siblings after `first` up to (not including) `stop` (-1: to the end) into `container`.
    mutating func moveSiblings(after first: Int32, upTo stop: Int32, into container: Int32) {
        var cursor = nodes[Int(first)].next
        while cursor >= 0 && cursor != stop {
            let following = nodes[Int(cursor)].next
            unlink(cursor)
            appendChild(cursor, to: container)
            cursor = following
        }
    }

    /// Appends `source` to the byte store and returns its range.
    mutating func store(_ source: some Collection<UInt8>) -> (Int32, Int32) {
        let start = Int32(bytes.count)
        bytes.append(contentsOf: source)
        return (start, Int32(bytes.count))
    }

    /// The bytes of a node's main range.
    func literal(_ node: Int32) -> ArraySlice<UInt8> {
        let n = nodes[Int(node)]
        return bytes[Int(n.start)..<Int(n.end)]
    }
}
