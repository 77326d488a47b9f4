extension Rational {
    /// The simplest rational within `tolerance` of `x`: among all `p/q` with
    /// `|p/q − x| ≤ tolerance` the one with the smallest denominator `q`, and among those
    /// the smallest `|p|`; nil when that denominator exceeds `maxDenominator`, or when `x`
    /// is not finite or `tolerance` is NaN or negative.
    ///
    /// ```swift
    /// Rational.approximating(0.33333334, tolerance: 1e-6)     // 1/3
    /// Rational.approximating(-1.4999999, tolerance: 1e-6)     // -3/2
    /// Rational.approximating(2.7182818, tolerance: 1e-6, maxDenominator: 100)   // nil
    /// ```
    ///
    /// The interval `[x − tolerance, x + tolerance]` is formed *exactly* from the binary
    /// values of the two `Double`s, then searched by the continued-fraction form of the
    /// Stern–Brocot descent: for `0 < lo ≤ hi`, with `a = ⌊lo⌋`,
    /// - if `lo` is an integer, or `a + 1 ≤ hi`, the answer is that integer;
    /// - otherwise both ends lie in `(a, a + 1)`, and the answer is `a + 1/y` where `y` is
    ///   the simplest rational in `[1/(hi − a), 1/(lo − a)]`.
    ///
    /// Taking the whole interval at each step (rather than only the convergents of `x`)
    /// is what finds the semiconvergents: the answer is the first fraction of the descent
    /// that falls inside the interval. The simplest fraction of an interval has the least
    /// denominator of all its fractions, so once the partial denominators pass
    /// `maxDenominator` no admissible fraction exists and the search stops early.
    /// An interval containing 0 gives 0; a negative one is mirrored.
    public static func approximating(
        _ x: Double, tolerance: Double, maxDenominator: Int = 1_000_000
    ) -> Rational? {
        guard x.isFinite, !tolerance.isNaN, tolerance >= 0, maxDenominator >= 1 else { return nil }
        if tolerance == .infinity { return 0 }
        guard let center = Rational(exactly: x), let radius = Rational(exactly: tolerance) else { return nil }
        let lo = center - radius
        let hi = center + radius
        if lo.signum() <= 0 && hi.signum() >= 0 { return 0 }
        let bound = BigInteger(maxDenominator)
        if hi.signum() < 0 {
            return simplest(in: -hi, -lo, maxDenominator: bound).map { -$0 }
        }
        return simplest(in: lo, hi, maxDenominator: bound)
    }

    /// The simplest rational in `[lo, hi]`, `0 < lo ≤ hi`, or nil if its denominator
    /// exceeds `maxDenominator`.
    ///
    /// Iterative form of the descent: the fraction sought is `(p·t + pPrevious) /
    /// (q·t + qPrevious)` where `t` is the simplest rational of the current interval,
    /// the Möbius map being the product of the steps `t ↦ a + 1/t` taken so far.
    static func simplest(in lo: Rational, _ hi: Rational, maxDenominator: BigInteger) -> Rational? {
        var (lo, hi) = (lo, hi)
        var (p, pPrevious): (BigInteger, BigInteger) = (1, 0)
        var (q, qPrevious): (BigInteger, BigInteger) = (0, 1)
        while true {
            let a = lo.floor
            let t: BigInteger? = lo.isInteger ? a : (Rational(a + 1) <= hi ? a + 1 : nil)
            if let t {
                let denominator = q * t + qPrevious
                guard denominator <= maxDenominator else { return nil }
                return Rational(normalizedNumerator: p * t + pPrevious, denominator: denominator)
            }
            // lo, hi ∈ (a, a + 1): continue with t = a + 1/t', t' ∈ [1/(hi − a), 1/(lo − a)].
            (p, pPrevious) = (p * a + pPrevious, p)
            (q, qPrevious) = (q * a + qPrevious, q)
            // The final denominator is q·t' + qPrevious > q, since t' > 1.
            guard q <= maxDenominator else { return nil }
            let aRational = Rational(a)
            // Nonzero: lo and hi are strictly above a here.
            guard let newLo = try? (hi - aRational).reciprocal(),
                  let newHi = try? (lo - aRational).reciprocal()
            else { return nil }
            (lo, hi) = (newLo, newHi)
        }
    }
}
