/// `Accept` negotiation between the two error formats we have: HTML and JSON (RFC 9110 §12.5.1).
enum Negotiation {
    /// Whether `accept` ranks `application/json` strictly above `text/html`; no header means HTML.
    static func prefersJSON(accept: String?) -> Bool {
        guard let accept else { return false }
        return quality(of: "application", "json", in: accept) > quality(of: "text", "html", in: accept)
    }

    /// The q-value the most specific matching media range gives `type/subtype` (0 when none matches).
    static func quality(of type: String, _ subtype: String, in accept: String) -> Double {
        var best = (specificity: -1, q: 0.0)
        for range in accept.split(separator: ",") {
            let parameters = range.split(separator: ";")
            guard let media = parameters.first?.trimmingSpaces.lowercased() else { continue }
            let parts = media.split(separator: "/", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let specificity: Int
            switch (parts[0], parts[1]) {
            case (Substring(type), Substring(subtype)): specificity = 2
            case (Substring(type), "*"): specificity = 1
            case ("*", "*"): specificity = 0
            default: continue
            }
            var q = 1.0
            for parameter in parameters.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingSpaces.lowercased() == "q" { q = Double(pair[1].trimmingSpaces) ?? 0 }
            }
            if specificity > best.specificity { best = (specificity, q) }
        }
        return best.q
    }
}
