import CGMP

extension Double {
    /// The `Double` nearest to `value` (ties to even); ±infinity when `|value|` exceeds
    /// `Double.greatestFiniteMagnitude` after rounding.
    ///
    /// For a value wider than 64 bits, the top 64 bits of the magnitude are taken and every
    /// discarded lower bit is folded into the lowest bit kept (a "sticky" bit). The 11 bits
    /// below the 53-bit significand then still decide round-to-nearest exactly as the full
    /// value would, so converting that `UInt64` and scaling by `2^shift` is correctly rounded.
    /// (`mpz_get_d` would truncate instead.)
    public init(_ value: BigInteger) {
        if let small = value.asInt {
            self = Double(small)
            return
        }
        let shift = value.bitWidthOfMagnitude - 64
        let top: UInt64 = value.withMPZ { a in
            let truncated = GMPInteger()
            __gmpz_abs(truncated.pointer, a)
            __gmpz_tdiv_q_2exp(truncated.pointer, truncated.pointer, mp_bitcnt_t(shift))
            // The lowest set bit of |a| is that of a; below `shift` means bits were dropped.
            let sticky: UInt64 = __gmpz_scan1(a, 0) < mp_bitcnt_t(shift) ? 1 : 0
            return UInt64(__gmpz_getlimbn(truncated.pointer, 0)) | sticky
        }
        self = Double(
            sign: value.signum() < 0 ? .minus : .plus,
            exponent: shift,
            significand: Double(top))
    }
}
