/// Turns a script into tokens.
///
/// Comments run from `#` to the end of the line (so `#!/usr/bin/env kan` works).
/// Line breaks end statements except inside `(` and `[`, where an expression
/// may span lines; inside `{` they are kept, since braces hold statements.
/// The lexer never fails: bad input becomes an `.invalid` token and a diagnostic.
public struct Lexer {
    private let file: SourceFile
    private let scalars: [Unicode.Scalar]
    private var position = 0
    /// Open brackets, innermost last, to decide whether a line break counts.
    private var brackets: [Punctuation] = []
    public private(set) var diagnostics: [Diagnostic] = []
    /// True when the text ends inside a string literal (the REPL then asks for more).
    public private(set) var endsInsideString = false

    public init(file: SourceFile) {
        self.file = file
        self.scalars = file.scalars
    }

    /// The number of brackets still open at the end (after `tokenize`).
    public var openBracketCount: Int { brackets.count }

    /// All tokens, ending with `.endOfFile`.
    public mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = next()
            // Collapse runs of line breaks; they carry no meaning beyond the first.
            if token.kind == .newline, let last = tokens.last, last.kind == .newline { continue }
            tokens.append(token)
            if token.kind == .endOfFile { return tokens }
        }
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let index = position + ahead
        return index < scalars.count ? scalars[index] : nil
    }

    private func make(_ kind: TokenKind, from start: Int) -> Token {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[start..<position])
        return Token(kind: kind, location: file.location(at: start), text: String(text), end: position)
    }

    private mutating func error(_ message: String, at offset: Int) {
        diagnostics.append(Diagnostic(.error, message, at: file.location(at: offset)))
    }

    private mutating func next() -> Token {
        skipSpaceAndComments()
        let start = position
        guard let scalar = peek() else { return make(.endOfFile, from: start) }
        position += 1
        if scalar == "\n" { return make(.newline, from: start) }
        if Lexer.isDigit(scalar) || (scalar == "." && peek().map(Lexer.isDigit) == true) {
            return number(from: start)
        }
        if Lexer.isIdentifierStart(scalar) { return identifier(from: start) }
        if scalar == "\"" { return string(from: start) }
        return punctuation(scalar, from: start)
    }

    private mutating func skipSpaceAndComments() {
        while let scalar = peek() {
            if scalar == "\n" {
                // A line break inside ( or [ is only white space.
                guard let innermost = brackets.last, innermost != .leftBrace else { return }
                // ...unless the next line starts a statement: then a bracket was left
                // open by mistake, and ending the line here lets the parser recover.
                if startsStatementKeyword(at: position + 1) {
                    while let last = brackets.last, last != .leftBrace { brackets.removeLast() }
                    return
                }
                position += 1
            } else if scalar == " " || scalar == "\t" || scalar == "\r" {
                position += 1
            } else if scalar == "\\", peek(1) == "\n" {
                position += 2  // an explicit line continuation
            } else if scalar == "#" {
                while let next = peek(), next != "\n" { position += 1 }
            } else {
                return
            }
        }
    }

    /// Keywords that can only begin a statement, never continue an expression.
    private static let statementKeywords: Set<String> = [
        "let", "fn", "if", "while", "for", "return", "break", "continue", "import", "primitive", "symbols",
    ]

    private func startsStatementKeyword(at offset: Int) -> Bool {
        var index = offset
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" || scalars[index] == "\r" { index += 1 }
        var word = String.UnicodeScalarView()
        while index < scalars.count, Lexer.isIdentifierStart(scalars[index]) || Lexer.isDigit(scalars[index]), word.count < 10 {
            word.append(scalars[index])
            index += 1
        }
        let next = index < scalars.count ? scalars[index] : " "
        return !(Lexer.isIdentifierStart(next) || Lexer.isDigit(next)) && Lexer.statementKeywords.contains(String(word))
    }

    private mutating func number(from start: Int) -> Token {
        while let scalar = peek(), Lexer.isDigit(scalar) || scalar == "_" { position += 1 }
        if peek() == ".", peek(1).map(Lexer.isDigit) == true {
            position += 1
            while let scalar = peek(), Lexer.isDigit(scalar) || scalar == "_" { position += 1 }
        }
        if let e = peek(), e == "e" || e == "E" {
            let sign = peek(1) == "+" || peek(1) == "-" ? 1 : 0
            if peek(1 + sign).map(Lexer.isDigit) == true {
                position += 1 + sign
                while let scalar = peek(), Lexer.isDigit(scalar) { position += 1 }
            }
        }
        let token = make(.invalid, from: start)
        let digits = String(token.text.filter { $0 != "_" })
        guard let value = Double(digits) else {
            error("malformed number literal '\(token.text)'", at: start)
            return token
        }
        guard value.isFinite else {
            error("number literal '\(Lexer.abbreviate(token.text))' is too large", at: start)
            return token
        }
        return make(.number(value), from: start)
    }

    private mutating func identifier(from start: Int) -> Token {
        while let scalar = peek(), Lexer.isIdentifierStart(scalar) || Lexer.isDigit(scalar) { position += 1 }
        let token = make(.invalid, from: start)
        if let keyword = Keyword(rawValue: token.text) { return make(.keyword(keyword), from: start) }
        return make(.identifier(token.text), from: start)
    }

    private mutating func string(from start: Int) -> Token {
        var value = String.UnicodeScalarView()
        while true {
            guard let scalar = peek(), scalar != "\n" else {
                error("unterminated string literal", at: start)
                endsInsideString = peek() == nil
                return make(.invalid, from: start)
            }
            position += 1
            if scalar == "\"" { return make(.string(String(value)), from: start) }
            guard scalar == "\\" else { value.append(scalar); continue }
            let escapeStart = position - 1
            guard let escaped = peek() else { continue }
            position += 1
            switch escaped {
            case "n": value.append("\n")
            case "t": value.append("\t")
            case "r": value.append("\r")
            case "0": value.append("\0")
            case "\\", "\"": value.append(escaped)
            case "\n": break  // a string continued on the next line
            case "u" where peek() == "{":
                position += 1
                var hex = ""
                while let digit = peek(), digit != "}", digit != "\"", digit != "\n", hex.count < 9 {
                    hex.unicodeScalars.append(digit)
                    position += 1
                }
                if peek() == "}" { position += 1 }
                if hex.count <= 8, let code = UInt32(hex, radix: 16), let unicode = Unicode.Scalar(code) {
                    value.append(unicode)
                } else {
                    error("invalid Unicode escape", at: escapeStart)
                }
            default:
                error("unknown escape sequence '\\\(escaped)'", at: escapeStart)
            }
        }
    }

    private mutating func punctuation(_ scalar: Unicode.Scalar, from start: Int) -> Token {
        let two = peek().map { String(scalar) + String($0) }
        if let two, let symbol = Punctuation(rawValue: two) {
            position += 1
            return make(.symbol(symbol), from: start)
        }
        guard let symbol = Punctuation(rawValue: String(scalar)) else {
            if scalar == "\u{FFFD}" {
                error("invalid UTF-8 in source", at: start)
            } else {
                error("unexpected character '\(scalar.escaped(asASCII: true))'", at: start)
            }
            return make(.invalid, from: start)
        }
        switch symbol {
        case .leftParen, .leftBracket, .leftBrace:
            brackets.append(symbol)
        case .rightParen, .rightBracket, .rightBrace:
            if !brackets.isEmpty { brackets.removeLast() }
        default: break
        }
        return make(.symbol(symbol), from: start)
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar >= "0" && scalar <= "9" }

    static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" || (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") { return true }
        // Greek and other letters are welcome in scientific names (α, σ, Δt).
        return scalar.value > 127 && scalar.properties.isAlphabetic
    }

    /// Long literals are shortened in messages so one line never floods the terminal.
    static func abbreviate(_ text: String) -> String {
        text.count <= 24 ? text : String(text.prefix(20)) + "..."
    }
}
