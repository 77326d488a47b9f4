import Exact

extension BigInteger {
    /// The positive divisors of |self| in increasing order, or nil for zero or when there
    /// would be more than `maximumCount` of them:
    ///
    /// ```swift
    /// BigInteger(-12).positiveDivisors()   // [1, 2, 3, 4, 6, 12]
    /// ```
    ///
    /// By trial division up to `trialLimit`; a cofactor left above it is taken as prime.
    /// For a large composite cofactor some divisors are then missing: the factor searches
    /// that ask for divisors (`Polynomial.linearFactor`, `quadraticFactor`) find less, and
    /// never anything wrong, since every candidate factor is checked by exact division.
    func positiveDivisors(maximumCount: Int = 128, trialLimit: Int = 5_000) -> [BigInteger]? {
        var n = magnitude
        if n.isZero { return nil }
        var primePowers: [(BigInteger, Int)] = []
        var p = 2
        while p <= trialLimit {
            let prime = BigInteger(p)
            if prime * prime > n { break }
            var e = 0
            while let (q, r) = try? n.quotientAndRemainder(dividingBy: prime), r.isZero {
                n = q
                e += 1
            }
            if e > 0 { primePowers.append((prime, e)) }
            p += p == 2 ? 1 : 2
        }
        if n != 1 { primePowers.append((n, 1)) }
        return divisorProducts(of: primePowers, one: BigInteger(1), limit: maximumCount, times: *)?.sorted(by: <)
    }
}
