import CGMP

/// Division, remainder, powers and greatest common divisors.
///
/// Division truncates toward zero, like `Int`: `-7 / 2 == -3` and `-7 % 2 == -1`, so that
/// `(a / b) * b + a % b == a`. Every operation with a divisor checks it for zero first and
/// throws `ExactError.divisionByZero`, because GMP would abort the process.
extension BigInteger {
    /// The truncated quotient and remainder: `self == quotient * divisor + remainder`, with the
    /// remainder 0 or of the sign of `self` and smaller in magnitude than `divisor`.
    public func quotientAndRemainder(dividingBy divisor: BigInteger) throws
        -> (quotient: BigInteger, remainder: BigInteger)
    {
        guard !divisor.isZero else { throw ExactError.divisionByZero }
        return BigInteger.truncatedDivision(self, divisor)
    }

    /// `quotientAndRemainder` for a divisor already known to be nonzero.
    static func truncatedDivision(_ dividend: BigInteger, _ divisor: BigInteger)
        -> (quotient: BigInteger, remainder: BigInteger)
    {
        if case .small(let a) = dividend.representation, case .small(let b) = divisor.representation,
           !(a == Int.min && b == -1)
        {
            return (BigInteger(a / b), BigInteger(a % b))
        }
        let quotient = GMPInteger()
        let remainder = GMPInteger()
        dividend.withMPZ { a in divisor.withMPZ { b in __gmpz_tdiv_qr(quotient.pointer, remainder.pointer, a, b) } }
        return (BigInteger(normalizing: quotient), BigInteger(normalizing: remainder))
    }

    /// The quotient of a division known to be exact with a nonzero divisor (`mpz_divexact`,
    /// faster than a general division); used to cancel common factors.
    static func exactQuotient(_ dividend: BigInteger, _ divisor: BigInteger) -> BigInteger {
        if case .small(let a) = dividend.representation, case .small(let b) = divisor.representation,
           !(a == Int.min && b == -1)
        {
            return BigInteger(a / b)
        }
        return dividend.withMPZ { a in divisor.withMPZ { b in computing { __gmpz_divexact($0, a, b) } } }
    }

    /// The quotient `self / divisor` when `divisor` divides `self`.
    ///
    /// - Throws: `ExactError.divisionByZero`, or `ExactError.inexactDivision` when the
    ///   remainder is not zero.
    public func dividedExactly(by divisor: BigInteger) throws -> BigInteger {
        let (quotient, remainder) = try quotientAndRemainder(dividingBy: divisor)
        guard remainder.isZero else { throw ExactError.inexactDivision }
        return quotient
    }

    /// The quotient truncated toward zero. Throws `ExactError.divisionByZero`.
    public static func / (lhs: BigInteger, rhs: BigInteger) throws -> BigInteger {
        try lhs.quotientAndRemainder(dividingBy: rhs).quotient
    }

    /// The remainder of the truncated division (sign of `lhs`). Throws `ExactError.divisionByZero`.
    public static func % (lhs: BigInteger, rhs: BigInteger) throws -> BigInteger {
        try lhs.quotientAndRemainder(dividingBy: rhs).remainder
    }

    public static func /= (lhs: inout BigInteger, rhs: BigInteger) throws { lhs = try lhs / rhs }
    public static func %= (lhs: inout BigInteger, rhs: BigInteger) throws { lhs = try lhs % rhs }

    /// The largest result size `power(_:)` accepts, in bits (2^32 bits = 512 MiB); beyond it
    /// GMP would abort or exhaust memory.
    static let maximumPowerBits = 1 << 32

    /// `self` raised to a non-negative integer power, by repeated squaring. `0^0 == 1`.
    ///
    /// - Throws: `ExactError.negativeExponent` for `exponent < 0`;
    ///   `ExactError.resultTooLarge` when the result would exceed 2^32 bits.
    public func power(_ exponent: Int) throws -> BigInteger {
        guard exponent >= 0 else { throw ExactError.negativeExponent }
        if exponent == 0 { return 1 }
        if case .small(let base) = representation, (-1...1).contains(base) {
            return BigInteger(base == -1 && exponent % 2 == 0 ? 1 : base)
        }
        // |self|^e has at most e·bits bits; bits ≥ 2 here.
        let bits = bitWidthOfMagnitude
        guard exponent <= BigInteger.maximumPowerBits / bits else { throw ExactError.resultTooLarge }
        if case .small(let base) = representation, let result = BigInteger.machinePower(base, exponent) {
            return BigInteger(result)
        }
        return withMPZ { a in BigInteger.computing { __gmpz_pow_ui($0, a, UInt(exponent)) } }
    }

    /// `base^exponent` in `Int` by repeated squaring, or nil on overflow.
    private static func machinePower(_ base: Int, _ exponent: Int) -> Int? {
        var result = 1
        var square = base
        var remaining = exponent
        while true {
            if remaining & 1 == 1 {
                let (product, overflow) = result.multipliedReportingOverflow(by: square)
                if overflow { return nil }
                result = product
            }
            remaining >>= 1
            if remaining == 0 { return result }
            let (squared, overflow) = square.multipliedReportingOverflow(by: square)
            if overflow { return nil }
            square = squared
        }
    }

    /// The greatest common divisor, always ≥ 0; `gcd(0, 0) == 0`.
    ///
    /// Machine-size operands use the binary GCD on magnitudes (`UInt`, so `Int.min` is
    /// fine); others use `mpz_gcd`.
    public static func gcd(_ a: BigInteger, _ b: BigInteger) -> BigInteger {
        if case .small(let x) = a.representation, case .small(let y) = b.representation {
            return BigInteger(binaryGCD(x.magnitude, y.magnitude))
        }
        return a.withMPZ { x in b.withMPZ { y in computing { __gmpz_gcd($0, x, y) } } }
    }

    /// Stein's binary GCD: strip the common power of two, then repeatedly subtract the
    /// smaller odd number from the larger and drop the new factors of two. No divisions,
    /// which makes it several times faster than Euclid's `%` on 64-bit words.
    static func binaryGCD(_ a: UInt, _ b: UInt) -> UInt {
        if a == 0 { return b }
        if b == 0 { return a }
        let commonTwos = (a | b).trailingZeroBitCount
        var u = a >> a.trailingZeroBitCount
        var v = b
        repeat {
            v >>= v.trailingZeroBitCount
            if u > v { swap(&u, &v) }
            v -= u
        } while v != 0
        return u << commonTwos
    }
}
