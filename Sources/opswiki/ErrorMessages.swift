import WikiStore

extension OpsWiki {
    /// The one line printed for a failure: the domain reason, never a raw dump.
    static func describe(_ error: any Error) -> String {
        switch error {
        case StoreError.notAWiki(let path, let reason): return "\(path) is not a wiki repository: \(reason)"
        case StoreError.wikiExists(let path): return "\(path) already exists and is not empty"
        case StoreError.invalidPageName(let name, let reason): return "invalid page name '\(name)': \(reason)"
        case StoreError.repository(let git): return "git error in \(git.function): \(git.message)"
        default: return String(describing: error)
        }
    }
}
