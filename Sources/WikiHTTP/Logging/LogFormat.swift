/// How log lines are written (`--log-format`): the plain text of a terminal, or fields a log
/// pipeline can parse without guessing (logfmt, JSON lines).
public enum LogFormat: String, Sendable, CaseIterable {
    /// `info listening on 127.0.0.1 port 8080` and `access GET /wiki/Home 200 5120B 0.42ms`.
    case text
    /// `ts=… level=info msg=access method=GET path=/wiki/Home status=200 bytes=5120 duration_ms=0.42` (brandur.org/logfmt).
    case logfmt
    /// One JSON object per line (RFC 8259), same keys as logfmt; numbers stay numbers.
    case json

    /// One field value: a string, or a number written as it is.
    enum Value {
        case string(String)
        case number(String)
    }

    /// The finished line for `fields` in logfmt or JSON (the text format is written by `Logger` itself).
    func line(_ fields: [(key: String, value: Value)]) -> String {
        switch self {
        case .text, .logfmt:
            return fields.map { field in
                switch field.value {
                case .string(let text): "\(field.key)=\(Self.logfmtValue(text))"
                case .number(let text): "\(field.key)=\(text)"
                }
            }.joined(separator: " ")
        case .json:
            return "{" + fields.map { field in
                switch field.value {
                case .string(let text): "\(Self.jsonString(field.key)):\(Self.jsonString(text))"
                case .number(let text): "\(Self.jsonString(field.key)):\(text)"
                }
            }.joined(separator: ",") + "}"
        }
    }

    /// A logfmt value: bare when it is non-empty printable ASCII without space, `=`, `"` or `\`;
    /// otherwise double-quoted with `\\`, `\"`, `\n`, `\r`, `\t` and `\u00XX` for other controls.
    static func logfmtValue(_ text: String) -> String {
        let bare = !text.isEmpty && text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "=") && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        return bare ? text : "\"" + JSONEscaping.escape(text) + "\""
    }

    /// A JSON string literal (RFC 8259 §7): quote, backslash and every control character escaped.
    static func jsonString(_ text: String) -> String { "\"" + JSONEscaping.escape(text) + "\"" }
}
