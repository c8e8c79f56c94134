import Testing
@testable import WikiRender

@Suite("Highlighting, language by language")
struct HighlightLanguageTests {
    @Test("Shell: builtins, escaped quotes in a double-quoted string, a variable inside it, a comment")
    func shellStrings() {
        #expect(highlighted(#"echo "a \"b\" $HOME" # note"#, .shell)
            == spans(#"«b|echo» «s|&quot;a \&quot;b\&quot; »«v|$HOME»«s|&quot;» «c|# note»"#))
    }

    @Test("Shell: keywords, an assignment, ${…} and operators; # inside a word is not a comment")
    func shellKeywords() {
        #expect(highlighted(#"for f in *.log; do NAME=${f%.log} rm -- "$f" a#b; done"#, .shell)
            == spans(#"«k|for» f «k|in» *.log«p|;» «k|do» «v|NAME»=«v|${f%.log}» rm -- «s|&quot;»«v|$f»«s|&quot;» a#b«p|;» «k|done»"#))
    }

    @Test("Shell: builtins and assignments only where a command stands; values of assignments keep that place")
    func shellCommandPosition() {
        #expect(highlighted("kubectl get -l app=web | echo ok; X=\"a b\" Y=$Z set -e", .shell) == spans(
            "kubectl get -l app=web «p||» «b|echo» ok«p|;» «v|X»=«s|&quot;a b&quot;» «v|Y»=«v|$Z» «b|set» -e"))
    }

    @Test("Shell: a <<- heredoc body is one string up to its tab-indented terminator")
    func shellHeredoc() {
        let code = "cat <<-EOF > /tmp/out\n\thello $USER\n\tEOF\necho ok\n"
        #expect(highlighted(code, .shell)
            == spans("cat «p|&lt;&lt;-»«k|EOF» «p|&gt;» /tmp/out\n«s|\thello $USER\n»\t«k|EOF»\n«b|echo» ok\n"))
    }

    @Test("Shell: a quoted heredoc delimiter, and an unterminated heredoc runs to the end")
    func shellQuotedHeredoc() {
        #expect(highlighted("psql <<'SQL'\nselect 1;\nSQL\n", .shell)
            == spans("psql «p|&lt;&lt;»«k|'SQL'»\n«s|select 1;\n»«k|SQL»\n"))
        #expect(highlighted("cat <<END\nnever ends\n", .shell) == spans("cat «p|&lt;&lt;»«k|END»\n«s|never ends\n»"))
    }

    @Test("Console: the prompt is marked, the command highlighted, output lines left plain")
    func console() {
        let code = "$ kubectl get pods | grep -c Running\n3\n# systemctl restart nginx\n"
        #expect(highlighted(code, .console)
            == spans("«pr|$» kubectl get pods «p||» grep -c Running\n3\n«pr|#» systemctl restart nginx\n"))
    }

    @Test("YAML: nested mappings, a sequence, flow collections, comments after values, literals")
    func yamlNested() {
        let code = #"""
            # deploy
            apiVersion: apps/v1
            spec:
              replicas: 3
              containers:
                - name: "web"
                  image: nginx:1.25 # pinned
                  args: [--port, '8080']
                  enabled: true
            """#
        #expect(highlighted(code, .yaml) == spans(#"""
            «c|# deploy»
            «key|apiVersion»«p|:» «s|apps/v1»
            «key|spec»«p|:»
              «key|replicas»«p|:» «n|3»
              «key|containers»«p|:»
                «p|-» «key|name»«p|:» «s|&quot;web&quot;»
                  «key|image»«p|:» «s|nginx:1.25» «c|# pinned»
                  «key|args»«p|:» «p|[»«s|--port»«p|,» «s|'8080'»«p|]»
                  «key|enabled»«p|:» «l|true»
            """#))
    }

    @Test("YAML: a block scalar's indented lines are strings; anchors, aliases, document markers")
    func yamlBlockScalar() {
        let code = "---\nscript: |\n  echo \"hi\"\n\n  exit 0\nbase: &b\n  a: 1\nnext: *b\n"
        #expect(highlighted(code, .yaml) == spans(
            "«p|---»\n«key|script»«p|:» «p||»\n«s|  echo &quot;hi&quot;»\n\n«s|  exit 0»\n"
            + "«key|base»«p|:» «v|&amp;b»\n  «key|a»«p|:» «n|1»\n«key|next»«p|:» «v|*b»\n"))
    }

    @Test("JSON: keys, strings with escapes, numbers, literals, punctuation")
    func json() {
        #expect(highlighted(#"{"name": "a\"b", "n": -1.5e3, "ok": true, "list": [null]}"#, .json) == spans(
            #"«p|{»«key|&quot;name&quot;»«p|:» «s|&quot;a\&quot;b&quot;»«p|,» «key|&quot;n&quot;»«p|:» «n|-1.5e3»«p|,» "#
            + #"«key|&quot;ok&quot;»«p|:» «l|true»«p|,» «key|&quot;list&quot;»«p|:» «p|[»«l|null»«p|]}»"#))
    }

    @Test("SQL: keywords and functions in any case, '' inside a string, comments, a member name")
    func sql() {
        let code = "SELECT count(*) FROM users u WHERE u.name = 'O''Brien' -- x\nselect Now();\n"
        #expect(highlighted(code, .sql) == spans(
            "«k|SELECT» «b|count»«p|(*)» «k|FROM» users u «k|WHERE» u«p|.»name «p|=» «s|'O''Brien'» «c|-- x»\n"
            + "«k|select» «b|Now»«p|();»\n"))
    }

    @Test("SQL: a dollar-quoted function body is one string; block comments and parameters")
    func sqlDollarQuotes() {
        #expect(highlighted("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql; /* a\nb */ $1", .sql) == spans(
            "«k|CREATE» «k|FUNCTION» f«p|()» «k|RETURNS» «b|int» «k|AS» «s|$$ SELECT 1 $$» «k|LANGUAGE» sql«p|;» «c|/* a\nb */» «v|$1»"))
    }

    @Test("Python: decorators, keywords, literals, prefixed strings, a triple-quoted string over lines")
    func python() {
        let code = #"""
            @app.route("/x")
            def f(a=1_000, *args):
                """Doc "quoted"
                more"""
                s = rb'\d+' + f"{a!r}"  # c
                return None
            """#
        #expect(highlighted(code, .python) == spans(#"""
            «v|@app.route»«p|(»«s|&quot;/x&quot;»«p|)»
            «k|def» f«p|(»a«p|=»«n|1_000»«p|,» «p|*»args«p|):»
                «s|&quot;&quot;&quot;Doc &quot;quoted&quot;
                more&quot;&quot;&quot;»
                s «p|=» «s|rb'\d+'» «p|+» «s|f&quot;{a!r}&quot;»  «c|# c»
                «k|return» «l|None»
            """#))
    }

    @Test("Go: a raw string spanning lines keeps its backslashes; runes, hex, predeclared names")
    func go() {
        let code = #"""
            // Sum adds.
            func Sum(xs []int) int {
                s := `raw \n
            "line"`
                fmt.Println('\'', 0x1F, nil, len(s)) /* done */
            }
            """#
        #expect(highlighted(code, .go) == spans(#"""
            «c|// Sum adds.»
            «k|func» Sum«p|(»xs «p|[]»«b|int»«p|)» «b|int» «p|{»
                s «p|:=» «s|`raw \n
            &quot;line&quot;`»
                fmt«p|.»Println«p|(»«s|'\''»«p|,» «n|0x1F»«p|,» «l|nil»«p|,» «b|len»«p|(»s«p|))» «c|/* done */»
            «p|}»
            """#))
    }

    @Test("HCL: block types, keys, interpolation, function calls, a heredoc")
    func hcl() {
        let code = #"""
            resource "aws_instance" "web" {
              ami   = var.ami # comment
              tags  = { Name = "web-${var.env}" }
              count = length(var.azs)
              user_data = <<-EOT
                echo hi
              EOT
            }
            """#
        #expect(highlighted(code, .hcl) == spans(#"""
            «k|resource» «s|&quot;aws_instance&quot;» «s|&quot;web&quot;» «p|{»
              «key|ami»   «p|=» var«p|.»ami «c|# comment»
              «key|tags»  «p|=» «p|{» «key|Name» «p|=» «s|&quot;web-»«v|${var.env}»«s|&quot;» «p|}»
              «key|count» «p|=» «b|length»«p|(»var«p|.»azs«p|)»
              «key|user_data» «p|=» «p|&lt;&lt;-»«k|EOT»
            «s|    echo hi
            »  «k|EOT»
            «p|}»
            """#))
    }

    @Test("TOML: tables, dotted keys, the four strings, numbers, dates, booleans")
    func toml() {
        let code = #"""
            # config
            [server]
            host = "0.0.0.0"
            port = 8080
            tls.enabled = true
            started = 1979-05-27T07:32:00Z
            motd = """
            Hello "world"
            """
            [[peers]]
            name = 'a\b'
            ratio = -0.5
            """#
        #expect(highlighted(code, .toml) == spans(#"""
            «c|# config»
            «k|[server]»
            «key|host» «p|=» «s|&quot;0.0.0.0&quot;»
            «key|port» «p|=» «n|8080»
            «key|tls»«p|.»«key|enabled» «p|=» «l|true»
            «key|started» «p|=» «n|1979-05-27T07:32:00Z»
            «key|motd» «p|=» «s|&quot;&quot;&quot;
            Hello &quot;world&quot;
            &quot;&quot;&quot;»
            «k|[[peers]]»
            «key|name» «p|=» «s|'a\b'»
            «key|ratio» «p|=» «n|-0.5»
            """#))
    }

    @Test("Dockerfile: instructions, FROM … AS, ENV assignments, RUN as shell across a continuation")
    func dockerfile() {
        let code = #"""
            # syntax=docker/dockerfile:1
            FROM golang:1.22 AS build
            ENV CGO_ENABLED=0
            RUN go build -o /out/app ./cmd/app && \
                echo "built $VERSION"
            copy --from=build /out/app /app
            """#
        #expect(highlighted(code, .dockerfile) == spans(#"""
            «c|# syntax=docker/dockerfile:1»
            «k|FROM» golang:1.22 «k|AS» build
            «k|ENV» «v|CGO_ENABLED»=0
            «k|RUN» go build -o /out/app ./cmd/app «p|&amp;&amp;» \
                «b|echo» «s|&quot;built »«v|$VERSION»«s|&quot;»
            «k|copy» --from=build /out/app /app
            """#))
    }

    @Test("Language names: aliases in any case; unknown names are not highlighted", arguments: [
        ("bash", CodeLanguage.shell), ("ZSH", .shell), ("console", .console), ("yml", .yaml), ("JSON", .json),
        ("postgresql", .sql), ("py", .python), ("golang", .go), ("terraform", .hcl), ("toml", .toml),
        ("Dockerfile", .dockerfile),
    ])
    func languageNames(_ name: String, _ language: CodeLanguage) {
        #expect(CodeLanguage(name: Array(name.utf8)) == language)
    }

    @Test("Unknown language names", arguments: ["", "rust", "c++", "sh\"", "shellx", String(repeating: "a", count: 100)])
    func unknownNames(_ name: String) {
        #expect(CodeLanguage(name: Array(name.utf8)) == nil)
    }
}
