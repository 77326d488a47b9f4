import CGMP

extension Rational {
    /// The exact value of a finite `Double` (every finite binary float is a dyadic rational
    /// `m · 2^e`), or nil for NaN and ±infinity.
    ///
    /// ```swift
    /// Rational(exactly: 0.1)   // 3602879701896397/36028797018963968, not 1/10
    /// ```
    public init?(exactly value: Double) {
        guard value.isFinite else { return nil }
        if value == 0 { self = 0; return }
        // value = ±significand · 2^exponent with an integer significand of at most 53 bits.
        var significand = value.significandBitPattern
        var exponent: Int
        if value.isNormal {
            significand |= 1 << UInt64(Double.significandBitCount)
            exponent = Int(value.exponent) - Double.significandBitCount
        } else {
            exponent = Int(Double.leastNormalMagnitude.exponent) - Double.significandBitCount
        }
        // Remove factors of two so that the fraction is already in lowest terms.
        let twos = min(significand.trailingZeroBitCount, max(-exponent, 0))
        significand >>= UInt64(twos)
        exponent += twos
        var numerator = BigInteger(Int(significand))
        if value < 0 { numerator = -numerator }
        if exponent >= 0 {
            self.init(normalizedNumerator: numerator.multipliedByPowerOfTwo(exponent), denominator: 1)
        } else {
            self.init(normalizedNumerator: numerator, denominator: BigInteger(1).multipliedByPowerOfTwo(-exponent))
        }
    }
}

extension Double {
    /// The `Double` nearest to `value`, ±infinity beyond the finite range, ±0 below the
    /// subnormal range.
    ///
    /// Correctly rounded (ties to even) whenever the result is a normal number: when both
    /// parts are below 2^53 they are exact `Double`s and IEEE division rounds correctly;
    /// otherwise `q = ⌊|p|·2^s / d⌋` is taken with `s` chosen so that `q` has 63 or 64 bits,
    /// a nonzero remainder is folded into its lowest bit (a sticky bit), and `q · 2^-s` is
    /// rounded once. Huge numerators and denominators never overflow an intermediate
    /// `Double`. In the subnormal range the result may round twice (within 1 ulp).
    public init(_ value: Rational) {
        let (p, d) = (value.numerator, value.denominator)
        if d == 1 { self = Double(p); return }
        let limit = 1 << (Double.significandBitCount + 1)  // 2^53
        if let smallP = p.asInt, let smallD = d.asInt, smallP.magnitude <= limit, smallD <= limit {
            self = Double(smallP) / Double(smallD)
            return
        }
        let magnitude = p.magnitude
        let s = 63 - (magnitude.bitWidthOfMagnitude - d.bitWidthOfMagnitude)
        let scaledNumerator = s > 0 ? magnitude.multipliedByPowerOfTwo(s) : magnitude
        let scaledDenominator = s < 0 ? d.multipliedByPowerOfTwo(-s) : d
        let (quotient, remainder) = BigInteger.truncatedDivision(scaledNumerator, scaledDenominator)
        // 2^62 ≤ quotient < 2^64: read it as a UInt64 from its low limb.
        let bits = quotient.withMPZ { UInt64(__gmpz_getlimbn($0, 0)) } | (remainder.isZero ? 0 : 1)
        self = Double(sign: p.signum() < 0 ? .minus : .plus, exponent: -s, significand: Double(bits))
    }
}
