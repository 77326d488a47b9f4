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
    /// Correctly rounded (ties to even), including subnormal results: when both
    /// parts are below 2^53 they are exact `Double`s and IEEE division rounds correctly;
    /// otherwise `q = ⌊|p|·2^s / d⌋` is taken with `s` chosen so that `q` has 63 or 64 bits,
    /// a nonzero remainder is folded into its lowest bit (a sticky bit), and `q · 2^-s` is
    /// rounded once. Huge numerators and denominators never overflow an intermediate
    /// `Double`. In the subnormal range, where the significand is shorter, `q` is rounded
    /// by hand to a multiple of the smallest subnormal instead, again once.
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
        let q = quotient.withMPZ { UInt64(__gmpz_getlimbn($0, 0)) }
        let sticky = !remainder.isZero
        let sign: FloatingPointSign = p.signum() < 0 ? .minus : .plus
        // Below 2^-1022 the spacing is fixed at 2^-1074 and the significand has fewer than
        // 53 bits, so round q·2^-s to a multiple of 2^-1074 by hand, once.
        let exponent = (UInt64.bitWidth - 1 - q.leadingZeroBitCount) - s
        if exponent < Double.leastNormalMagnitude.exponent {
            let units = Double.roundedShift(q, by: s + Int(Double.leastNonzeroMagnitude.exponent), sticky: sticky)
            self = Double(sign: sign, exponent: Int(Double.leastNonzeroMagnitude.exponent), significand: Double(units))
            return
        }
        self = Double(sign: sign, exponent: -s, significand: Double(q | (sticky ? 1 : 0)))
    }

    /// `value / 2^shift` (shift ≥ 1) rounded to the nearest integer, ties to even, where
    /// `sticky` says that the true value is slightly more than `value`.
    private static func roundedShift(_ value: UInt64, by shift: Int, sticky: Bool) -> UInt64 {
        if shift > UInt64.bitWidth { return 0 }  // value < 2^64 ≤ half of 2^shift
        let kept = shift == UInt64.bitWidth ? 0 : value >> UInt64(shift)
        let dropped = shift == UInt64.bitWidth ? value : value & ((1 << UInt64(shift)) - 1)
        let half: UInt64 = 1 << UInt64(shift - 1)
        let roundUp = dropped > half || (dropped == half && (sticky || kept & 1 == 1))
        return roundUp ? kept + 1 : kept
    }
}
