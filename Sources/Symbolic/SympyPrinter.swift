import Exact

/// Prints an expression in SymPy/Python syntax that `sympy.sympify` (and
/// `eval` after `from sympy import *`) reads as the same expression:
/// `exp(x2**2 + sin(pi*x1))`.
///
/// Numbers stay exact: a lone rational prints as `Rational(1, 3)`, coefficients
/// as `x/3` (a SymPy object divided by an int), fractional exponents as
/// `x**Rational(3, 2)` and `sqrt(x)`; e is `E`, abs is `Abs`, undefined is `nan`.
/// The exception is a number with a decimal form (`Rational.decimalForm`: a
/// terminating decimal with a denominator above 100, such as a fitted constant
/// 2.06749): it prints as the decimal literal, which SymPy reads as a Float.
/// Symbol names that SymPy would read as something else (`E`, `I`, `N`, `S`,
/// `beta`, `gamma`, `lambda`, …), and names that are not identifiers (`m (kg)`), print as
/// `Symbol('name')`.
public struct SympyPrinter: InfixPrinting, Sendable {
    public init() {}

    public func print(_ expr: Expr) -> String { render(expr).text }

    typealias Precedence = TextPrinter.Precedence

    private static let reserved: Set<String> = [
        "E", "I", "N", "O", "Q", "S", "beta", "gamma", "zeta", "lambda", "pi", "oo", "nan", "zoo",
        "exp", "log", "sin", "cos", "tan", "sqrt", "Abs", "sign", "Rational", "Symbol", "Function",
        "Integer", "Float", "li", "Li", "Ei", "Si", "Ci", "erf", "im", "re", "arg", "binomial",
        "factorial", "gamma", "lowergamma", "uppergamma", "polygamma", "digamma", "beta", "loggamma",
        "if", "else", "and", "or", "not", "in", "is", "for", "lambda", "None", "True", "False",
        "def", "class", "return", "import", "from", "as", "with", "while", "del", "pass", "yield",
    ]

    func render(_ expr: Expr) -> (text: String, precedence: Precedence) {
        switch expr.node {
        case .number(let value):
            if let decimal = value.decimalForm { return (decimal, value.signum() < 0 ? .sum : .atom) }
            if value.isInteger {
                return (value.description, value.signum() < 0 ? .sum : .atom)
            }
            return ("Rational(\(value.numerator), \(value.denominator))", .atom)
        case .symbol(let name):
            return (SymbolName.sympy(name, reserved: Self.reserved), .atom)
        case .pi:
            return ("pi", .atom)
        case .undefined:
            return ("nan", .atom)
        case .apply(let function, let args):
            if expr == .e { return ("E", .atom) }
            let name: String
            switch function {
            case .abs: name = "Abs"
            case .named(let own): name = Self.reserved.contains(own) ? "Function('\(own)')" : own
            default: name = function.name
            }
            return ("\(name)(\(args.map(print).joined(separator: ", ")))", .atom)
        case .sum(let terms):
            return renderSum(terms)
        case .power(let base, let exponent):
            if exponent.signum() < 0 { return renderFraction(expr) }
            if exponent == Rational.oneHalf { return ("sqrt(\(print(base)))", .atom) }
            let power = exponent.isInteger ? exponent.description
                : "Rational(\(exponent.numerator), \(exponent.denominator))"
            return ("\(wrap(base, above: .power))**\(power)", .power)
        case .product:
            return renderFraction(expr)
        }
    }
}

extension Expr {
    /// The plain-text form (`TextPrinter`), readable by `Expr(parsing:)`.
    public var text: String { TextPrinter().print(self) }
    /// LaTeX in SymPy's conventions (`LatexPrinter`).
    public var latex: String { LatexPrinter().print(self) }
    /// SymPy/Python syntax (`SympyPrinter`).
    public var sympy: String { SympyPrinter().print(self) }
}
