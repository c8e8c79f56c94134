/// SQL (the PostgreSQL, MySQL and SQLite dialects runbooks use): keywords and functions matched
/// case-insensitively, `--` and `/* */` comments, `'…'` strings (`''` escapes), PostgreSQL
/// dollar-quoted bodies, quoted identifiers, numbers, parameters and operators.
enum SQLTokenizer {
    static let keywords = Lexer.words("""
        select from where and or not in is null like ilike between exists as on join inner left right full outer \
        cross natural using group by order having limit offset union all distinct intersect except case when then \
        else end insert into values update set delete create alter drop table view index unique primary key \
        foreign references constraint default check column add rename to if cascade restrict begin commit \
        rollback transaction savepoint grant revoke with recursive returning database schema trigger function \
        procedure language returns declare execute explain analyze vacuum asc desc nulls first last true false \
        replace temporary temp sequence truncate lock for share nowait skip locked do nothing conflict materialized \
        refresh concurrently owner role show use over partition window filter within lateral
        """)
    static let builtins = Lexer.words("""
        count sum avg min max coalesce nullif greatest least now current_timestamp current_date current_user \
        length lower upper trim substring concat replace round floor ceil abs cast extract date_trunc to_char \
        to_timestamp age string_agg array_agg json_agg jsonb_agg row_number rank dense_rank lag lead \
        pg_size_pretty pg_database_size pg_relation_size pg_total_relation_size pg_terminate_backend \
        pg_cancel_backend int integer bigint smallint serial bigserial text varchar char boolean bool date time \
        timestamp timestamptz interval numeric decimal real double precision json jsonb uuid bytea
        """)
    private static let operators = Array("=<>!+-*/%|&^~.,;()[]:#".utf8)

    /// Tokenizes `lexer.position..<lexer.end`.
    static func tokenize(_ lexer: inout Lexer) {
        while !lexer.atEnd {
            let c = lexer.peek()
            switch c {
            case UInt8(ascii: "-") where lexer.peek(1) == UInt8(ascii: "-"):
                lexer.span(.comment, to: lexer.lineComment(from: lexer.position))
            case UInt8(ascii: "/") where lexer.peek(1) == UInt8(ascii: "*"):
                lexer.span(.comment, to: lexer.delimited(from: lexer.position + 2, by: Array("*/".utf8)))
            case UInt8(ascii: "'"):
                lexer.span(.string, to: lexer.quoted(from: lexer.position, escapes: false, multiline: true, doubled: true))
            case UInt8(ascii: "\""), UInt8(ascii: "`"):
                lexer.span(.variable, to: lexer.quoted(from: lexer.position, escapes: false, multiline: false, doubled: true))
            case UInt8(ascii: "$"):
                dollar(&lexer)
            case UInt8(ascii: "@"), UInt8(ascii: "?"):
                lexer.span(.variable, to: lexer.identifier(from: lexer.position + 1))
            case UInt8(ascii: ":") where Lexer.isIdentifierStart(lexer.peek(1)) && lexer.byte(at: lexer.position - 1) != UInt8(ascii: ":"):
                lexer.span(.variable, to: lexer.identifier(from: lexer.position + 1))
            case _ where lexer.startsNumber(at: lexer.position):
                lexer.span(.number, to: lexer.number(from: lexer.position))
            case _ where Lexer.isIdentifierStart(c):
                lexer.identifierToken(keywords: keywords, builtins: builtins, lowercase: true)
            case _ where operators.contains(c):
                lexer.span(.punctuation, to: lexer.run(from: lexer.position, of: operators))
            default:
                lexer.skip()
            }
        }
    }

    /// `$1` (a parameter) or a PostgreSQL dollar-quoted string `$$…$$` / `$tag$…$tag$` (§4.1.2.4).
    private static func dollar(_ lexer: inout Lexer) {
        let start = lexer.position
        if Scanner.isDigit(lexer.peek(1)) {
            var stop = start + 1
            while stop < lexer.end, Scanner.isDigit(lexer.bytes[stop]) { stop += 1 }
            lexer.span(.variable, to: stop)
            return
        }
        let tagStop = lexer.identifier(from: start + 1)
        guard lexer.byte(at: tagStop) == UInt8(ascii: "$"), tagStop - start <= 64 else { lexer.skip(); return }
        let tag = Array(lexer.bytes[start...tagStop])
        lexer.span(.string, to: lexer.delimited(from: tagStop + 1, by: tag))
    }
}
