/// Values and the first three derivatives of the B-spline basis, for the parameter gradients
/// of derivative losses (`DerivativeLossKernel`).
///
/// A loss on the second derivatives of a network's output differentiates, by the chain rule,
/// into φ‴ of every edge behind the first layer (the adjoint of u in φ″(u)·u_a·u_b), so the
/// basis is needed to third order. The n-th derivative of an order-j function follows from
/// order j − 1:
///
///     DⁿB_mʲ = j·(Dⁿ⁻¹B_mʲ⁻¹/(t_{m+j} − t_m) − Dⁿ⁻¹B_{m+1}ʲ⁻¹/(t_{m+j+1} − t_{m+1}))
///
/// applied to the Cox–de Boor triangle of orders 0…k. Conventions are `values(at:)`'s:
/// x belongs to the interval with t_μ ≤ x < t_{μ+1} (right-hand derivatives at knots),
/// zero outside [t₀, t_{G+2k}), coincident knots count 0/0 as 0.
extension BSplineBasis {
    /// Scratch doubles `evaluateThirdOrder` needs for order k.
    static func thirdOrderScratchCount(order k: Int) -> Int { 4 * (k + 1) * (k + 1) }

    /// The k + 1 basis functions that may be nonzero at x and their first three derivatives:
    /// `derivatives[n·(k+1) + r]` = DⁿB_{start+r}(x), n = 0…3. Returns `start`, as `evaluate`.
    static func evaluateThirdOrder(
        _ x: Double, paddedKnots: UnsafePointer<Double>, inverseSpans: UnsafePointer<Double>, gridSize: Int, order k: Int,
        derivatives out: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>
    ) -> Int {
        let t = paddedKnots + k
        let paddedCount = gridSize + 4 * k + 1
        let last = gridSize + 2 * k
        let k1 = k + 1
        guard x >= t[0] && x < t[last] else {
            for q in 0..<(4 * k1) { out[q] = 0 }
            return 0
        }
        var mu = 0
        var length = last
        while length > 1 {
            let half = length >> 1
            if x >= t[mu + half] { mu += half }
            length -= half
        }
        func inverse(_ d: Int, _ m: Int) -> Double { inverseSpans[(d - 1) * paddedCount + k + m] }
        // table(n, j)[r] = DⁿB_{μ−j+r}ʲ, r = 0…j.
        func table(_ n: Int, _ j: Int) -> UnsafeMutablePointer<Double> { scratch + (n * k1 + j) * k1 }
        table(0, 0)[0] = 1
        for n in 1...3 { table(n, 0)[0] = 0 }
        if k >= 1 {
            for j in 1...k {
                let below = table(0, j - 1), level = table(0, j)
                for r in 0...j {
                    let m = mu - j + r
                    var v = 0.0
                    if r >= 1 { v += (x - t[m]) * inverse(j, m) * below[r - 1] }
                    if r <= j - 1 { v += (t[m + j + 1] - x) * inverse(j, m + 1) * below[r] }
                    level[r] = v
                }
                let jd = Double(j)
                for n in 1...3 {
                    let lower = table(n - 1, j - 1), target = table(n, j)
                    for r in 0...j {
                        let m = mu - j + r
                        var v = 0.0
                        if r >= 1 { v += lower[r - 1] * inverse(j, m) }
                        if r <= j - 1 { v -= lower[r] * inverse(j, m + 1) }
                        target[r] = jd * v
                    }
                }
            }
        }
        let window = Self.window(mu: mu, order: k, basisCount: gridSize + k)
        for n in 0...3 {
            let row = out + n * k1
            let source = table(n, k)
            for r in 0...k { row[r] = source[r] }
            Self.shift(row, by: window.shift, order: k)
        }
        return window.start
    }

    /// All G + k basis functions' n-th derivatives at x, n = 0…3 (`result[n][m]`).
    public func derivativesUpToThird(at x: Double) -> [[Double]] {
        let k1 = order + 1
        var local = [Double](repeating: 0, count: 4 * k1)
        var scratch = [Double](repeating: 0, count: BSplineBasis.thirdOrderScratchCount(order: order))
        let start = paddedKnots.withUnsafeBufferPointer { knots in
            inverseSpans.withUnsafeBufferPointer { inverse in
                local.withUnsafeMutableBufferPointer { l in
                    scratch.withUnsafeMutableBufferPointer { s in
                        BSplineBasis.evaluateThirdOrder(
                            x, paddedKnots: knots.baseAddress!, inverseSpans: inverse.baseAddress!, gridSize: gridSize,
                            order: order, derivatives: l.baseAddress!, scratch: s.baseAddress!)
                    }
                }
            }
        }
        return (0...3).map { n in
            var dense = [Double](repeating: 0, count: basisCount)
            for r in 0..<k1 { dense[start + r] = local[n * k1 + r] }
            return dense
        }
    }
}
