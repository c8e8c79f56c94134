/// Which URLs may appear in `href` and `src`: http, https, mailto, relative and `#` only.
public enum URLPolicy {
    /// Whether `url` (as written in the source, entities already decoded) is safe to emit.
    /// `image` also allows `data:image/png|gif|jpeg|webp`.
    public static func isSafe(_ url: some Collection<UInt8>, image: Bool) -> Bool {
        false  // placeholder: nothing is safe until the policy lands
    }
}
