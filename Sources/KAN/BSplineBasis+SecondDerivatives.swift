/// Second derivatives of the B-spline basis, for the Hessians of `Network.inputDerivatives`.
///
/// Differentiating dB_mᵏ/dx = k·(B_mᵏ⁻¹/(t_{m+k} − t_m) − B_{m+1}ᵏ⁻¹/(t_{m+k+1} − t_{m+1}))
/// once more gives
///
///     d²B_mᵏ/dx² = k·(B_mᵏ⁻¹′/(t_{m+k} − t_m) − B_{m+1}ᵏ⁻¹′/(t_{m+k+1} − t_{m+1}))
///     B_mᵏ⁻¹′    = (k − 1)·(B_mᵏ⁻²/(t_{m+k−1} − t_m) − B_{m+1}ᵏ⁻²/(t_{m+k} − t_{m+1}))
///
/// so one Cox–de Boor triangle, kept at orders k − 2 and k − 1, gives values, first and
/// second derivatives together.
///
///     let basis = BSplineBasis(gridSize: 5, order: 3, range: -1...1)
///     basis.secondDerivatives(at: 0.3)   // 8 values summing to 0
///
/// The conventions are `values(at:)`'s: x belongs to the knot interval with
/// t_μ ≤ x < t_{μ+1}, so at a knot every derivative is the one of the piece on its right
/// (an order-k basis is C^{k−1}: for k ≤ 2 the second derivative jumps at knots, for k ≤ 1
/// the first too); outside [t₀, t_{G+2k}) everything is zero; coincident knots give
/// 0/0, which counts as 0.
extension BSplineBasis {
    /// All G + k basis second derivatives d²B_m/dx² at x.
    public func secondDerivatives(at x: Double) -> [Double] {
        var values = [Double](repeating: 0, count: order + 1)
        var firsts = values, seconds = values
        var scratch = [Double](repeating: 0, count: BSplineBasis.secondOrderScratchCount(order: order))
        let start = paddedKnots.withUnsafeBufferPointer { knots in
            inverseSpans.withUnsafeBufferPointer { inverse in
                values.withUnsafeMutableBufferPointer { v in
                    firsts.withUnsafeMutableBufferPointer { d1 in
                        seconds.withUnsafeMutableBufferPointer { d2 in
                            scratch.withUnsafeMutableBufferPointer { s in
                                BSplineBasis.evaluateSecondOrder(
                                    x, paddedKnots: knots.baseAddress!, inverseSpans: inverse.baseAddress!,
                                    gridSize: gridSize, order: order, values: v.baseAddress!,
                                    firstDerivatives: d1.baseAddress!, secondDerivatives: d2.baseAddress!,
                                    scratch: s.baseAddress!)
                            }
                        }
                    }
                }
            }
        }
        var dense = [Double](repeating: 0, count: basisCount)
        for r in 0...order { dense[start + r] = seconds[r] }
        return dense
    }

    /// Scratch doubles `evaluateSecondOrder` needs for order k.
    static func secondOrderScratchCount(order: Int) -> Int { 5 * (order + 1) }

    /// The k + 1 basis values, first and second derivatives that may be nonzero at x, as
    /// `evaluate` returns values and first derivatives: `values[r]` = B_{start+r}(x) for r in
    /// 0...k with 0 ≤ start ≤ G − 1, slots of basis functions outside 0..<G+k zeroed.
    ///
    /// Reads the same padded knots and inverse spans 1/(t_{p+d} − t_p) (0 for coincident
    /// knots) as `evaluate`, and finds the interval the same way.
    static func evaluateSecondOrder(
        _ x: Double, paddedKnots: UnsafePointer<Double>, inverseSpans: UnsafePointer<Double>, gridSize: Int, order k: Int,
        values: UnsafeMutablePointer<Double>, firstDerivatives: UnsafeMutablePointer<Double>,
        secondDerivatives: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>
    ) -> Int {
        let t = paddedKnots + k  // t[p] is knot p; valid for p in -k ... G+3k
        let paddedCount = gridSize + 4 * k + 1
        let last = gridSize + 2 * k
        guard x >= t[0] && x < t[last] else {
            for r in 0...k { values[r] = 0; firstDerivatives[r] = 0; secondDerivatives[r] = 0 }
            return 0
        }
        // Interval μ with t[μ] ≤ x < t[μ+1] (the last such μ when knots coincide).
        var mu = 0
        var length = last
        while length > 1 {
            let half = length >> 1
            if x >= t[mu + half] { mu += half }
            length -= half
        }
        // inverse(d, m) = 1/(t[m+d] − t[m]).
        func inverse(_ d: Int, _ m: Int) -> Double { inverseSpans[(d - 1) * paddedCount + k + m] }

        let left = scratch
        let right = scratch + (k + 1)
        let lower1 = scratch + 2 * (k + 1)  // order k−1: B_{μ−k+1+r}, r = 0..<k
        let lower2 = scratch + 3 * (k + 1)  // order k−2: B_{μ−k+2+r}, r = 0..<k−1
        let slope1 = scratch + 4 * (k + 1)  // derivatives of the order k−1 functions
        // Cox–de Boor (The NURBS Book, A2.2); before step j, n[0..<j] holds order j − 1.
        let n = values
        n[0] = 1
        var j = 1
        while j <= k {
            if j == k - 1 { for r in 0..<j { lower2[r] = n[r] } }
            if j == k { for r in 0..<j { lower1[r] = n[r] } }
            left[j] = x - t[mu + 1 - j]
            right[j] = t[mu + j] - x
            var saved = 0.0
            for r in 0..<j {
                let temp = n[r] * inverse(j, mu + 1 - j + r)
                n[r] = saved + right[r + 1] * temp
                saved = left[j - r] * temp
            }
            n[j] = saved
            j += 1
        }
        if k == 0 {
            firstDerivatives[0] = 0
            secondDerivatives[0] = 0
        } else {
            let kd = Double(k)
            // Order k−1 slopes: B_m′ = (k−1)·(B_mᵏ⁻²·inverse(k−1, m) − B_{m+1}ᵏ⁻²·inverse(k−1, m+1)),
            // m = μ−k+1+q; a linear basis (k = 1) has none.
            for q in 0..<k {
                guard k >= 2 else { slope1[q] = 0; continue }
                let m = mu - k + 1 + q
                var d = 0.0
                if q >= 1 { d += lower2[q - 1] * inverse(k - 1, m) }
                if q <= k - 2 { d -= lower2[q] * inverse(k - 1, m + 1) }
                slope1[q] = Double(k - 1) * d
            }
            for r in 0...k {
                let m = mu - k + r
                var d1 = 0.0, d2 = 0.0
                if r >= 1 {
                    d1 += lower1[r - 1] * inverse(k, m)
                    d2 += slope1[r - 1] * inverse(k, m)
                }
                if r <= k - 1 {
                    d1 -= lower1[r] * inverse(k, m + 1)
                    d2 -= slope1[r] * inverse(k, m + 1)
                }
                firstDerivatives[r] = kd * d1
                secondDerivatives[r] = kd * d2
            }
        }
        // Shift so that start + r stays within 0..<G+k, as `evaluate` does.
        let window = Self.window(mu: mu, order: k, basisCount: gridSize + k)
        Self.shift(values, by: window.shift, order: k)
        Self.shift(firstDerivatives, by: window.shift, order: k)
        Self.shift(secondDerivatives, by: window.shift, order: k)
        return window.start
    }
}
