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
        if b == 1 && d == 1 { return Rational(a * c) }
        if a.isZero || c.isZero { return 0 }
        let g1 = BigInteger.gcd(a, d)
        let g2 = BigInteger.gcd(c, b)
        return Rational(
            normalizedNumerator: BigInteger.exactQuotient(a, g1) * BigInteger.exactQuotient(c, g2),
            denominator: BigInteger.exactQuotient(b, g2) * BigInteger.exactQuotient(d, g1))
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
        guard magnitude <= UInt(Int.max) else { throw ExactError.resultTooLarge }
        return Rational(
            normalizedNumerator: try base.numerator.power(Int(magnitude)),
            denominator: try base.denominator.power(Int(magnitude)))
    }
}
