/// The stored form of the search index (`<repo>/opswiki/search-v1.idx`), little-endian: magic `OWSRCH01`,
/// the tip (20 bytes), the document count, then per document its page name, title, blob id, length, term
/// frequencies and title terms; an FNV-1a 64 checksum ends it. Postings are rebuilt on load. A file that fails
/// any check, or whose tip the repository lacks, is not used: the index is built from the tree instead.
extension SearchIndex {
    static let magic = Array("OWSRCH01".utf8)
    /// Limits that keep a damaged file from asking for absurd allocations.
    static let maximumDocuments = 10_000_000, maximumStoredString = 64 * 1024

    /// The documents at `tip` as bytes, sorted by page name so equal indexes store equal files.
    static func encoded(tip: ObjectID, documents: [Document]) -> [UInt8] {
        var out = magic + tip.bytes
        BinaryReader.put(UInt32(documents.count), into: &out)
        for document in documents.sorted(by: { $0.name < $1.name }) {
            BinaryReader.put(document.name.description, into: &out)
            BinaryReader.put(document.title, into: &out)
            out += document.blob.bytes
            BinaryReader.put(UInt32(document.length), into: &out)
            BinaryReader.put(UInt32(document.frequencies.count), into: &out)
            for (term, frequency) in document.frequencies.sorted(by: { $0.key < $1.key }) {
                BinaryReader.put(term, into: &out)
                BinaryReader.put(UInt32(frequency), into: &out)
            }
            BinaryReader.put(UInt32(document.titleTerms.count), into: &out)
            for term in document.titleTerms.sorted() { BinaryReader.put(term, into: &out) }
        }
        BinaryReader.appendChecksum(to: &out)
        return out
    }

    /// Decodes and validates a stored index: checksum, lengths, page names, no page twice.
    static func decoded(_ bytes: [UInt8]) throws(IndexFileError) -> (tip: ObjectID, documents: [Document]) {
        let body = try BinaryReader.verifiedBody(bytes, magic: magic)
        var reader = BinaryReader(bytes: body, offset: magic.count)
        guard let tip = ObjectID(bytes: Array(try reader.take(ObjectID.byteCount))) else { throw IndexFileError(reason: "bad tip") }
        let count = Int(try reader.u32())
        guard count <= maximumDocuments else { throw IndexFileError(reason: "too many documents") }
        var documents: [Document] = [], names: Set<PageName> = []
        for _ in 0..<count {
            guard let name = try? PageName(try reader.string(limit: maximumStoredString)), names.insert(name).inserted else {
                throw IndexFileError(reason: "bad page name")
            }
            let title = try reader.string(limit: maximumStoredString)
            guard let blob = ObjectID(bytes: Array(try reader.take(ObjectID.byteCount))) else { throw IndexFileError(reason: "bad blob") }
            let length = Int(try reader.u32())
            var frequencies: [String: Int] = [:]
            for _ in 0..<Int(try reader.u32()) {
                let term = try reader.string(limit: maximumStoredString)
                frequencies[term] = Int(try reader.u32())
            }
            var titleTerms: Set<String> = []
            for _ in 0..<Int(try reader.u32()) { titleTerms.insert(try reader.string(limit: maximumStoredString)) }
            documents.append(Document(name: name, title: title, blob: blob, frequencies: frequencies,
                                      titleTerms: titleTerms, length: length))
        }
        guard reader.offset == body.endIndex else { throw IndexFileError(reason: "trailing bytes") }
        return (tip, documents)
    }
}
