/// Expressions by precedence climbing. From loosest to tightest:
///
///     ->            lambda (right)
///     or  ||
///     and &&
///     == !=
///     < <= > >=
///     + -
///     * / %
///     - + not !     unary prefix
///     ^             power (right): -x^2 is -(x^2), 2^-1 is 2^(-1)
///     f(...) a[i] a.b   postfix
extension Parser {
    /// Binding power of a binary operator token, or nil if it is not one.
    static func precedence(of kind: TokenKind) -> Int? {
        switch kind {
        case .keyword(.or), .symbol(.pipePipe): 1
        case .keyword(.and), .symbol(.ampersandAmpersand): 2
        case .symbol(.equalEqual), .symbol(.bangEqual): 3
        case .symbol(.less), .symbol(.lessEqual), .symbol(.greater), .symbol(.greaterEqual): 4
        case .symbol(.plus), .symbol(.minus): 5
        case .symbol(.star), .symbol(.slash), .symbol(.percent): 6
        default: nil
        }
    }

    static let unaryPrecedence = 7

    mutating func parseExpression() throws(Abandon) -> Expression {
        if let lambda = try parseLambdaIfPresent() { return lambda }
        return try parseBinary(minimum: 1)
    }

    /// Left-associative binary operators at or above `minimum`.
    mutating func parseBinary(minimum: Int) throws(Abandon) -> Expression {
        try enter()
        defer { leave() }
        var left = try parseUnary()
        // A chain `a + b + c` nests to the left, one level per operator.
        var levels = 0
        defer { depth -= levels }
        while let precedence = Parser.precedence(of: peek.kind), precedence >= minimum {
            let operatorToken = advance()
            skipNewlinesBeforeOperand()  // an operator at the end of a line continues the expression
            let right = try parseBinary(minimum: precedence + 1)
            left = Parser.combine(operatorToken, left, right)
            try enter()
            levels += 1
        }
        return left
    }

    static func combine(_ token: Token, _ left: Expression, _ right: Expression) -> Expression {
        let kind: Expression.Kind
        switch token.kind {
        case .keyword(.or), .symbol(.pipePipe): kind = .logical(.or, left, right)
        case .keyword(.and), .symbol(.ampersandAmpersand): kind = .logical(.and, left, right)
        case .symbol(.equalEqual): kind = .binary(.equal, left, right)
        case .symbol(.bangEqual): kind = .binary(.notEqual, left, right)
        case .symbol(.less): kind = .binary(.less, left, right)
        case .symbol(.lessEqual): kind = .binary(.lessEqual, left, right)
        case .symbol(.greater): kind = .binary(.greater, left, right)
        case .symbol(.greaterEqual): kind = .binary(.greaterEqual, left, right)
        case .symbol(.plus): kind = .binary(.add, left, right)
        case .symbol(.minus): kind = .binary(.subtract, left, right)
        case .symbol(.star): kind = .binary(.multiply, left, right)
        case .symbol(.slash): kind = .binary(.divide, left, right)
        default: kind = .binary(.remainder, left, right)
        }
        return Expression(kind, at: token.location)
    }

    mutating func parseUnary() throws(Abandon) -> Expression {
        let token = peek
        let op: UnaryOperator?
        switch token.kind {
        case .symbol(.minus): op = .negate
        case .symbol(.plus): op = .plus
        case .symbol(.bang), .keyword(.not): op = .not
        default: op = nil
        }
        guard let op else { return try parsePower() }
        advance()
        try enter()
        defer { leave() }
        return Expression(.unary(op, try parseUnary()), at: token.location)
    }

    /// `base ^ exponent`, right-associative; the exponent may carry a sign.
    mutating func parsePower() throws(Abandon) -> Expression {
        let base = try parsePostfix()
        guard check(.caret) else { return base }
        let token = advance()
        skipNewlinesBeforeOperand()
        try enter()
        defer { leave() }
        let exponent = try parseUnary()
        return Expression(.binary(.power, base, exponent), at: token.location)
    }

    mutating func parsePostfix() throws(Abandon) -> Expression {
        var expression = try parsePrimary()
        var levels = 0
        defer { depth -= levels }
        while true {
            if check(.leftParen) {
                let token = advance()
                expression = Expression(.call(expression, try parseArguments()), at: token.location)
            } else if check(.leftBracket) {
                let token = advance()
                // Inside an index `:` can only mean a slice (named arguments and record
                // fields never appear directly in brackets).
                let start = check(.colon) ? nil : try parseExpression()
                if check(.colon) {
                    advance()
                    let end = check(.rightBracket) ? nil : try parseExpression()
                    try expect(.rightBracket, "after the slice")
                    expression = Expression(.slice(expression, start: start, end: end), at: token.location)
                } else if let index = start {
                    try expect(.rightBracket, "after the index")
                    expression = Expression(.index(expression, index), at: token.location)
                }
            } else if check(.dot) {
                advance()
                let name = try expectIdentifier("a field name after '.'")
                expression = Expression(.member(expression, name.text), at: name.location)
            } else {
                return expression
            }
            // Each postfix level nests the tree one deeper.
            try enter()
            levels += 1
        }
    }

    /// Arguments after `(`, up to and including `)`.
    mutating func parseArguments() throws(Abandon) -> [Argument] {
        var arguments: [Argument] = []
        var labels = Set<String>()
        while !check(.rightParen) {
            let start = peek
            var label: String?
            if case .identifier(let name) = start.kind, peek(at: 1).kind == .symbol(.colon) {
                advance()
                advance()
                guard labels.insert(name).inserted else {
                    throw error("argument '\(name)' given twice", at: start.location)
                }
                label = name
            } else if !labels.isEmpty {
                throw error("positional argument after named arguments", at: start.location)
            }
            arguments.append(Argument(label: label, value: try parseExpression(), location: start.location))
            if !match(.comma) { break }
        }
        try expect(.rightParen, "after the arguments")
        return arguments
    }

    mutating func parsePrimary() throws(Abandon) -> Expression {
        let token = peek
        switch token.kind {
        case .number(let value):
            advance()
            return Expression(.number(Number(literal: token.text, value: value), text: token.text), at: token.location)
        case .string(let value):
            advance()
            return Expression(.string(value), at: token.location)
        case .keyword(.true), .keyword(.false):
            advance()
            return Expression(.boolean(token.kind == .keyword(.true)), at: token.location)
        case .keyword(.nil):
            advance()
            return Expression(.nil, at: token.location)
        case .identifier(let name):
            advance()
            return Expression(.variable(name), at: token.location)
        case .symbol(.leftParen):
            advance()
            try enter()
            defer { leave() }
            let inner = try parseExpression()
            try expect(.rightParen, "to close the parenthesis")
            return inner
        case .symbol(.leftBracket):
            advance()
            try enter()
            defer { leave() }
            var elements: [Expression] = []
            while !check(.rightBracket) {
                elements.append(try parseExpression())
                if !match(.comma) { break }
            }
            try expect(.rightBracket, "to close the list")
            return Expression(.list(elements), at: token.location)
        case .symbol(.leftBrace):
            return try parseRecord()
        default:
            throw error("expected an expression")
        }
    }

    /// `{key: value, "other key": value}`; line breaks between entries are allowed.
    mutating func parseRecord() throws(Abandon) -> Expression {
        let start = advance()
        try enter()
        defer { leave() }
        var entries: [(key: String, value: Expression)] = []
        var keys = Set<String>()
        skipNewlines()
        while !check(.rightBrace) {
            let keyToken = advance()
            let key: String
            switch keyToken.kind {
            case .identifier(let name): key = name
            case .string(let text): key = text
            case .keyword(let keyword): key = keyword.rawValue
            default:
                current -= 1
                throw error("expected a field name in the record")
            }
            guard keys.insert(key).inserted else { throw error("field '\(key)' given twice", at: keyToken.location) }
            try expect(.colon, "after the field name")
            skipNewlines()
            entries.append((key, try parseExpression()))
            skipNewlines()
            if !match(.comma) { break }
            skipNewlines()
        }
        try expect(.rightBrace, "to close the record")
        return Expression(.record(entries), at: start.location)
    }

    /// `x -> body`, `(x, y) -> body` or `() -> body`, found by looking ahead for `->`.
    mutating func parseLambdaIfPresent() throws(Abandon) -> Expression? {
        let start = peek
        if case .identifier(let name) = start.kind, peek(at: 1).kind == .symbol(.arrow) {
            advance()
            advance()
            skipNewlinesBeforeOperand()
            try enter()
            defer { leave() }
            let parameter = Parameter(name: name, defaultValue: nil, location: start.location)
            let body = try parseFunctionBody(requireBlock: false)
            let definition = FunctionDefinition(name: nil, parameters: [parameter], body: body, at: start.location)
            return Expression(.lambda(definition), at: start.location)
        }
        guard check(.leftParen), isParenthesizedLambda() else { return nil }
        advance()
        try enter()
        defer { leave() }
        let parameters = try parseParameters()
        try expect(.arrow, "after the lambda parameters")
        skipNewlinesBeforeOperand()
        let body = try parseFunctionBody(requireBlock: false)
        let definition = FunctionDefinition(name: nil, parameters: parameters, body: body, at: start.location)
        return Expression(.lambda(definition), at: start.location)
    }

    /// Whether the `(` at the current token closes on a `)` followed by `->`.
    func isParenthesizedLambda() -> Bool {
        let after = afterClosingParen[min(current, afterClosingParen.count - 1)]
        return after > 0 && after < tokens.count && tokens[after].kind == .symbol(.arrow)
    }
}
