import Testing
@testable import KanLangCore

@Suite("Lexer")
struct LexerTests {
    func kinds(_ source: String) -> [TokenKind] {
        var lexer = Lexer(file: SourceFile(name: "t", text: source))
        return lexer.tokenize().map(\.kind)
    }

    func messages(_ source: String) -> [String] {
        var lexer = Lexer(file: SourceFile(name: "t", text: source))
        _ = lexer.tokenize()
        return lexer.diagnostics.map(\.message)
    }

    @Test func tokens() {
        #expect(kinds("let x = 1.5e2 # comment") == [
            .keyword(.let), .identifier("x"), .symbol(.equal), .number(150), .endOfFile,
        ])
        #expect(kinds("a->b == c != d <= e >= f && g || !h") == [
            .identifier("a"), .symbol(.arrow), .identifier("b"), .symbol(.equalEqual), .identifier("c"),
            .symbol(.bangEqual), .identifier("d"), .symbol(.lessEqual), .identifier("e"), .symbol(.greaterEqual),
            .identifier("f"), .symbol(.ampersandAmpersand), .identifier("g"), .symbol(.pipePipe), .symbol(.bang),
            .identifier("h"), .endOfFile,
        ])
        #expect(kinds("\"a\\n\\\"b\\u{3b1}\"") == [.string("a\n\"bα"), .endOfFile])
        #expect(kinds("σ_1 cost") == [.identifier("σ_1"), .identifier("cost"), .endOfFile])
        #expect(kinds("x.y 1.5 .5 2.") == [
            .identifier("x"), .symbol(.dot), .identifier("y"), .number(1.5), .number(0.5), .number(2), .symbol(.dot), .endOfFile,
        ])
    }

    @Test func lineBreaks() {
        #expect(kinds("a\n\n\nb") == [.identifier("a"), .newline, .identifier("b"), .endOfFile])
        #expect(kinds("(a\nb)") == [.symbol(.leftParen), .identifier("a"), .identifier("b"), .symbol(.rightParen), .endOfFile])
        #expect(kinds("[a\n]") == [.symbol(.leftBracket), .identifier("a"), .symbol(.rightBracket), .endOfFile])
        #expect(kinds("{a\nb}") == [.symbol(.leftBrace), .identifier("a"), .newline, .identifier("b"), .symbol(.rightBrace), .endOfFile])
        #expect(kinds("a \\\n+ b") == [.identifier("a"), .symbol(.plus), .identifier("b"), .endOfFile])
        // An unclosed bracket ends at a line that starts a statement.
        #expect(kinds("(a\nlet") == [.symbol(.leftParen), .identifier("a"), .newline, .keyword(.let), .endOfFile])
    }

    @Test func positions() {
        var lexer = Lexer(file: SourceFile(name: "t", text: "α = 1\n  β"))
        let tokens = lexer.tokenize()
        #expect(tokens[2].location.column == 5)
        #expect(tokens[4].location.line == 2)
        #expect(tokens[4].location.column == 3)
    }

    @Test func errors() {
        #expect(messages("\"abc") == ["unterminated string literal"])
        #expect(messages("1e999") == ["number literal '1e999' is too large"])
        #expect(messages(String(repeating: "9", count: 400)) == ["number literal '99999999999999999999...' is too large"])
        #expect(messages("a $ b") == ["unexpected character '$'"])
        #expect(messages("\"\\q\"") == ["unknown escape sequence '\\q'"])
        #expect(messages("\"\\u{110000}\"") == ["invalid Unicode escape"])
        #expect(messages("\u{FFFD}") == ["invalid UTF-8 in source"])
    }
}
