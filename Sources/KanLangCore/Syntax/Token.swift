/// The kinds of token the lexer produces.
public enum TokenKind: Equatable, Sendable {
    case number(Double)
    case string(String)
    case identifier(String)
    case keyword(Keyword)
    case symbol(Punctuation)
    /// A line break that ends a statement (line breaks inside `(` and `[` are dropped).
    case newline
    case endOfFile
    /// Text the lexer could not read; it has already reported a diagnostic.
    case invalid
}

/// Reserved words. `cost` is not one: it is recognised only inside `primitive`.
public enum Keyword: String, CaseIterable, Sendable {
    case `let`, `fn`, `if`, `else`, `for`, `in`, `while`, `return`, `break`, `continue`
    case `true`, `false`, `nil`, `and`, `or`, `not`, `import`, `primitive`, `symbols`

    /// Keywords that can only begin a statement, never appear inside an expression.
    var startsStatement: Bool {
        switch self {
        case .let, .fn, .if, .while, .for, .return, .break, .continue, .import, .primitive, .symbols: true
        default: false
        }
    }
}

/// Operators and punctuation.
public enum Punctuation: String, CaseIterable, Sendable {
    case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
    case leftBrace = "{", rightBrace = "}", comma = ",", dot = ".", colon = ":", semicolon = ";"
    case plus = "+", minus = "-", star = "*", slash = "/", percent = "%", caret = "^"
    case equal = "=", equalEqual = "==", bang = "!", bangEqual = "!="
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case arrow = "->", ampersandAmpersand = "&&", pipePipe = "||"
}

/// A token: its kind, where it starts, and the text it was read from.
public struct Token: Sendable {
    public var kind: TokenKind
    public var location: SourceLocation
    /// The exact source text (number literals keep it so they can become exact rationals).
    public var text: String
    /// Scalar offset just past the token.
    var end: Int
}
