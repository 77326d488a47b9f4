/// Field operations on ``Rational``, each producing a result in lowest terms.
///
/// The common factors are cancelled *before* multiplying (Knuth, TAOCP vol. 2, §4.5.1), so
/// intermediate values stay as small as possible and usually inside `Int`'s fast path.
extension Rational {
    /// `a/b + c/d`. With `g = gcd(b, d)`: `t = a·(d/g) + c·(b/g)`, `g₂ = gcd(t, g)`,
    /// result `(t/g₂) / ((b/g)·(d/g₂))`, already reduced.
    public static func + (lhs: Rational, rhs: Rational) -> Rational {
        sum(lhs, rhs.numerator, rhs.denominator)
    }

    public static func - (lhs: Rational, rhs: Rational) -> Rational {
        sum(lhs, -rhs.numerator, rhs.denominator)
    }

    /// `lhs + c/d` for a reduced `c/d` with `d > 0`.
    private static func sum(_ lhs: Rational, _ c: BigInteger, _ d: BigInteger) -> Rational {
        let (a, b) = (lhs.numerator, lhs.denominator)
        if let a = a.asInt, let b = b.asInt, let c = c.asInt, let d = d.asInt,
           let result = machineSum(a, b, c, d)
        {
            return result
        }
        if b == 1 && d == 1 { return Rational(a + c) }
        let g = BigInteger.gcd(b, d)
        if g == 1 {
            return Rational(normalizedNumerator: a * d + c * b, denominator: b * d)
        }
        let bOverG = BigInteger.exactQuotient(b, g)
        let t = a * BigInteger.exactQuotient(d, g) + c * bOverG
        let g2 = BigInteger.gcd(t, g)
        if g2 == 1 {
            return Rational(normalizedNumerator: t, denominator: bOverG * d)
        }
        if t.isZero { return 0 }
        return Rational(
            normalizedNumerator: BigInteger.exactQuotient(t, g2),
            denominator: bOverG * BigInteger.exactQuotient(d, g2))
    }

    /// `a/b · c/d = (a/g₁)(c/g₂) / ((b/g₂)(d/g₁))` with `g₁ = gcd(a, d)`, `g₂ = gcd(c, b)`.
    public static func * (lhs: Rational, rhs: Rational) -> Rational {
        let (a, b, c, d) = (lhs.numerator, lhs.denominator, rhs.numerator, rhs.denominator)
        if let a = a.asInt, let b = b.asInt, let c = c.asInt, let d = d.asInt,
           let result = machineProduct(a, b, c, d)
        {
            return result
        }
        if b == 1 && d == 1 { return Rational(a * c) }
        if a.isZero || c.isZero { return 0 }
        let g1 = BigInteger.gcd(a, d)
        let g2 = BigInteger.gcd(c, b)
        return Rational(
            normalizedNumerator: cancel(a, g1) * cancel(c, g2),
            denominator: cancel(b, g2) * cancel(d, g1))
    }

    /// `value / factor` for a factor known to divide it; skips the division for the common
    /// case of a factor of 1.
    private static func cancel(_ value: BigInteger, _ factor: BigInteger) -> BigInteger {
        factor == 1 ? value : BigInteger.exactQuotient(value, factor)
    }

    /// The quotient. Throws `ExactError.divisionByZero` when `rhs` is 0.
    public static func / (lhs: Rational, rhs: Rational) throws -> Rational {
        try lhs * rhs.reciprocal()
    }

    public static prefix func - (operand: Rational) -> Rational {
        Rational(normalizedNumerator: -operand.numerator, denominator: operand.denominator)
    }

    public static prefix func + (operand: Rational) -> Rational { operand }

    public static func += (lhs: inout Rational, rhs: Rational) { lhs = lhs + rhs }
    public static func -= (lhs: inout Rational, rhs: Rational) { lhs = lhs - rhs }
    public static func *= (lhs: inout Rational, rhs: Rational) { lhs = lhs * rhs }
    public static func /= (lhs: inout Rational, rhs: Rational) throws { lhs = try lhs / rhs }

    /// `1 / self`. Throws `ExactError.divisionByZero` for 0.
    public func reciprocal() throws -> Rational {
        guard !isZero else { throw ExactError.divisionByZero }
        return numerator.signum() < 0
            ? Rational(normalizedNumerator: -denominator, denominator: -numerator)
            : Rational(normalizedNumerator: denominator, denominator: numerator)
    }

    /// `self` raised to an integer power: `(a/b)^n = aⁿ/bⁿ`, and `(a/b)^-n = (b/a)ⁿ`.
    /// Powers of coprime integers stay coprime, so no reduction is needed. `x^0 == 1`, also for 0.
    ///
    /// - Throws: `ExactError.divisionByZero` for `0^n` with `n < 0`;
    ///   `ExactError.resultTooLarge` as `BigInteger.power(_:)`.
    public func power(_ exponent: Int) throws -> Rational {
        let base = exponent < 0 ? try reciprocal() : self
        let magnitude = exponent.magnitude
        // Only Int.min has a magnitude beyond Int: x^(2^63) = x^(2^63 − 1) · x.
        if magnitude > UInt(Int.max) { return try base.power(Int.max) * base }
        return Rational(
            normalizedNumerator: try base.numerator.power(Int(magnitude)),
            denominator: try base.denominator.power(Int(magnitude)))
    }

    // MARK: Machine-word fast paths
    //
    // The same formulas in overflow-checked `Int` arithmetic, for the common case of
    // small fractions; nil on any overflow, and the caller redoes the work in BigInteger.
    // Denominators are positive, so their gcds with anything are at most Int.max.

    /// `a/b + c/d` in `Int`, or nil on overflow.
    private static func machineSum(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Rational? {
        let g = Int(BigInteger.binaryGCD(UInt(b), UInt(d)))
        if g == 1 {
            let (ad, o1) = a.multipliedReportingOverflow(by: d)
            let (cb, o2) = c.multipliedReportingOverflow(by: b)
            let (t, o3) = ad.addingReportingOverflow(cb)
            let (bd, o4) = b.multipliedReportingOverflow(by: d)
            if o1 || o2 || o3 || o4 { return nil }
            return Rational(normalizedNumerator: BigInteger(t), denominator: BigInteger(bd))
        }
        let bOverG = b / g
        let (adg, o1) = a.multipliedReportingOverflow(by: d / g)
        let (cbg, o2) = c.multipliedReportingOverflow(by: bOverG)
        let (t, o3) = adg.addingReportingOverflow(cbg)
        if o1 || o2 || o3 { return nil }
        if t == 0 { return 0 }
        let g2 = Int(BigInteger.binaryGCD(t.magnitude, UInt(g)))
        let (denominator, o4) = bOverG.multipliedReportingOverflow(by: d / g2)
        if o4 { return nil }
        return Rational(normalizedNumerator: BigInteger(t / g2), denominator: BigInteger(denominator))
    }

    /// `a/b · c/d` in `Int`, or nil on overflow.
    private static func machineProduct(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Rational? {
        if a == 0 || c == 0 { return 0 }
        let g1 = Int(BigInteger.binaryGCD(a.magnitude, UInt(d)))
        let g2 = Int(BigInteger.binaryGCD(c.magnitude, UInt(b)))
        // a / g1 cannot overflow: g1 ≤ d is positive, and Int.min / g1 with g1 > 1 fits.
        let (numerator, o1) = (a / g1).multipliedReportingOverflow(by: c / g2)
        let (denominator, o2) = (b / g2).multipliedReportingOverflow(by: d / g1)
        if o1 || o2 { return nil }
        return Rational(normalizedNumerator: BigInteger(numerator), denominator: BigInteger(denominator))
    }
}
