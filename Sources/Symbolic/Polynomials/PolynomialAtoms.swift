import Exact

/// The atoms of an expression read as a rational function: what the polynomial
/// arithmetic treats as variables.
///
/// Sums, products, numbers and integer powers are structure; everything else is an atom
/// raised to an integer power:
/// - a root x^(p/q) is (x^(1/q))^p, so x^(3/2)/x^(1/2) and √x·√x are polynomial in √x;
/// - exp(k·u) for an integer k is exp(u)^k, so cosh(x)² − sinh(x)² written in exponentials
///   is a rational function of exp(x);
/// - symbols, π and function applications are atoms as they are.
///
/// Atoms are numbered in `Expr`'s order, so the same expression always gives the same
/// polynomial ring.
struct PolynomialAtoms {
    private(set) var atoms: [Expr]
    private let index: [Expr: Int]
    /// For each base, the lcm L of the root degrees it appears with; its atom is b^(1/L),
    /// so x and √x share the atom √x (x = (√x)²).
    private let rootDegrees: [Expr: Int]

    /// The largest integer power of a sum read as structure; larger ones are atoms.
    static let maximumPower = 16

    /// The atoms of `expressions`, or nil when one is undefined.
    init?(_ expressions: [Expr]) {
        var degrees: [Expr: Int] = [:]
        var defined = true
        func visit(_ e: Expr) {
            switch e.node {
            case .number: return
            case .undefined: defined = false
            case .sum(let parts), .product(let parts): for part in parts { visit(part) }
            case .power(let base, let exponent) where PolynomialAtoms.isStructuralPower(exponent):
                visit(base)
            default:
                let (base, _, q) = PolynomialAtoms.rootForm(e)
                let previous = degrees[base] ?? 1
                degrees[base] = previous / greatestCommonDivisor(previous, q) * q
            }
        }
        for e in expressions { visit(e) }
        guard defined, degrees.values.allSatisfy({ $0 <= 64 }) else { return nil }
        rootDegrees = degrees
        atoms = degrees.map { base, l in
            l == 1 ? base : Expr.power(base, (try? Rational(1, l)) ?? 1)
        }.sorted()
        index = Dictionary(atoms.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    var count: Int { atoms.count }

    static func isStructuralPower(_ exponent: Rational) -> Bool {
        guard exponent.isInteger, let n = exponent.numerator.asInt else { return false }
        return Swift.abs(n) <= maximumPower
    }

    /// (b, p, q) with e = b^(p/q): a root of b, exp(u) to an integer power k for
    /// e = exp(k·u), or e itself.
    private static func rootForm(_ e: Expr) -> (Expr, Int, Int) {
        switch e.node {
        case .power(let base, let exponent):
            if !exponent.isInteger, let p = exponent.numerator.asInt, Swift.abs(p) <= maximumPower,
               let q = exponent.denominator.asInt, q <= 64 {
                return (base, p, q)
            }
        case .apply(.exp, let args):
            let (c, m) = args[0].coefficientAndMonomial
            if !args[0].isSum, !m.isOne, c.isInteger, let k = c.numerator.asInt, k != 0, Swift.abs(k) <= maximumPower {
                return (Expr.exp(m), k, 1)
            }
        default:
            break
        }
        return (e, 1, 1)
    }

    /// (atom, k) with e = atom^k.
    func split(_ e: Expr) -> (Expr, Int) {
        let (base, p, q) = PolynomialAtoms.rootForm(e)
        let l = rootDegrees[base] ?? q
        let atom = l == 1 ? base : Expr.power(base, (try? Rational(1, l)) ?? 1)
        return (atom, p * (l / q))
    }

    /// The index of an atom.
    func variable(_ atom: Expr) -> Int? { index[atom] }

    /// The expression of a polynomial over these atoms: Σ c·∏ atomᵢ^eᵢ.
    func expression(_ p: Polynomial) -> Expr {
        Expr.sum(p.terms.map { exponents, c in
            Expr.product([.number(c)] + exponents.enumerated().compactMap { i, e in
                e == 0 ? nil : Expr.power(atoms[i], Rational(e))
            })
        })
    }
}

/// gcd of two positive machine integers.
private func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
    var (a, b) = (a, b)
    while b != 0 { (a, b) = (b, a % b) }
    return a
}
