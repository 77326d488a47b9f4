import Exact
import Foundation

/// Canonical powers `b^r` with exact rational exponents.
///
/// Rules, each exact:
/// - b^0 = 1 (including 0^0, as SymPy), b^1 = b, 0^r = 0 for r > 0 and
///   undefined for r < 0.
/// - Numbers fold when the result is rational: (9/4)^(3/2) = 27/8; otherwise
///   they become c·n^(1/q) with n an integer free of q-th powers:
///   2^(5/2) = 4·2^(1/2), 8^(1/2) = 2·2^(1/2), (1/2)^(1/2) = 2^(1/2)/2,
///   2^(2/3) = 4^(1/3) (for numbers that fit in an Int). Negative numbers keep
///   non-integer exponents unevaluated (not real; they evaluate to NaN).
/// - (b^s)^r = b^(s·r) when r is an integer or s has an odd numerator. (When s
///   has an even numerator and r is not an integer, (x^2)^(1/2) = |x| ≠ x, so
///   the nesting stays.)
/// - (a·b)^n = a^n·b^n for integer n, and (c·u)^r = |c|^r·(±u)^r for a number c,
///   so `sqrt(4*x) = 2*sqrt(x)`.
/// - exp(a)^r = exp(r·a).
///
/// A real power x^(p/q) with x < 0 and q > 1 is undefined (NaN), as with C's
/// `pow`; so merging rules only ever extend the domain where both sides exist.
extension Expr {
    /// The canonical power `base ^ exponent`.
    public static func power(_ base: Expr, _ exponent: Rational) -> Expr {
        if exponent.isZero { return base.isUndefined ? .undefined : .one }
        if exponent == 1 { return base }
        switch base.node {
        case .undefined:
            return .undefined
        case .number(let value):
            return numberPower(value, exponent)
        case .power(let inner, let innerExponent):
            if exponent.isInteger || !innerExponent.numerator.isDivisibleByTwo {
                return power(inner, innerExponent * exponent)
            }
        case .product(let factors):
            if exponent.isInteger {
                return product(factors.map { power($0, exponent) })
            }
            // (c·u)^r = |c|^r · (±u)^r: a numeric factor leaves the power.
            if case .number(let c) = factors[0].node, c != 1, c != -1 {
                let magnitude = c.signum() < 0 ? -c : c
                let rest = product([.number(c.signum() < 0 ? -1 : 1)] + factors.dropFirst())
                return product([power(.number(magnitude), exponent), power(rest, exponent)])
            }
        case .apply(.exp, let args):
            return apply(.exp, [product([.number(exponent), args[0]])])
        default:
            break
        }
        return Expr(canonical: .power(base, exponent))
    }

    /// `base ^ exponent` for any exponent: a rational exponent gives a power, e
    /// raised to a non-number gives `exp(exponent)`, and otherwise
    /// `b^a = exp(a·log(b))` (defined for b > 0, like the real power).
    public static func power(_ base: Expr, _ exponent: Expr) -> Expr {
        if let r = exponent.numberValue { return power(base, r) }
        if exponent.isUndefined || base.isUndefined { return .undefined }
        if base == .e { return apply(.exp, [exponent]) }
        return apply(.exp, [product([exponent, apply(.log, [base])])])
    }

    /// √x, the power 1/2.
    public static func sqrt(_ x: Expr) -> Expr { power(x, Rational.oneHalf) }

    /// value^exponent in exact arithmetic where rational, else a canonical power.
    private static func numberPower(_ value: Rational, _ exponent: Rational) -> Expr {
        if value.isZero { return exponent.signum() > 0 ? .zero : .undefined }
        if value == 1 { return .one }
        if exponent.isInteger {
            guard let n = exponent.numerator.asInt, let result = value.exactPower(n) else {
                return Expr(canonical: .power(.number(value), exponent))
            }
            return .number(result)
        }
        if value.signum() < 0 {
            if value == -1 { return Expr(canonical: .power(.minusOne, exponent)) }
            // (-a)^r is not real for non-integer r: keep it, never split.
            return Expr(canonical: .power(.number(value), exponent))
        }
        // value^(p/q) = (value^(1/q))^p when the q-th root is rational.
        if let q = exponent.denominator.asInt, let p = exponent.numerator.asInt,
           let root = value.exactRoot(q), let result = root.exactPower(p) {
            return .number(result)
        }
        // value^(k + p/q) = value^k · (a/b)^(p/q) = value^k · (a^p·b^(q-p))^(1/q) / b, then
        // q-th powers leave the radicand: 8^(1/2) = 2·2^(1/2), (1/2)^(1/2) = 2^(1/2)/2.
        let whole = exponent.floor
        guard let k = whole.asInt, let integerPart = value.exactPower(k) else {
            return Expr(canonical: .power(.number(value), exponent))
        }
        let fraction = exponent - Rational(k)
        // When the radicand does not fit in an Int, value^(k + f) = value^k · value^f all the
        // same, with value^f kept: so one number has one form however it is reached, and its
        // text reads back as it was. (331^(-11/10) = 331^-2 · 331^(9/10), which is also what
        // 1/331^(11/10) = 1/(331 · 331^(1/10)) reads as; kept whole, it did not.)
        func unsplit() -> Expr {
            let root = Expr(canonical: .power(.number(value), fraction))
            return integerPart == 1 ? root : Expr(canonical: .product([.number(integerPart), root]))
        }
        guard let p = fraction.numerator.asInt, let q = exponent.denominator.asInt,
              let a = value.numerator.asInt, let b = value.denominator.asInt,
              let radicand = integerPower(a, p).flatMap({ ap in integerPower(b, q - p).flatMap { ap.multipliedReportingOverflow(by: $0).overflow ? nil : ap * $0 } })
        else {
            return unsplit()
        }
        let (outside, inside) = extractPowers(radicand, q)
        guard let scale = try? Rational(outside, b), let rootExponent = try? Rational(1, q) else {
            return unsplit()
        }
        let coefficient = integerPart * scale
        if inside == 1 { return .number(coefficient) }
        let root = Expr(canonical: .power(Expr(inside), rootExponent))
        return coefficient == 1 ? root : Expr(canonical: .product([.number(coefficient), root]))
    }
}

/// n^e for non-negative e, nil on overflow. For |n| ≥ 2 the loop overflows within 63
/// steps; 0, 1 and -1 are answered directly, as their powers never overflow and e can be
/// up to 2^63 (the denominator of an exponent such as 5^(1/20000000) in a parsed formula).
func integerPower(_ n: Int, _ e: Int) -> Int? {
    guard e >= 0 else { return nil }
    switch n {
    case 0: return e == 0 ? 1 : 0
    case 1: return 1
    case -1: return e % 2 == 0 ? 1 : -1
    default: break
    }
    var result = 1
    for _ in 0..<e {
        let (next, overflow) = result.multipliedReportingOverflow(by: n)
        if overflow { return nil }
        result = next
    }
    return result
}

/// (o, r) with n = o^q · r, taking out the q-th powers of factors up to 10^4.
private func extractPowers(_ n: Int, _ q: Int) -> (Int, Int) {
    var outside = 1, inside = n, d = 2
    while d <= 10_000, let dq = integerPower(d, q), dq <= inside {
        while inside % dq == 0 { inside /= dq; outside *= d }
        d += 1
    }
    return (outside, inside)
}

extension Rational {
    static let oneHalf: Rational = (try? Rational(1, 2)) ?? 0

    /// self^n, unless the result would be huge (|n| > 512 or more than ~20,000
    /// digits) or undefined (0^-n).
    func exactPower(_ n: Int) -> Rational? {
        guard Swift.abs(n) <= 512 else { return nil }
        let digits = numerator.description.count + denominator.description.count
        guard digits * Swift.abs(n) <= 20_000 else { return nil }
        return try? power(n)
    }

    /// The exact positive q-th root of a positive rational, if it is rational
    /// (only attempted for numerator and denominator that fit in an Int).
    func exactRoot(_ q: Int) -> Rational? {
        guard q >= 2, signum() > 0,
              let n = numerator.asInt, let d = denominator.asInt,
              let rn = integerRoot(n, q), let rd = integerRoot(d, q) else { return nil }
        return try? Rational(rn, rd)
    }
}

/// The integer r ≥ 0 with r^q = n, if any: a floating-point guess, checked exactly.
/// For n ≥ 2 only r ≥ 2 can do (0 and 1 are their own powers), whose powers overflow
/// within 63 steps, so the check is short however large q is.
func integerRoot(_ n: Int, _ q: Int) -> Int? {
    guard n >= 0 else { return nil }
    if n < 2 { return n }
    let guess = Int(Foundation.pow(Double(n), 1 / Double(q)).rounded())
    for candidate in Swift.max(guess - 1, 2)...Swift.max(guess + 1, 2) {
        var power = 1, overflow = false
        for _ in 0..<q {
            (power, overflow) = power.multipliedReportingOverflow(by: candidate)
            if overflow || power > n { break }
        }
        if !overflow && power == n { return candidate }
    }
    return nil
}

extension BigInteger {
    var isDivisibleByTwo: Bool {
        guard let n = asInt else {
            // Beyond Int: the last decimal digit decides.
            return description.last.map { "02468".contains($0) } ?? false
        }
        return n % 2 == 0
    }
}
