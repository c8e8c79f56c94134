/// Shell (`sh`, `bash`, `zsh`) and console sessions: comments, quoted strings (with `$VAR` inside
/// double quotes), variables, heredocs, keywords and builtins, operators, assignments. In a console
/// session only lines that start with a `$ ` or `# ` prompt (and their continuations) are commands;
/// the other lines are output and stay plain.
enum ShellTokenizer {
    static let keywords = Lexer.words(
        "if then else elif fi for while until do done case esac in function select time return break continue")
    static let builtins = Lexer.words("""
        echo printf cd pwd exit export local readonly declare typeset unset set shift source alias unalias eval \
        exec read test trap wait kill umask ulimit true false type command builtin getopts let mapfile jobs fg bg
        """)
    /// Bytes that end a word (bash(1) metacharacters, quotes, `$` and the backslash).
    private static let wordEnd: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for c in Array(" \t\r\n|&;()<>'\"`$\\".utf8) { table[Int(c)] = true }
        return table
    }()
    private static let operators = Array("|&;()<>".utf8)

    /// A heredoc whose body starts on the next line.
    private struct Heredoc {
        var delimiter: [UInt8]
        /// `<<-` strips leading tabs from the body and the terminator line.
        var stripTabs: Bool
    }

    /// Tokenizes `lexer.position..<lexer.end`.
    /// `keywords` replaces the shell's own (a Dockerfile `FROM` line has only `AS`).
    static func tokenize(_ lexer: inout Lexer, console: Bool = false, keywords: Set<[UInt8]> = keywords) {
        let regionStart = lexer.position
        var heredocs: [Heredoc] = []
        var lineStart = true
        // Where a command name may stand (bash(1) "SHELL GRAMMAR"): at the start of a line, after an
        // operator, a keyword or an assignment. Only there is a word a builtin or `NAME=` an assignment.
        var commandPosition = true
        while !lexer.atEnd {
            if lineStart {
                lineStart = false
                if !heredocs.isEmpty {
                    bodies(&lexer, heredocs)
                    heredocs.removeAll()
                    lineStart = true
                    continue
                }
                if console {
                    let indent = lexer.spaces(from: lexer.position)
                    let prompt = lexer.byte(at: indent)
                    if (prompt == UInt8(ascii: "$") || prompt == UInt8(ascii: "#")), lexer.byte(at: indent + 1) == 32 {
                        lexer.skip(indent - lexer.position)
                        lexer.span(.prompt, to: indent + 1)
                    } else {
                        lexer.skip(lexer.lineEnd(from: lexer.position) - lexer.position)
                        continue
                    }
                }
            }
            let c = lexer.peek()
            // A quoted or `$` value right after `NAME=` is part of the assignment: a command may still follow.
            let assignmentValue = commandPosition && lexer.byte(at: lexer.position - 1) == UInt8(ascii: "=")
            switch c {
            case Lexer.newline:
                lexer.skip()
                lineStart = true
                commandPosition = true
            case UInt8(ascii: "\\"):
                // An escaped byte; an escaped newline continues the command on the next line.
                lexer.skip(2)
            case UInt8(ascii: "#") where lexer.position == regionStart || wordEnd[Int(lexer.byte(at: lexer.position - 1))]:
                lexer.span(.comment, to: lexer.lineComment(from: lexer.position))
            case UInt8(ascii: "'"), UInt8(ascii: "`"):
                commandPosition = assignmentValue
                lexer.span(.string, to: lexer.quoted(from: lexer.position, escapes: c == UInt8(ascii: "`"), multiline: true))
            case UInt8(ascii: "\""):
                doubleQuoted(&lexer)
                commandPosition = assignmentValue
            case UInt8(ascii: "$"):
                // `$(` opens a command substitution, whose first word is a command.
                commandPosition = assignmentValue || lexer.peek(1) == UInt8(ascii: "(")
                if !variable(&lexer) { lexer.skip() }
            case UInt8(ascii: "<") where lexer.peek(1) == UInt8(ascii: "<") && lexer.peek(2) != UInt8(ascii: "<"):
                if let heredoc = heredocOperator(&lexer) { heredocs.append(heredoc) }
            case _ where operators.contains(c):
                lexer.span(.punctuation, to: lexer.run(from: lexer.position, of: operators))
                commandPosition = true
            case 32, 9, 13:
                lexer.skip()
            default:
                commandPosition = word(&lexer, keywords: keywords, commandPosition: commandPosition)
            }
        }
    }

    /// A word: a keyword, a builtin or an assignment's name (in command position), a number, or plain.
    /// Returns whether a command may follow it (after a keyword or an assignment).
    private static func word(_ lexer: inout Lexer, keywords: Set<[UInt8]>, commandPosition: Bool) -> Bool {
        let start = lexer.position
        var stop = start
        while stop < lexer.end, !wordEnd[Int(lexer.bytes[stop])] { stop += 1 }
        let name = lexer.identifier(from: start)
        if commandPosition, name > start, name < stop, lexer.bytes[name] == UInt8(ascii: "="),
           Lexer.isIdentifierStart(lexer.bytes[start]) {
            lexer.span(.variable, to: name)
            lexer.skip(stop - name)
            return true
        }
        let word = lexer.word(start..<stop)
        if let word, keywords.contains(word) {
            lexer.span(.keyword, to: stop)
            return true
        }
        if commandPosition, let word, builtins.contains(word) {
            lexer.span(.builtin, to: stop)
        } else if lexer.bytes[start..<stop].allSatisfy(Scanner.isDigit) {
            lexer.span(.number, to: stop)
        } else {
            lexer.skip(max(stop - start, 1))
        }
        return false
    }

    /// `"…"`: string pieces, with `$VAR` and `${…}` inside marked as variables.
    private static func doubleQuoted(_ lexer: inout Lexer) {
        var index = lexer.position + 1
        while index < lexer.end {
            let c = lexer.bytes[index]
            if c == UInt8(ascii: "\\") { index += 2; continue }
            if c == UInt8(ascii: "\"") { index += 1; break }
            if c == UInt8(ascii: "$"), startsVariable(lexer.byte(at: index + 1)) {
                lexer.span(.string, to: index)
                _ = variable(&lexer)
                index = lexer.position
                continue
            }
            index += 1
        }
        lexer.span(.string, to: min(index, lexer.end))
    }

    /// bash(1) "Special Parameters" and `${`.
    private static let specialParameters = Array("{@*#?$!-".utf8)

    private static func startsVariable(_ c: UInt8) -> Bool {
        Lexer.isIdentifierStart(c) || Scanner.isDigit(c) || specialParameters.contains(c)
    }

    /// `$name`, `${…}`, `$1`, `$?` and the like as a variable; `$(` as punctuation. False when the `$`
    /// starts none of these (it is then a plain byte).
    private static func variable(_ lexer: inout Lexer) -> Bool {
        let next = lexer.peek(1)
        let start = lexer.position
        if next == UInt8(ascii: "{") {
            var index = start + 2
            while index < lexer.end, lexer.bytes[index] != UInt8(ascii: "}"), lexer.bytes[index] != Lexer.newline { index += 1 }
            lexer.span(.variable, to: index < lexer.end && lexer.bytes[index] == UInt8(ascii: "}") ? index + 1 : index)
        } else if next == UInt8(ascii: "(") {
            lexer.span(.punctuation, to: start + 2)
        } else if Lexer.isIdentifierStart(next) {
            lexer.span(.variable, to: lexer.identifier(from: start + 1))
        } else if startsVariable(next) {
            lexer.span(.variable, to: start + 2)
        } else {
            return false
        }
        return true
    }

    /// `<<WORD`, `<<-WORD`, `<<'WORD'`, `<<"WORD"`: the operator and its delimiter; nil (after marking
    /// `<<` as an operator) when no delimiter follows.
    private static func heredocOperator(_ lexer: inout Lexer) -> Heredoc? {
        var index = lexer.position + 2
        let stripTabs = lexer.byte(at: index) == UInt8(ascii: "-")
        if stripTabs { index += 1 }
        lexer.span(.punctuation, to: index)
        let wordStart = lexer.spaces(from: index)
        let first = lexer.byte(at: wordStart)
        var delimiter: [UInt8]
        var wordStop: Int
        if first == UInt8(ascii: "'") || first == UInt8(ascii: "\"") {
            wordStop = lexer.quoted(from: wordStart, escapes: false, multiline: false)
            let inner = min(wordStart + 1, wordStop)..<max(wordStart + 1, wordStop - 1)
            delimiter = Array(lexer.bytes[inner])
        } else {
            wordStop = wordStart
            while wordStop < lexer.end, Lexer.isIdentifierByte(lexer.bytes[wordStop]) || lexer.bytes[wordStop] == UInt8(ascii: "-") {
                wordStop += 1
            }
            delimiter = Array(lexer.bytes[wordStart..<wordStop])
        }
        guard !delimiter.isEmpty else { return nil }
        lexer.skip(wordStart - lexer.position)
        lexer.span(.keyword, to: wordStop)
        return Heredoc(delimiter: delimiter, stripTabs: stripTabs)
    }

    /// The bodies of the heredocs opened on the line just ended, each up to its terminator line.
    private static func bodies(_ lexer: inout Lexer, _ heredocs: [Heredoc]) {
        for heredoc in heredocs {
            var line = lexer.position
            while line < lexer.end {
                let lineStop = lexer.lineEnd(from: line)
                var text = line
                if heredoc.stripTabs { while text < lineStop, lexer.bytes[text] == 9 { text += 1 } }
                var textStop = lineStop
                if textStop > text, lexer.bytes[textStop - 1] == 13 { textStop -= 1 }
                if lexer.bytes[text..<textStop].elementsEqual(heredoc.delimiter) {
                    lexer.span(.string, to: line)
                    lexer.skip(text - line)
                    lexer.span(.keyword, to: textStop)
                    lexer.skip(lineStop + 1 - lexer.position)
                    break
                }
                line = lineStop + 1
            }
            if line >= lexer.end { lexer.span(.string, to: lexer.end) }
        }
    }
}
