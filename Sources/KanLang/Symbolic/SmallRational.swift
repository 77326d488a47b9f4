/// An exact rational with 64-bit parts, used until the `Exact` module's GMP
/// rationals are wired in. Every operation reports overflow as nil, and the
/// caller falls back to floating point: exactness is kept where it is cheap.
struct SmallRational: Hashable, Sendable {
    let numerator: Int64
    let denominator: Int64  // > 0, coprime with numerator

    init?(_ numerator: Int64, _ denominator: Int64) {
        guard denominator != 0, numerator != .min, denominator != .min else { return nil }
        let divisor = SmallRational.gcd(abs(numerator), abs(denominator))
        let sign: Int64 = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / divisor
        self.denominator = sign * denominator / divisor
    }

    init(integer: Int64) {
        numerator = integer
        denominator = 1
    }

    /// The exact value of a decimal literal such as `0.125` or `3e-2`, if it fits.
    init?(literal text: String) {
        var digits = String(text.filter { $0 != "_" }).lowercased()
        var exponent = 0
        if let e = digits.firstIndex(of: "e") {
            guard let value = Int(digits[digits.index(after: e)...]), abs(value) <= 18 else { return nil }
            exponent = value
            digits = String(digits[..<e])
        }
        if let dot = digits.firstIndex(of: ".") {
            exponent -= digits.distance(from: dot, to: digits.endIndex) - 1
            digits.remove(at: dot)
        }
        guard digits.count <= 18, let mantissa = Int64(digits), abs(exponent) <= 18 else { return nil }
        var scale: Int64 = 1
        for _ in 0..<abs(exponent) { scale *= 10 }
        if exponent >= 0 {
            let (product, overflow) = mantissa.multipliedReportingOverflow(by: scale)
            guard !overflow else { return nil }
            self.init(integer: product)
        } else {
            self.init(mantissa, scale)
        }
    }

    var isInteger: Bool { denominator == 1 }
    var doubleValue: Double { Double(numerator) / Double(denominator) }

    static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a == 0 ? 1 : a
    }

    static func + (lhs: SmallRational, rhs: SmallRational) -> SmallRational? {
        let (a, o1) = lhs.numerator.multipliedReportingOverflow(by: rhs.denominator)
        let (b, o2) = rhs.numerator.multipliedReportingOverflow(by: lhs.denominator)
        let (n, o3) = a.addingReportingOverflow(b)
        let (d, o4) = lhs.denominator.multipliedReportingOverflow(by: rhs.denominator)
        guard !(o1 || o2 || o3 || o4) else { return nil }
        return SmallRational(n, d)
    }

    static func * (lhs: SmallRational, rhs: SmallRational) -> SmallRational? {
        let (n, o1) = lhs.numerator.multipliedReportingOverflow(by: rhs.numerator)
        let (d, o2) = lhs.denominator.multipliedReportingOverflow(by: rhs.denominator)
        guard !(o1 || o2) else { return nil }
        return SmallRational(n, d)
    }

    var negated: SmallRational? { SmallRational(-numerator, denominator) }
    var reciprocal: SmallRational? { SmallRational(denominator, numerator) }

    /// `self ^ exponent` for a small integer exponent.
    func power(_ exponent: Int64) -> SmallRational? {
        guard abs(exponent) <= 64 else { return nil }
        var result = SmallRational(integer: 1)
        for _ in 0..<abs(exponent) {
            guard let next = result * self else { return nil }
            result = next
        }
        return exponent < 0 ? result.reciprocal : result
    }
}
