import Exact

/// Reads the text form printed by `TextPrinter` (and ordinary hand-written
/// formulas) into a canonical `Expr`; `Expr(parsing: TextPrinter().print(e)) == e`.
///
/// Grammar, loosest first:
///
///     expression := term (("+" | "-") term)*
///     term       := unary (("*" | "/") unary)*
///     unary      := ("-" | "+") unary | power
///     power      := primary (("^" | "**") unary)?       right-associative
///     primary    := number | name | name "(" expression ("," expression)* ")"
///                 | "(" expression ")"
///
/// `pi`, `e` and `nan` are the constants; `sqrt(x)` is x^(1/2); built-in function
/// names take one argument, other names followed by `(` are user functions.
/// Decimal literals are exact (`0.1` is 1/10). A non-numeric exponent `a^b`
/// becomes `exp(b*log(a))` (and `e^b` becomes `exp(b)`).
///
/// Errors are `ParseError`s with a column; nesting deeper than `maximumDepth`
/// is an error rather than a stack overflow.
public struct Parser {
    /// Deepest nesting of parentheses, unary operators and powers accepted.
    public static let maximumDepth = 200

    private let tokens: [Lexer.Token]
    private var position = 0
    private var depth = 0

    private init(tokens: [Lexer.Token]) { self.tokens = tokens }

    /// Parses a whole string as one expression.
    public static func parse(_ text: String) throws(ParseError) -> Expr {
        var parser = Parser(tokens: try Lexer.tokens(text))
        let expr = try parser.expression()
        if parser.current.kind != .end {
            throw ParseError(column: parser.current.column, message: "unexpected \(parser.current.kind.spelling) after the expression")
        }
        return expr
    }

    private var current: Lexer.Token { tokens[position] }

    private mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    private mutating func expression() throws(ParseError) -> Expr {
        Expr.sum(try terms().map(Expr.product))
    }

    /// The terms of a sum, each as its list of factors (not yet multiplied, so
    /// that a divisor `(3*(x - 4))` can be inverted factor by factor).
    private mutating func terms() throws(ParseError) -> [[Expr]] {
        try descend()
        defer { depth -= 1 }
        var terms = [try factors()]
        while true {
            switch current.kind {
            case .plus: advance(); terms.append(try factors())
            case .minus: advance(); terms.append([.minusOne] + (try factors()))
            default: return terms
            }
        }
    }

    private mutating func factors() throws(ParseError) -> [Expr] {
        // A leading sign is a factor -1 of the whole term, so that
        // `-(x - 4)/(2*x)` is -1 · (x - 4) · (2x)^-1 and not (4 - x)/(2x).
        var negative = false
        while current.kind == .minus || current.kind == .plus {
            if current.kind == .minus { negative.toggle() }
            advance()
        }
        var factors = negative ? [Expr.minusOne, try unary()] : [try unary()]
        while true {
            switch current.kind {
            case .star: advance(); factors.append(try unary())
            case .slash: advance(); factors += try divisor()
            default: return factors
            }
        }
    }

    /// The reciprocal of what follows a `/`, as factors. A parenthesised product
    /// is inverted factor by factor, `x/(3*(x - 4))` = x · 3^-1 · (x - 4)^-1, as
    /// `TextPrinter` writes it; multiplying first would distribute 3 over the sum.
    private mutating func divisor() throws(ParseError) -> [Expr] {
        guard current.kind == .leftParenthesis else { return [Expr.power(try unary(), Rational(-1))] }
        let open = current
        advance()
        let inner = try terms()
        try expect(.rightParenthesis, "')' to close the '(' at column \(open.column)")
        if current.kind == .caret {
            advance()
            let base = Expr.sum(inner.map(Expr.product))
            return [Expr.power(Expr.power(base, try unary()), Rational(-1))]
        }
        if inner.count == 1 { return inner[0].map { Expr.power($0, Rational(-1)) } }
        return [Expr.power(Expr.sum(inner.map(Expr.product)), Rational(-1))]
    }

    private mutating func unary() throws(ParseError) -> Expr {
        try descend()
        defer { depth -= 1 }
        switch current.kind {
        case .minus: advance(); return -(try unary())
        case .plus: advance(); return try unary()
        default: return try power()
        }
    }

    private mutating func power() throws(ParseError) -> Expr {
        let base = try primary()
        guard current.kind == .caret else { return base }
        advance()
        return Expr.power(base, try unary())
    }

    private mutating func primary() throws(ParseError) -> Expr {
        let token = current
        switch token.kind {
        case .number(let literal):
            advance()
            return try number(literal, column: token.column)
        case .identifier(let name):
            advance()
            if current.kind == .leftParenthesis { return try application(name, column: token.column) }
            switch name {
            case "pi": return .pi
            case "e": return .e
            case "nan": return .undefined
            default:
                if name == "sqrt" || Expr.Function(builtin: name) != nil {
                    throw ParseError(column: current.column, message: "expected '(' after function name '\(name)'")
                }
                return .symbol(name)
            }
        case .quotedName(let name):
            advance()
            return .symbol(name)
        case .leftParenthesis:
            advance()
            let inner = try expression()
            try expect(.rightParenthesis, "')' to close the '(' at column \(token.column)")
            return inner
        default:
            throw ParseError(column: token.column, message: "expected a number, a name or '(' but found \(token.kind.spelling)")
        }
    }

    private mutating func application(_ name: String, column: Int) throws(ParseError) -> Expr {
        advance()  // "("
        var args = [try expression()]
        while current.kind == .comma {
            advance()
            args.append(try expression())
        }
        try expect(.rightParenthesis, "')' or ',' in the arguments of '\(name)'")
        if name == "sqrt" || Expr.Function(builtin: name) != nil {
            guard args.count == 1 else {
                throw ParseError(column: column, message: "'\(name)' takes 1 argument, not \(args.count)")
            }
            return name == "sqrt" ? Expr.sqrt(args[0]) : Expr.apply(Expr.Function(builtin: name) ?? .named(name), args)
        }
        if ["pi", "e", "nan"].contains(name) {
            throw ParseError(column: column, message: "'\(name)' is a constant, not a function")
        }
        return Expr.apply(.named(name), args)
    }

    private func number(_ literal: String, column: Int) throws(ParseError) -> Expr {
        var mantissa = Substring(literal)
        var exponent = 0
        if let e = literal.firstIndex(of: "e") {
            mantissa = literal[..<e]
            guard let value = Int(literal[literal.index(after: e)...]), Swift.abs(value) <= 1000 else {
                throw ParseError(column: column, message: "exponent of '\(literal)' out of range (at most 1000)")
            }
            exponent = value
        }
        if mantissa.hasSuffix(".") { mantissa = mantissa.dropLast() }
        if mantissa.hasPrefix(".") { mantissa = "0" + mantissa }
        guard let value = try? Rational(parsing: String(mantissa)),
              let scale = try? Rational(10).power(exponent) else {
            throw ParseError(column: column, message: "malformed number '\(literal)'")
        }
        return .number(value * scale)
    }

    private mutating func expect(_ kind: Lexer.Kind, _ what: String) throws(ParseError) {
        guard current.kind == kind else {
            throw ParseError(column: current.column, message: "expected \(what) but found \(current.kind.spelling)")
        }
        advance()
    }

    private mutating func descend() throws(ParseError) {
        depth += 1
        if depth > Parser.maximumDepth {
            throw ParseError(column: current.column, message: "expression nested deeper than \(Parser.maximumDepth) levels")
        }
    }
}

extension Lexer.Kind {
    var spelling: String {
        switch self {
        case .number(let literal): "number '\(literal)'"
        case .identifier(let name): "name '\(name)'"
        case .quotedName(let name): "name `\(name)`"
        case .plus: "'+'"
        case .minus: "'-'"
        case .star: "'*'"
        case .slash: "'/'"
        case .caret: "'^'"
        case .leftParenthesis: "'('"
        case .rightParenthesis: "')'"
        case .comma: "','"
        case .end: "end of input"
        }
    }
}

extension Expr {
    /// Parses the text form (see `Parser`).
    public init(parsing text: String) throws(ParseError) {
        self = try Parser.parse(text)
    }
}
