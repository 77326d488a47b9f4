import Exact

/// Prints an expression as plain text that `Expr(parsing:)` reads back to the
/// same expression: `exp(x2^2 + sin(pi*x1))`.
///
/// Conventions: `+ - * /` and `^` (right-associative, binding tighter than
/// unary minus: `-x^2` is `-(x^2)`); `x - y`, `-x`, `x/y`, `2*x/(3*y^2)`;
/// the power 1/2 prints as `sqrt(x)` and other fractional powers as
/// `x^(3/2)`; numbers with a decimal form (`Rational.decimalForm`, such as a fitted
/// constant 2.06749, read back exactly) as decimals; the constants as `pi` and `e` (`exp(1)`); `nan` for
/// `Expr.undefined`; user functions as `f(x, y)`; a symbol whose name is not an identifier
/// (`m (kg)`) in backquotes (`SymbolName.text`).
public struct TextPrinter: InfixPrinting, Sendable {
    public init() {}

    public func print(_ expr: Expr) -> String { render(expr).text }

    /// Binding strength of what was printed, to decide on parentheses.
    enum Precedence: Int, Comparable {
        case sum = 1, product = 2, power = 3, atom = 4
        static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    }

    func render(_ expr: Expr) -> (text: String, precedence: Precedence) {
        switch expr.node {
        case .number(let value):
            if let decimal = value.decimalForm { return (decimal, value.signum() < 0 ? .sum : .atom) }
            if value.signum() < 0 { return (value.description, .sum) }
            return (value.description, value.isInteger ? .atom : .product)
        case .symbol(let name):
            return (SymbolName.text(name), .atom)
        case .pi:
            return ("pi", .atom)
        case .undefined:
            return ("nan", .atom)
        case .apply(let function, let args):
            if expr == .e { return ("e", .atom) }
            return ("\(function.name)(\(args.map(print).joined(separator: ", ")))", .atom)
        case .sum(let terms):
            return renderSum(terms)
        case .power(let base, let exponent):
            if exponent.signum() < 0 { return renderFraction(expr) }
            if exponent == Rational.oneHalf { return ("sqrt(\(print(base)))", .atom) }
            let power = exponent.isInteger ? exponent.description : "(\(exponent))"
            return ("\(wrap(base, above: .power))^\(power)", .power)
        case .product:
            return renderFraction(expr)
        }
    }
}
