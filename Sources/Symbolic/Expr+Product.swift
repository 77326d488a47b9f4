import Exact

/// Canonical products: flattening, collecting like powers, folding numbers.
///
/// Every factor is read as a power `b^r` (a non-power `a` is `a^1`) and factors
/// with the same base are merged by adding exponents, `x·x^(1/2)·y/x = x^(1/2)·y`;
/// numbers multiply into one coefficient. Bases whose exponents sum to 0 vanish
/// (x/x = 1, which extends the domain to x = 0, as in SymPy). A product that is
/// just `c·(a + b)` is distributed to `c·a + c·b`, so that `(1/2)·(2x + 1)`
/// is `x + 1/2` on construction.
extension Expr {
    /// The canonical product of `factors`.
    public static func product(_ factors: [Expr]) -> Expr {
        var coefficient: Rational = 1
        var exponents: [Expr: Rational] = [:]
        var order: [Expr] = []
        var undefined = false

        func multiply(_ factor: Expr) {
            switch factor.node {
            case .undefined:
                undefined = true
            case .number(let value):
                coefficient = coefficient * value
            case .product(let inner):
                for f in inner { multiply(f) }
            default:
                let (base, exponent) = factor.baseAndExponent
                if let existing = exponents[base] {
                    exponents[base] = existing + exponent
                } else {
                    exponents[base] = exponent
                    order.append(base)
                }
            }
        }
        for factor in factors { multiply(factor) }
        if undefined { return .undefined }

        var result: [Expr] = []
        var recollect: [Expr] = []
        for base in order {
            guard let exponent = exponents[base], !exponent.isZero else { continue }
            let factor = exponent == 1 ? base : Expr.power(base, exponent)
            switch factor.node {
            case .undefined: return .undefined
            case .number, .product: recollect.append(factor)
            default: result.append(factor)
            }
        }
        if !recollect.isEmpty {
            // A power folded to a number or split into a product (2^(3/2) = 2·2^(1/2)):
            // multiply again; the split parts have strictly simpler exponents.
            return product([.number(coefficient)] + result + recollect)
        }
        if coefficient.isZero { return .zero }
        result.sort()
        if result.isEmpty { return .number(coefficient) }
        if result.count == 1 {
            if coefficient == 1 { return result[0] }
            if case .sum(let terms) = result[0].node {
                return sum(terms.map { product([.number(coefficient), $0]) })
            }
        }
        if coefficient != 1 { result.insert(.number(coefficient), at: 0) }
        return Expr(canonical: .product(result))
    }
}
