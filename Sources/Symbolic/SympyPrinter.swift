import Exact

/// Prints an expression in SymPy/Python syntax that `sympy.sympify` (and
/// `eval` after `from sympy import *`) reads as the same expression:
/// `exp(x2**2 + sin(pi*x1))`.
///
/// Numbers stay exact: a lone rational prints as `Rational(1, 3)`, coefficients
/// as `x/3` (a SymPy object divided by an int), fractional exponents as
/// `x**Rational(3, 2)` and `sqrt(x)`; e is `E`, abs is `Abs`, undefined is `nan`.
/// Symbol names that SymPy would read as something else (`E`, `I`, `N`, `S`,
/// `beta`, `gamma`, `lambda`, …) print as `Symbol('name')`.
public struct SympyPrinter: Sendable {
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
            if value.isInteger {
                return (value.description, value.signum() < 0 ? .sum : .atom)
            }
            return ("Rational(\(value.numerator), \(value.denominator))", .atom)
        case .symbol(let name):
            return (Self.reserved.contains(name) ? "Symbol('\(name)')" : name, .atom)
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
            var text = ""
            for (index, term) in DisplayForm.orderedTerms(terms).enumerated() {
                let negative = term.isNegativeTerm
                let body = wrap(negative ? -term : term, above: .sum)
                if index == 0 { text = negative ? "-" + body : body }
                else { text += (negative ? " - " : " + ") + body }
            }
            return (text, .sum)
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

    private func renderFraction(_ expr: Expr) -> (text: String, precedence: Precedence) {
        let fraction = DisplayForm.fraction(expr)
        var numerator = fraction.numerator.map { wrap($0, above: .product) }
        if fraction.numeratorCoefficient != 1 || numerator.isEmpty {
            numerator.insert(fraction.numeratorCoefficient.description, at: 0)
        }
        var text = numerator.joined(separator: "*")
        var denominator = fraction.denominator.map { wrap($0, above: .product) }
        if fraction.denominatorCoefficient != 1 {
            denominator.insert(fraction.denominatorCoefficient.description, at: 0)
        }
        if denominator.count == 1 { text += "/" + denominator[0] }
        else if denominator.count > 1 { text += "/(" + denominator.joined(separator: "*") + ")" }
        return (fraction.negative ? "-" + text : text, fraction.negative ? .sum : .product)
    }

    private func wrap(_ expr: Expr, above level: Precedence) -> String {
        let (text, precedence) = render(expr)
        return precedence > level ? text : "(" + text + ")"
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
