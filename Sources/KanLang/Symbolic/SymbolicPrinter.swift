/// Prints a symbolic expression in KanLang's own syntax, so the text reads back:
///
///     exp(sin(pi*x) + y^2)     x/3 - 2*y     x^(1/2)
enum SymbolicPrinter {
    /// Binding strength of the printed form, to decide parentheses.
    private enum Level: Int, Comparable {
        case sum = 1, product = 2, unary = 3, power = 4, atom = 5
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    static func text(_ expression: SymbolicExpression) -> String { render(expression).text }

    private static func render(_ expression: SymbolicExpression) -> (text: String, level: Level) {
        switch expression {
        case .rational(let value):
            if value.isInteger { return ("\(value.numerator)", value.numerator < 0 ? .unary : .atom) }
            return ("\(value.numerator)/\(value.denominator)", .product)
        case .real(let value):
            return (formatReal(value), value < 0 ? .unary : .atom)
        case .constant(let name), .symbol(let name):
            return (name, .atom)
        case .function(let name, let arguments):
            return (name + "(" + arguments.map(text).joined(separator: ", ") + ")", .atom)
        case .power(let base, .rational(let half)) where half.numerator == 1 && half.denominator == 2:
            return ("sqrt(\(text(base)))", .atom)
        case .power(let base, let exponent):
            let b = render(base), e = render(exponent)
            let baseText = b.level <= .power ? "(\(b.text))" : b.text
            let exponentText = e.level < .atom ? "(\(e.text))" : e.text
            return ("\(baseText)^\(exponentText)", .power)
        case .sum(let terms):
            var text = ""
            for (index, term) in terms.enumerated() {
                let (negative, magnitude) = splitSign(term)
                let part = render(magnitude)
                let partText = part.level < .product ? "(\(part.text))" : part.text
                if index == 0 {
                    text = negative ? "-" + partText : partText
                } else {
                    text += (negative ? " - " : " + ") + partText
                }
            }
            return (text, .sum)
        case .product:
            let (negative, magnitude) = splitSign(expression)
            if negative {
                let inner = render(magnitude)
                return ("-" + (inner.level < .product ? "(\(inner.text))" : inner.text), .unary)
            }
            return renderProduct(expression)
        }
    }

    /// `-3*x` is printed as `-(3*x)` shape: the sign split off, the rest positive.
    private static func splitSign(_ expression: SymbolicExpression) -> (Bool, SymbolicExpression) {
        switch expression {
        case .rational(let value) where value.numerator < 0:
            return (true, .rational(value.negated ?? value))
        case .real(let value) where value < 0:
            return (true, .real(-value))
        case .product(let factors):
            guard let first = factors.first, let value = first.rationalValue, value.numerator < 0,
                  let positive = value.negated else { return (false, expression) }
            var rest = Array(factors.dropFirst())
            if positive != SmallRational(integer: 1) { rest.insert(.rational(positive), at: 0) }
            if rest.isEmpty { return (true, .rational(positive)) }
            return (true, rest.count == 1 ? rest[0] : .product(rest))
        default:
            return (false, expression)
        }
    }

    /// A product as numerator/denominator: `2*x*y^-1/3` prints `2*x/(3*y)`.
    private static func renderProduct(_ expression: SymbolicExpression) -> (text: String, level: Level) {
        guard case .product(let factors) = expression else { return render(expression) }
        var numerator: [SymbolicExpression] = []
        var denominator: [SymbolicExpression] = []
        for factor in factors {
            if case .rational(let value) = factor, !value.isInteger {
                if value.numerator != 1 { numerator.append(.rational(SmallRational(integer: value.numerator))) }
                denominator.append(.rational(SmallRational(integer: value.denominator)))
            } else if case .power(let base, let exponent) = factor, let e = exponent.rationalValue, e.numerator < 0,
                      let positive = e.negated {
                denominator.append(SymbolicBuilder.power(base, .rational(positive)))
            } else {
                numerator.append(factor)
            }
        }
        func join(_ parts: [SymbolicExpression]) -> (String, Int) {
            let texts = parts.map { part -> String in
                let r = render(part)
                return r.level < .product || (r.level == .product && parts.count > 1 && isFraction(part)) ? "(\(r.text))" : r.text
            }
            return (texts.joined(separator: "*"), parts.count)
        }
        let (top, _) = numerator.isEmpty ? ("1", 1) : join(numerator)
        if denominator.isEmpty { return (top, .product) }
        let (bottom, count) = join(denominator)
        let bottomText = count > 1 || denominator.contains(where: { render($0).level < .power && render($0).level != .atom })
            ? "(\(bottom))" : bottom
        return ("\(top)/\(bottomText)", .product)
    }

    private static func isFraction(_ expression: SymbolicExpression) -> Bool {
        if case .rational(let value) = expression { return !value.isInteger }
        return false
    }

    /// Shortest round-trip text for a Double, without a trailing `.0` on integers.
    static func formatReal(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e16 { return String(Int64(value)) }
        return String(value)
    }
}
