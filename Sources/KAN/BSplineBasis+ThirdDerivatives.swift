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
        if k == 3 {
            return cubicThirdOrder(x, t: t, inverseSpans: inverseSpans, paddedCount: paddedCount, mu: mu,
                                   gridSize: gridSize, derivatives: out)
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

    /// The cubic case of `evaluateThirdOrder`, unrolled as `cubic` is: with the order-1
    /// values n₁, order-2 values n₂ and the inverse spans i_d[p] = 1/(t_{p+d} − t_p), the
    /// derivatives of B³_{μ−3+r} are 3·(q_{r−1} − q_r) with q_j = D^{n−1}B²_{μ−2+j}·i₃[μ−2+j]
    /// (q₋₁ = q₃ = 0), and D^{n−1}B² follows from order 1 the same way.
    @inline(__always)
    static func cubicThirdOrder(
        _ x: Double, t: UnsafePointer<Double>, inverseSpans: UnsafePointer<Double>, paddedCount: Int, mu: Int,
        gridSize: Int, derivatives out: UnsafeMutablePointer<Double>
    ) -> Int {
        let inverse1 = inverseSpans + 3
        let inverse2 = inverseSpans + paddedCount + 3
        let inverse3 = inverseSpans + 2 * paddedCount + 3
        let left1 = x - t[mu], right1 = t[mu + 1] - x
        let left2 = x - t[mu - 1], right2 = t[mu + 2] - x
        let left3 = x - t[mu - 2], right3 = t[mu + 3] - x
        let a = inverse1[mu]
        let n10 = right1 * a, n11 = left1 * a
        let i20 = inverse2[mu - 1], i21 = inverse2[mu]
        let b0 = n10 * i20, b1 = n11 * i21
        let n20 = right1 * b0, n21 = left2 * b0 + right2 * b1, n22 = left1 * b1
        let i30 = inverse3[mu - 2], i31 = inverse3[mu - 1], i32 = inverse3[mu]
        let c0 = n20 * i30, c1 = n21 * i31, c2 = n22 * i32
        // First derivatives of the quadratics B²_{μ−2…μ}, then of order-2 second derivatives.
        let f0 = -2 * b0 * i30, f1 = 2 * (b0 - b1) * i31, f2 = 2 * b1 * i32
        let g0 = 2 * a * i20 * i30, g1 = -2 * a * (i20 + i21) * i31, g2 = 2 * a * i21 * i32
        var v = (right1 * c0, left3 * c0 + right2 * c1, left2 * c1 + right3 * c2, left1 * c2)
        var d1 = (-3 * c0, 3 * (c0 - c1), 3 * (c1 - c2), 3 * c2)
        var d2 = (-3 * f0, 3 * (f0 - f1), 3 * (f1 - f2), 3 * f2)
        var d3 = (-3 * g0, 3 * (g0 - g1), 3 * (g1 - g2), 3 * g2)
        var start = mu - 3
        let basisCount = gridSize + 3
        // Basis functions outside 0..<G+3 do not exist: shift, pad with zeros (as `cubic`).
        if start < 0 {
            for _ in 0..<(-start) {
                v = (v.1, v.2, v.3, 0); d1 = (d1.1, d1.2, d1.3, 0)
                d2 = (d2.1, d2.2, d2.3, 0); d3 = (d3.1, d3.2, d3.3, 0)
            }
            start = 0
        } else if start + 3 > basisCount - 1 {
            for _ in 0..<(start + 3 - (basisCount - 1)) {
                v = (0, v.0, v.1, v.2); d1 = (0, d1.0, d1.1, d1.2)
                d2 = (0, d2.0, d2.1, d2.2); d3 = (0, d3.0, d3.1, d3.2)
            }
            start = basisCount - 4
        }
        out[0] = v.0; out[1] = v.1; out[2] = v.2; out[3] = v.3
        out[4] = d1.0; out[5] = d1.1; out[6] = d1.2; out[7] = d1.3
        out[8] = d2.0; out[9] = d2.1; out[10] = d2.2; out[11] = d2.3
        out[12] = d3.0; out[13] = d3.1; out[14] = d3.2; out[15] = d3.3
        return start
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
