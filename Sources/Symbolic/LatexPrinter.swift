import Exact

/// Prints an expression as LaTeX in the conventions of SymPy's `latex()`:
/// `e^{x_{2}^{2} + \sin{\left(\pi x_{1} \right)}}`.
///
/// - products by juxtaposition (`2 x y`), quotients as `\frac{x}{y}`,
///   negative terms as `- x`; numbers with a decimal form (`Rational.decimalForm`,
///   such as a fitted constant 2.06749) as decimals;
/// - `\sqrt{x}`, `\sqrt[3]{x}` for the power 1/n, `x^{\frac{3}{2}}` otherwise,
///   `\left(x + 1\right)^{2}` around compound bases, `\sin^{2}{\left(x \right)}`
///   for powers of functions;
/// - `\sin`, `\cos`, `\tan`, `\sinh`, `\cosh`, `\tanh`, `\log` as commands,
///   `\operatorname{asin}` and the like for the others, `\left|{x}\right|`,
///   `e^{x}` for exp, user functions as `f{\left(x,y \right)}`;
/// - symbols with trailing digits or an underscore get a subscript
///   (`x1` → `x_{1}`, `x_a` → `x_{a}`), Greek letter names a command (`\alpha`);
/// - names that are not identifiers as upright text: `m (kg)` → `\mathrm{m\ (kg)}`;
/// - `\pi`, `e`, and `\text{NaN}` for `Expr.undefined`.
public struct LatexPrinter: Sendable {
    public init() {}

    public func print(_ expr: Expr) -> String { render(expr).text }

    typealias Precedence = TextPrinter.Precedence

    func render(_ expr: Expr) -> (text: String, precedence: Precedence) {
        switch expr.node {
        case .number(let value):
            if let decimal = value.decimalForm.map(latexDecimal) {
                return (value.signum() < 0 ? "- " + decimal.dropFirst() : decimal, value.signum() < 0 ? .sum : .atom)
            }
            let magnitude = value.signum() < 0 ? -value : value
            let body = magnitude.isInteger ? magnitude.description
                : "\\frac{\(magnitude.numerator)}{\(magnitude.denominator)}"
            if value.signum() < 0 { return ((magnitude.isInteger ? "-" : "- ") + body, .sum) }
            return (body, value.isInteger ? .atom : .product)
        case .symbol(let name):
            return (Self.symbol(name), .atom)
        case .pi:
            return ("\\pi", .atom)
        case .undefined:
            return ("\\text{NaN}", .atom)
        case .apply(.exp, let args):
            if expr == .e { return ("e", .atom) }
            return ("e^{\(print(args[0]))}", .power)
        case .apply(let function, let args):
            return (Self.function(function, exponent: nil, args.map(print)), .atom)
        case .sum(let terms):
            var text = ""
            for (index, term) in DisplayForm.orderedTerms(terms).enumerated() {
                let negative = term.isNegativeTerm
                let body = wrap(negative ? -term : term, above: .sum)
                if index == 0 { text = negative ? "- " + body : body }
                else { text += (negative ? " - " : " + ") + body }
            }
            return (text, .sum)
        case .power(let base, let exponent):
            if exponent.signum() < 0 { return renderFraction(expr) }
            if exponent.numerator == 1, let n = exponent.denominator.asInt, n > 1 {
                return (n == 2 ? "\\sqrt{\(print(base))}" : "\\sqrt[\(n)]{\(print(base))}", .atom)
            }
            let power = exponent.isInteger ? exponent.description
                : "\\frac{\(exponent.numerator)}{\(exponent.denominator)}"
            if case .apply(let function, let args) = base.node, function != .exp, function != .abs {
                if case .named = function {} else {
                    return (Self.function(function, exponent: power, args.map(print)), .power)
                }
            }
            return ("\(wrap(base, above: .power))^{\(power)}", .power)
        case .product:
            return renderFraction(expr)
        }
    }

    private func renderFraction(_ expr: Expr) -> (text: String, precedence: Precedence) {
        let fraction = DisplayForm.fraction(expr)
        var numerator = fraction.numerator.map { wrap($0, above: .product) }
        if let decimal = fraction.decimalCoefficient {
            numerator.insert(latexDecimal(decimal), at: 0)
        } else if fraction.numeratorCoefficient != 1 || numerator.isEmpty {
            numerator.insert(fraction.numeratorCoefficient.description, at: 0)
        }
        var denominator = fraction.denominator.map { wrap($0, above: .product) }
        if fraction.denominatorCoefficient != 1 {
            denominator.insert(fraction.denominatorCoefficient.description, at: 0)
        }
        var text = Self.juxtapose(numerator)
        if !denominator.isEmpty {
            // Inside \frac a lone factor needs no parentheses: \frac{x}{x + 1}.
            if numerator.count == 1, let only = fraction.numerator.first { text = print(only) }
            let below = denominator.count == 1 && fraction.denominator.count == 1
                ? print(fraction.denominator[0]) : Self.juxtapose(denominator)
            text = "\\frac{\(text)}{\(below)}"
        }
        return (fraction.negative ? "- " + text : text, fraction.negative ? .sum : .product)
    }

    /// Factors side by side; two numbers in a row get a `\cdot` between them.
    private static func juxtapose(_ parts: [String]) -> String {
        var text = ""
        for part in parts {
            if text.isEmpty { text = part; continue }
            let startsWithDigit = part.first.map(\.isNumber) ?? false
            let endsWithDigit = text.last.map(\.isNumber) ?? false
            text += (startsWithDigit && endsWithDigit) ? " \\cdot " + part : " " + part
        }
        return text
    }

    private func wrap(_ expr: Expr, above level: Precedence) -> String {
        let (text, precedence) = render(expr)
        return precedence > level ? text : "\\left(" + text + "\\right)"
    }

    private static let commands: Set<String> = ["sin", "cos", "tan", "sinh", "cosh", "tanh", "log"]
    private static let greek: Set<String> = [
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
        "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
        "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
    ]

    /// `\sin{\left(x \right)}`, or `\sin^{2}{\left(x \right)}` with an exponent.
    private static func function(_ function: Expr.Function, exponent: String?, _ args: [String]) -> String {
        let power = exponent.map { "^{\($0)}" } ?? ""
        let arguments = "{\\left(\(args.joined(separator: ",")) \\right)}"
        switch function {
        case .abs:
            return "\\left|{\(args.joined())}\\right|" + power
        case .named(let name):
            return symbol(name) + power + arguments
        default:
            let name = function.name
            let head = commands.contains(name) ? "\\" + name : "\\operatorname{\(name)}"
            return head + power + arguments
        }
    }

    /// `x1` → `x_{1}`, `x_ab` → `x_{ab}`, `alpha` → `\alpha`.
    static func symbol(_ name: String) -> String {
        if let upright = SymbolName.latex(name) { return upright }
        if let underscore = name.firstIndex(of: "_"), underscore != name.startIndex {
            let head = String(name[..<underscore])
            let tail = String(name[name.index(after: underscore)...])
            return symbol(head) + "_{" + (tail.isEmpty ? "" : symbol(tail)) + "}"
        }
        if greek.contains(name) { return "\\" + name }
        let digits = name.reversed().prefix(while: \.isNumber)
        if !digits.isEmpty && digits.count < name.count {
            let head = String(name.dropLast(digits.count))
            return (greek.contains(head) ? "\\" + head : head) + "_{" + String(digits.reversed()) + "}"
        }
        return name
    }
}
