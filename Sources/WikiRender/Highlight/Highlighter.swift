/// Syntax highlighting of code blocks on the server: one small tokenizer per language marks tokens
/// with `<span class="hl-…">` (the classes of `TokenKind`, styled by the theme) and escapes every byte
/// of text. The output needs no sanitizing: its only tags are those spans, whose class names are fixed
/// here, and removing them leaves exactly the escaped input (tested, and checked by the fuzzer).
public enum Highlighter {
    /// Code blocks larger than this stay plain: the spans can make HTML several times the code's size.
    public static let maximumInputSize = 256 * 1024

    /// Writes `code` highlighted as `language` into `out` (plain and escaped when over the size limit).
    /// Linear in the size of `code` for every language and input.
    public static func highlight(_ code: ArraySlice<UInt8>, as language: CodeLanguage, into out: inout [UInt8]) {
        guard code.count <= maximumInputSize else {
            HTMLEscaping.escapeText(code, into: &out)
            return
        }
        var lexer = Lexer(Array(code))
        switch language {
        case .shell: ShellTokenizer.tokenize(&lexer)
        case .console: ShellTokenizer.tokenize(&lexer, console: true)
        case .yaml: YAMLTokenizer.tokenize(&lexer)
        case .json: JSONTokenizer.tokenize(&lexer)
        case .sql: SQLTokenizer.tokenize(&lexer)
        case .python: PythonTokenizer.tokenize(&lexer)
        case .go: GoTokenizer.tokenize(&lexer)
        case .hcl: HCLTokenizer.tokenize(&lexer)
        case .toml: TOMLTokenizer.tokenize(&lexer)
        case .dockerfile: DockerfileTokenizer.tokenize(&lexer)
        }
        out.append(contentsOf: lexer.finish())
    }

    /// `code` highlighted as `language`, as safe HTML.
    public static func highlight(_ code: String, as language: CodeLanguage) -> SafeHTML {
        var out: [UInt8] = []
        highlight(Array(code.utf8)[...], as: language, into: &out)
        return SafeHTML(trusted: out)
    }
}
