import Exact

/// The shape every printer gives a sum or a product, so that the text, LaTeX
/// and SymPy printers agree on term order and on what goes under a fraction bar.
///
/// - Terms of a sum print by descending degree in the symbols, then in
///   canonical order, with the number term last (`x^2 + 2*x + 1`, `x + 1/2`); when the first term is negative and some term is positive, the
///   first positive term moves to the front (`3 - 6*x`, not `-6*x + 3`).
/// - A product prints as a signed fraction: the coefficient p/q splits into
///   numerator p and denominator q (unless it prints as a decimal, `2.06749*x`: see
///   `Rational.decimalForm`), factors with negative exponents go to the
///   denominator with the exponent negated (`2*x/(3*y^2)`).
struct DisplayForm {
    /// Sum terms in printing order.
    static func orderedTerms(_ terms: [Expr]) -> [Expr] {
        // Higher degree first, as SymPy prints polynomials: x^2 + 2*x + 1.
        let degrees = terms.map(\.polynomialDegree)
        let byDegree = terms.indices.sorted { a, b in
            degrees[a] != degrees[b] ? degrees[a] > degrees[b] : a < b
        }.map { terms[$0] }
        var ordered = byDegree.filter { !$0.isNumber } + byDegree.filter(\.isNumber)
        if let first = ordered.first, first.isNegativeTerm,
           let positive = ordered.firstIndex(where: { !$0.isNegativeTerm }) {
            let term = ordered.remove(at: positive)
            ordered.insert(term, at: 0)
        }
        return ordered
    }

    /// A product (or a lone power) as −?(numerator/denominator).
    struct Fraction {
        var negative: Bool
        /// |p| of the coefficient p/q; 1 when there is none.
        var numeratorCoefficient: BigInteger
        /// q of the coefficient.
        var denominatorCoefficient: BigInteger
        /// |p/q| as a decimal (`Rational.decimalForm`), printed in front of the numerator
        /// instead of splitting p and q; then both are 1.
        var decimalCoefficient: String?
        /// Factors with positive exponents, in canonical order.
        var numerator: [Expr]
        /// Factors with negative exponents, the exponent negated.
        var denominator: [Expr]
    }

    static func fraction(_ expr: Expr) -> Fraction {
        var result = Fraction(negative: false, numeratorCoefficient: 1, denominatorCoefficient: 1,
                              numerator: [], denominator: [])
        let factors: [Expr]
        if case .product(let list) = expr.node { factors = list } else { factors = [expr] }
        for factor in factors {
            switch factor.node {
            case .number(let c):
                result.negative = c.signum() < 0
                if let decimal = c.magnitude.decimalForm {
                    result.decimalCoefficient = decimal
                    continue
                }
                result.numeratorCoefficient = result.negative ? -c.numerator : c.numerator
                result.denominatorCoefficient = c.denominator
            case .power(let base, let exponent) where exponent.signum() < 0:
                result.denominator.append(Expr(canonical: .power(base, -exponent)).collapsedUnitPower)
            default:
                result.numerator.append(factor)
            }
        }
        return result
    }
}

extension Expr {
    /// The total degree in the symbols of a monomial: x^2·y is 3, sin(x) is 0.
    var polynomialDegree: Rational {
        switch node {
        case .symbol: return 1
        case .power(let base, let exponent): return base.symbolName != nil ? exponent : 0
        case .product(let factors): return factors.reduce(Rational(0)) { $0 + $1.polynomialDegree }
        default: return 0
        }
    }

    /// A term printed after a minus sign: a negative number or a product with
    /// a negative coefficient.
    var isNegativeTerm: Bool {
        switch node {
        case .number(let value): return value.signum() < 0
        case .product(let factors): return factors[0].numberValue.map { $0.signum() < 0 } ?? false
        default: return false
        }
    }

    /// b for a display-only `b^1` (built when negating a -1 exponent).
    var collapsedUnitPower: Expr {
        if case .power(let base, let exponent) = node, exponent == 1 { return base }
        return self
    }

    /// Whether a product or power has a part under a fraction bar.
    var hasDenominator: Bool {
        switch node {
        case .power(_, let exponent): return exponent.signum() < 0
        case .product(let factors):
            return factors.contains { factor in
                if case .number(let c) = factor.node { return c.denominator != 1 }
                if case .power(_, let exponent) = factor.node { return exponent.signum() < 0 }
                return false
            }
        default: return false
        }
    }
}
