/// Dockerfiles: instructions (case-insensitive) and comments at the start of a line; each
/// instruction's arguments, continuation lines included, go through the shell tokenizer (strings,
/// `$VAR`, operators); `AS` in `FROM … AS name` is a keyword.
enum DockerfileTokenizer {
    static let instructions = Lexer.words("""
        from run cmd label expose env add copy entrypoint volume user workdir arg onbuild stopsignal healthcheck \
        shell maintainer
        """)
    private static let stageKeywords = Lexer.words("AS as As")

    /// Tokenizes `lexer.position..<lexer.end`, one instruction at a time.
    static func tokenize(_ lexer: inout Lexer) {
        let codeEnd = lexer.end
        while !lexer.atEnd {
            lexer.skip(lexer.spaces(from: lexer.position) - lexer.position)
            let c = lexer.peek()
            if c == Lexer.newline || c == 13 { lexer.skip(); continue }
            if c == UInt8(ascii: "#") {
                lexer.span(.comment, to: lexer.lineComment(from: lexer.position))
                continue
            }
            let wordStop = lexer.identifier(from: lexer.position)
            let instruction = lexer.word(lexer.position..<wordStop, lowercase: true)
            let stop = instructionEnd(lexer, from: lexer.position)
            if let instruction, instructions.contains(instruction) {
                lexer.span(.keyword, to: wordStop)
            }
            lexer.end = stop
            // `FROM image AS name`: the stage name's `AS` is the one keyword of that instruction.
            ShellTokenizer.tokenize(&lexer, keywords: instruction == Array("from".utf8) ? stageKeywords : ShellTokenizer.keywords)
            lexer.end = codeEnd
        }
    }

    /// The end of the instruction starting at `start`: the end of the first line not ending in `\`
    /// (Dockerfile reference, "Parser directives": `\` is the default escape character).
    private static func instructionEnd(_ lexer: Lexer, from start: Int) -> Int {
        var line = start
        while line < lexer.end {
            let stop = lexer.lineEnd(from: line)
            var last = stop
            while last > line, [32, 9, 13].contains(lexer.bytes[last - 1]) { last -= 1 }
            guard last > line, lexer.bytes[last - 1] == UInt8(ascii: "\\"), stop < lexer.end else { return stop }
            line = stop + 1
        }
        return lexer.end
    }
}
