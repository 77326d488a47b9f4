import Exact

/// A deterministic total order on canonical expressions, used to sort the terms
/// of sums and the factors of products.
///
/// A power `b^r` is ordered as the pair (b, r) and any other expression `a` as
/// (a, 1), so `x < x^2 < x^3 < y`: powers of one base sit together, ascending.
/// Expressions that are not powers are ordered first by kind,
/// number < π < symbol < function application < sum < product < undefined,
/// then by content (numbers by value, symbols and functions by name, compound
/// nodes lexicographically by their children, then by length).
extension Expr: Comparable {
    public static func < (lhs: Expr, rhs: Expr) -> Bool { compare(lhs, rhs) < 0 }

    /// Negative, zero or positive as `lhs` precedes, equals or follows `rhs`.
    public static func compare(_ lhs: Expr, _ rhs: Expr) -> Int {
        let (leftBase, leftExponent) = lhs.baseAndExponent
        let (rightBase, rightExponent) = rhs.baseAndExponent
        if leftExponent != 1 || rightExponent != 1 {
            let bases = compare(leftBase, rightBase)
            if bases != 0 { return bases }
            return leftExponent < rightExponent ? -1 : (leftExponent == rightExponent ? 0 : 1)
        }
        let leftRank = lhs.kindRank, rightRank = rhs.kindRank
        if leftRank != rightRank { return leftRank < rightRank ? -1 : 1 }
        switch (lhs.node, rhs.node) {
        case (.number(let a), .number(let b)):
            return a < b ? -1 : (a == b ? 0 : 1)
        case (.symbol(let a), .symbol(let b)):
            return a < b ? -1 : (a == b ? 0 : 1)
        case (.sum(let a), .sum(let b)), (.product(let a), .product(let b)):
            return compareLists(a, b)
        case (.apply(let f, let a), .apply(let g, let b)):
            if f.name != g.name { return f.name < g.name ? -1 : 1 }
            if f != g { return f.isNamed ? 1 : -1 }  // a user function named like a built-in
            return compareLists(a, b)
        default:
            return 0
        }
    }

    static func compareLists(_ a: [Expr], _ b: [Expr]) -> Int {
        for (x, y) in zip(a, b) {
            let order = compare(x, y)
            if order != 0 { return order }
        }
        return a.count < b.count ? -1 : (a.count == b.count ? 0 : 1)
    }

    /// (b, r) for `b^r`, and (self, 1) otherwise.
    var baseAndExponent: (Expr, Rational) {
        if case .power(let base, let exponent) = node { return (base, exponent) }
        return (self, 1)
    }

    private var kindRank: Int {
        switch node {
        case .number: 0
        case .pi: 1
        case .symbol: 2
        case .apply: 3
        case .power: 4
        case .sum: 5
        case .product: 6
        case .undefined: 7
        }
    }
}

extension Expr.Function {
    var isNamed: Bool {
        if case .named = self { return true }
        return false
    }
}
