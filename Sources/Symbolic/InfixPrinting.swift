/// What the plain-text and SymPy printers share: sums written with ` + ` and ` - `,
/// products and quotients with `*` and `/` (one `/` before a parenthesised
/// denominator), and parentheses decided by precedence. They differ only in names,
/// powers and constants, which each printer's `render` handles before delegating here.
protocol InfixPrinting {
    /// The text of `expr` and how tightly it binds.
    func render(_ expr: Expr) -> (text: String, precedence: TextPrinter.Precedence)
}

extension InfixPrinting {
    /// `a + b - c`: terms in display order, a negative term shown by its sign.
    func renderSum(_ terms: [Expr]) -> (text: String, precedence: TextPrinter.Precedence) {
        var text = ""
        for (index, term) in DisplayForm.orderedTerms(terms).enumerated() {
            let negative = term.isNegativeTerm
            let body = wrap(negative ? -term : term, above: .sum)
            if index == 0 { text = negative ? "-" + body : body }
            else { text += (negative ? " - " : " + ") + body }
        }
        return (text, .sum)
    }

    /// `2*x/(3*(x - 4))`: the numerator's factors, then the denominator's after one `/`.
    func renderFraction(_ expr: Expr) -> (text: String, precedence: TextPrinter.Precedence) {
        let fraction = DisplayForm.fraction(expr)
        var numerator = fraction.numerator.map { wrap($0, above: .product) }
        if let decimal = fraction.decimalCoefficient {
            numerator.insert(decimal, at: 0)
        } else if fraction.numeratorCoefficient != 1 || numerator.isEmpty {
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

    /// The text of `expr`, parenthesised unless it binds more tightly than `level`.
    func wrap(_ expr: Expr, above level: TextPrinter.Precedence) -> String {
        let (text, precedence) = render(expr)
        return precedence > level ? text : "(" + text + ")"
    }
}
