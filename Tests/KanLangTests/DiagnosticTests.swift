import Testing
@testable import KanLang
@testable import KanLangCore

@Suite("Diagnostics")
struct DiagnosticTests {
    @Test func rendersLikeSwiftc() {
        let file = SourceFile(name: "script.kan", text: "let a = 1\n\tlet b = * 2\n")
        let diagnostic = Diagnostic(.error, "expected an expression", at: file.location(at: 19))
        #expect(diagnostic.rendered == "script.kan:2:10: error: expected an expression\n\tlet b = * 2\n\t        ^")
    }

    @Test func columnsCountCharactersNotBytes() {
        #expect(output(of: "let αβ = \"é\" + 1") == """
            ERROR
            test.kan:1:14: error: operator '+' cannot be applied to string and number
            let αβ = "é" + 1
                         ^

            """)
    }

    @Test func runtimeErrorsPointAtTheOperator() {
        #expect(output(of: "let x = [1, 2]\nprint(x[1])\nprint(x[7])") == """
            2
            ERROR
            test.kan:3:9: error: index 7 out of range for length 2
            print(x[7])
                    ^

            """)
    }

    @Test func severalSyntaxErrorsAtOnce() {
        let text = output(of: "let = 1\nlet ok = 2\nlet b = )\nprint(ok")
        #expect(text.components(separatedBy: "error:").count - 1 == 3)
        #expect(text.hasPrefix("ERROR\ntest.kan:1:5:"))
    }
}
