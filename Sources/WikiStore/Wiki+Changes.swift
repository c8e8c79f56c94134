/// What changed between two commits, for derived indexes kept outside WikiStore.
extension Wiki {
    /// The files that differ between commit `old` (nil: the empty tree) and `new`, renames found, without
    /// reading any content: a derived index re-reads only these, whoever made the commits (web or push).
    public func changedFiles(from old: ObjectID?, to new: ObjectID) throws -> [ChangedFile] {
        try withRepository { try $0.changedFiles(from: old, to: new) }
    }
}
