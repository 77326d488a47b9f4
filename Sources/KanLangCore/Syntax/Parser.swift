/// Builds the syntax tree from tokens: statements by recursive descent,
/// expressions by precedence climbing (Pratt).
///
/// On a syntax error the parser records a diagnostic, skips to the next
/// statement boundary (a line break, `;` or `}` at the same nesting) and
/// goes on, so one run reports several errors.
public struct Parser {
    /// The deepest nesting of brackets, blocks and operators accepted; deeper input
    /// gets an error instead of exhausting the stack.
    public static let maxDepth = 1_000
    /// Parsing stops after this many errors; the rest would mostly be echoes.
    public static let maxErrors = 50

    var tokens: [Token]
    /// For each token, how many `{` are open before it: recovery skips to a
    /// statement boundary at the depth where the failed statement started.
    var braceDepths: [Int]
    /// For each `(`, the index of the token after its matching `)` (or -1), so
    /// telling `(a, b) -> ...` from `(a + b)` costs one lookup.
    var afterClosingParen: [Int]
    var current = 0
    var depth = 0
    /// Nesting of loops and functions, to reject a stray `break` or `return`.
    var loopDepth = 0
    var functionDepth = 0
    let file: SourceFile
    public private(set) var diagnostics: [Diagnostic] = []

    /// Thrown to abandon the statement being parsed; its diagnostic is already recorded.
    struct Abandon: Error {}

    public init(file: SourceFile) {
        self.file = file
        var lexer = Lexer(file: file)
        tokens = lexer.tokenize()
        diagnostics = lexer.diagnostics
        var depth = 0
        braceDepths = tokens.map { token in
            defer {
                if token.kind == .symbol(.leftBrace) { depth += 1 }
                if token.kind == .symbol(.rightBrace) { depth = max(0, depth - 1) }
            }
            return depth
        }
        afterClosingParen = Array(repeating: -1, count: tokens.count)
        var open: [Int] = []
        for (index, token) in tokens.enumerated() {
            switch token.kind {
            case .symbol(.leftParen): open.append(index)
            case .symbol(.rightParen): if let start = open.popLast() { afterClosingParen[start] = index + 1 }
            default: break
            }
        }
    }

    /// Parses a whole script. Diagnostics (lexical and syntactic) are in `diagnostics`.
    public mutating func parse() -> [Statement] {
        var statements: [Statement] = []
        skipSeparators()
        while !isAtEnd && diagnostics.count < Parser.maxErrors {
            if check(.rightBrace) {
                _ = error("unmatched '}'", at: peek.location)
                advance()
            } else if let statement = parseStatementRecovering() {
                statements.append(statement)
            }
            skipSeparators()
        }
        // Lexical and syntax errors were found in two passes; report them in source order.
        diagnostics.sort { ($0.location?.offset ?? 0) < ($1.location?.offset ?? 0) }
        return statements
    }

    /// Parses a source text; throws all diagnostics if there is any error.
    public static func parse(_ file: SourceFile) throws(Diagnostics) -> [Statement] {
        var parser = Parser(file: file)
        let statements = parser.parse()
        if !parser.diagnostics.isEmpty { throw Diagnostics(parser.diagnostics) }
        return statements
    }

    // MARK: Token access

    var peek: Token { tokens[min(current, tokens.count - 1)] }
    var isAtEnd: Bool { peek.kind == .endOfFile }

    func peek(at ahead: Int) -> Token { tokens[min(current + ahead, tokens.count - 1)] }

    @discardableResult
    mutating func advance() -> Token {
        let token = peek
        if current < tokens.count - 1 { current += 1 }
        return token
    }

    func check(_ symbol: Punctuation) -> Bool { peek.kind == .symbol(symbol) }
    func check(_ keyword: Keyword) -> Bool { peek.kind == .keyword(keyword) }

    mutating func match(_ symbol: Punctuation) -> Bool {
        guard check(symbol) else { return false }
        advance()
        return true
    }

    mutating func match(_ keyword: Keyword) -> Bool {
        guard check(keyword) else { return false }
        advance()
        return true
    }

    @discardableResult
    mutating func expect(_ symbol: Punctuation, _ context: String) throws(Abandon) -> Token {
        guard check(symbol) else { throw error("expected '\(symbol.rawValue)' \(context)") }
        return advance()
    }

    mutating func expectIdentifier(_ context: String) throws(Abandon) -> Token {
        guard case .identifier = peek.kind else { throw error("expected \(context)") }
        return advance()
    }

    /// Records an error at the current token (or `location`) and returns the abandon signal.
    mutating func error(_ message: String, at location: SourceLocation? = nil) -> Abandon {
        let token = peek
        var text = message
        // One error per place: recovery must not repeat itself.
        if let last = diagnostics.last, last.location == (location ?? token.location) { return Abandon() }
        if location == nil {
            switch token.kind {
            case .endOfFile: text += ", found end of input"
            case .newline: text += ", found end of line"
            case .invalid: return Abandon()  // the lexer already reported it
            default: text += ", found '\(Lexer.abbreviate(token.text))'"
            }
        }
        diagnostics.append(Diagnostic(.error, text, at: location ?? token.location))
        return Abandon()
    }

    /// Counts one level of nesting; errors past `maxDepth`.
    mutating func enter() throws(Abandon) {
        depth += 1
        if depth > Parser.maxDepth {
            throw error("nesting is too deep (more than \(Parser.maxDepth) levels)", at: peek.location)
        }
    }

    mutating func leave() { depth -= 1 }

    mutating func skipNewlines() {
        while peek.kind == .newline { advance() }
    }

    /// Skips line breaks where an expression must continue (after `=` or an operator),
    /// unless the next line starts a statement: then the expression is missing, and
    /// reporting it here keeps the next line's statement intact.
    mutating func skipNewlinesBeforeOperand() {
        guard peek.kind == .newline else { return }
        var index = current
        while index < tokens.count, tokens[index].kind == .newline { index += 1 }
        if index < tokens.count, case .keyword(let keyword) = tokens[index].kind, keyword.startsStatement { return }
        current = min(index, tokens.count - 1)
    }

    mutating func skipSeparators() {
        while peek.kind == .newline || check(.semicolon) { advance() }
    }

    /// Skips to the end of a statement that began at token `start`: a line break
    /// or `;` at its brace depth, or the `}` that closes its enclosing block (left
    /// for the block's owner). Always moves past `start`, so recovery progresses.
    mutating func synchronize(from start: Int) {
        let level = braceDepths[min(start, braceDepths.count - 1)]
        if current <= start { current = min(start + 1, tokens.count - 1) }
        while !isAtEnd {
            let depth = braceDepths[current]
            switch peek.kind {
            case .newline, .symbol(.semicolon):
                if depth == level { return }
            case .symbol(.rightBrace):
                if depth == level { return }
            default: break
            }
            advance()
        }
    }
}
