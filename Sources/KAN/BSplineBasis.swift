/// The B-spline basis of order k on one input node's knot vector.
///
/// A grid of G intervals on [g₀, g_G] is extended by k knots of the same spacing on
/// each side (pykan's `extend_grid`), giving G + 2k + 1 knots t₀ … t_{G+2k} and
/// G + k basis functions B₀ … B_{G+k−1} from the Cox–de Boor recursion
///
///     B_m⁰(x) = 1 if t_m ≤ x < t_{m+1} else 0
///     B_mᵏ(x) = (x − t_m)/(t_{m+k} − t_m)·B_mᵏ⁻¹(x) + (t_{m+k+1} − x)/(t_{m+k+1} − t_{m+1})·B_{m+1}ᵏ⁻¹(x)
///
/// Outside [t₀, t_{G+2k}) every basis function is zero, as in pykan. At any x at
/// most k + 1 functions are nonzero, so the hot path (`evaluate`) returns the index
/// of the first one and k + 1 values (and derivatives) instead of a dense vector.
///
///     let basis = BSplineBasis(gridSize: 5, order: 3, range: -1...1)
///     let dense = basis.values(at: 0.3)   // 8 values summing to 1
public struct BSplineBasis: Sendable, Equatable {
    /// The spline order k (3 = cubic).
    public let order: Int
    /// The number of grid intervals G.
    public let gridSize: Int
    /// The G + 2k + 1 extended knots.
    public let knots: [Double]
    /// The knots with k more extrapolated knots on each side. The recursion at the
    /// ends of the vector reads knots that belong only to basis functions outside
    /// 0..<G+k; padding keeps those reads in bounds, and their results are dropped.
    let paddedKnots: [Double]
    /// 1/(t_{p+d} − t_p) for d = 1…k over the padded knots, `(d−1)·paddedCount + p + k`
    /// (0 for coincident knots): the recursion's divisions, precomputed once per grid.
    let inverseSpans: [Double]

    /// The number of basis functions, G + k.
    public var basisCount: Int { gridSize + order }
    /// The core grid g₀ … g_G (knots without the k extensions).
    public var grid: [Double] { Array(knots[order...(order + gridSize)]) }

    /// Whether the knots are finite and span an interval (the first below the last): what
    /// a grid must be to be used or saved (see `Checkpoint.validate()`). A range beyond
    /// the doubles' (±1e308) or narrower than a few units in the last place is not.
    public var spansFiniteInterval: Bool {
        guard let first = knots.first, let last = knots.last, first < last else { return false }
        return knots.allSatisfy(\.isFinite)
    }

    /// A uniform grid of `gridSize` intervals on `range`, extended by k knots each side.
    public init(gridSize: Int, order: Int, range: ClosedRange<Double>) {
        let h = (range.upperBound - range.lowerBound) / Double(max(gridSize, 1))
        let core = (0...gridSize).map { range.lowerBound + Double($0) * h }
        self.init(grid: core, order: order)
    }

    /// The basis on a given core grid g₀ < … < g_G, extended by k knots of spacing
    /// (g_G − g₀)/G on each side.
    public init(grid: [Double], order: Int) {
        let g = grid.count - 1
        let h = g > 0 ? (grid[g] - grid[0]) / Double(g) : 1
        var extended = grid
        for _ in 0..<order {
            extended.insert((extended.first ?? 0) - h, at: 0)
            extended.append((extended.last ?? 0) + h)
        }
        self.init(unchecked: extended, order: order)
    }

    /// The basis on an already extended knot vector (as stored in checkpoints).
    init(unchecked knots: [Double], order: Int) {
        self.order = order
        self.gridSize = knots.count - 1 - 2 * order
        self.knots = knots
        let n = knots.count
        let hLeft = n > 1 ? knots[1] - knots[0] : 1
        let hRight = n > 1 ? knots[n - 1] - knots[n - 2] : 1
        var padded = [Double](repeating: 0, count: n + 2 * order)
        for q in 0..<padded.count {
            let p = q - order
            if p < 0 {
                padded[q] = knots[0] + Double(p) * (hLeft > 0 ? hLeft : 1)
            } else if p >= n {
                padded[q] = knots[n - 1] + Double(p - n + 1) * (hRight > 0 ? hRight : 1)
            } else {
                padded[q] = knots[p]
            }
        }
        self.paddedKnots = padded
        var inverse = [Double](repeating: 0, count: max(order, 1) * padded.count)
        if order >= 1 {
            for d in 1...order {
                for q in 0..<(padded.count - d) {
                    let span = padded[q + d] - padded[q]
                    inverse[(d - 1) * padded.count + q] = span != 0 ? 1 / span : 0
                }
            }
        }
        self.inverseSpans = inverse
    }

    /// All G + k basis values at x (a convenience; the training loop uses `evaluate`).
    public func values(at x: Double) -> [Double] {
        let local = nonzeroBasis(at: x)
        return dense(local.values, from: local.start)
    }

    /// All G + k basis derivatives dB_m/dx at x.
    public func derivatives(at x: Double) -> [Double] {
        let local = nonzeroBasis(at: x)
        return dense(local.derivatives, from: local.start)
    }

    /// The k + 1 basis functions that can be nonzero at x, their derivatives, and the
    /// index of the first: what `evaluate` computes, in arrays.
    private func nonzeroBasis(at x: Double) -> (start: Int, values: [Double], derivatives: [Double]) {
        var local = [Double](repeating: 0, count: order + 1)
        var derivatives = [Double](repeating: 0, count: order + 1)
        var scratch = [Double](repeating: 0, count: BSplineBasis.scratchCount(order: order))
        let start = paddedKnots.withUnsafeBufferPointer { knots in
            local.withUnsafeMutableBufferPointer { v in
                derivatives.withUnsafeMutableBufferPointer { d in
                    scratch.withUnsafeMutableBufferPointer { s in
                        inverseSpans.withUnsafeBufferPointer { inverse in
                            BSplineBasis.evaluate(
                                x, paddedKnots: knots.baseAddress!, inverseSpans: inverse.baseAddress!,
                                gridSize: gridSize, order: order,
                                values: v.baseAddress!, derivatives: d.baseAddress!, scratch: s.baseAddress!)
                        }
                    }
                }
            }
        }
        return (start, local, derivatives)
    }

    /// The k + 1 local values placed at `start` in a vector of all G + k.
    private func dense(_ local: [Double], from start: Int) -> [Double] {
        var dense = [Double](repeating: 0, count: basisCount)
        for r in 0...order { dense[start + r] = local[r] }
        return dense
    }

    /// The spline Σ c_m B_m(x) for coefficients `c` (count G + k).
    public func spline(_ coefficients: [Double], at x: Double) -> Double {
        let v = values(at: x)
        var s = 0.0
        for m in 0..<min(v.count, coefficients.count) { s += coefficients[m] * v[m] }
        return s
    }

    /// `evaluate` for k = 3 as one inlinable unit (interval search and unrolled recursion).
    @inline(__always)
    static func evaluateCubic(
        _ x: Double, paddedKnots: UnsafePointer<Double>, inverseSpans: UnsafePointer<Double>, gridSize: Int,
        values: UnsafeMutablePointer<Double>, derivatives: UnsafeMutablePointer<Double>?
    ) -> Int {
        let t = paddedKnots + 3
        let last = gridSize + 6
        guard x >= t[0] && x < t[last] else {
            values[0] = 0; values[1] = 0; values[2] = 0; values[3] = 0
            if let derivatives { derivatives[0] = 0; derivatives[1] = 0; derivatives[2] = 0; derivatives[3] = 0 }
            return 0
        }
        var lo = 0
        var length = last
        while length > 1 {
            let half = length >> 1
            lo = x >= t[lo + half] ? lo + half : lo
            length -= half
        }
        return cubic(x, t: t, inverseSpans: inverseSpans, paddedCount: gridSize + 13, mu: lo, gridSize: gridSize,
                     values: values, derivatives: derivatives)
    }

    /// The knot interval μ with t_μ ≤ x < t_{μ+1} of a cubic basis (the first step of
    /// `evaluateCubic`), or −1 when x is outside [t₀, t_{G+6}) or NaN. Kept apart so that
    /// a loop over samples runs the dependent loads of many searches at once.
    @inline(__always)
    static func cubicInterval(_ x: Double, paddedKnots: UnsafePointer<Double>, gridSize: Int) -> Int {
        let t = paddedKnots + 3
        let last = gridSize + 6
        guard x >= t[0] && x < t[last] else { return -1 }
        // Branch-free lower bound. The step is taken when x − t ≥ 0, read from the sign
        // bit: written as a conditional, the compiler turns the loop-carried select into a
        // branch that mispredicts on every other level.
        var lo = 0
        var length = last
        while length > 1 {
            let half = length >> 1
            let difference = x - t[lo + half]  // +0 when equal: sign bit clear, step taken
            let take = ~(Int(bitPattern: UInt(difference.bitPattern)) >> 63)
            lo += half & take
            length -= half
        }
        return lo
    }

    /// Buckets per input of the cubic interval lookup table.
    static let bucketCount = 64

    /// Fills the lookup table of `cubicIntervalBucketed` for one input: `intervals[b]` is
    /// the interval (`cubicInterval`) of the lower edge of bucket b of [t₀, t_{G+6}).
    static func buildCubicBuckets(
        paddedKnots: UnsafePointer<Double>, gridSize: Int, intervals: UnsafeMutablePointer<Int32>,
        origin: UnsafeMutablePointer<Double>, scale: UnsafeMutablePointer<Double>
    ) {
        let t = paddedKnots + 3
        let last = gridSize + 6
        let lo = t[0], hi = t[last]
        var inverseWidth = Double(bucketCount) / (hi - lo)
        if !inverseWidth.isFinite || !(inverseWidth > 0) { inverseWidth = 0 }
        origin.pointee = lo
        scale.pointee = inverseWidth
        for b in 0..<bucketCount {
            let edge = inverseWidth > 0 ? lo + Double(b) / inverseWidth : lo
            let mu = cubicInterval(edge, paddedKnots: paddedKnots, gridSize: gridSize)
            intervals[b] = Int32(max(mu, 0))
        }
    }

    /// `cubicInterval` through the bucket table of `buildCubicBuckets`: the table gives
    /// the interval of the bucket's lower edge, short scans correct it (a knot inside the
    /// bucket, or rounding of the bucket index). Same result as `cubicInterval` for
    /// nondecreasing knots: the μ with t_μ ≤ x < t_{μ+1}, or −1 outside [t₀, t_{G+6}).
    @inline(__always)
    static func cubicIntervalBucketed(
        _ x: Double, paddedKnots: UnsafePointer<Double>, gridSize: Int,
        intervals: UnsafePointer<Int32>, origin: Double, scale: Double
    ) -> Int {
        let t = paddedKnots + 3
        let last = gridSize + 6
        guard x >= t[0] && x < t[last] else { return -1 }
        // 0 ≤ (x − t₀)·scale ≤ bucketCount·(1 + ε) here, so the conversion cannot trap.
        let b = min(Int((x - origin) * scale), bucketCount - 1)
        var mu = Int(intervals[b])
        // t_{last} > x, so the upward scan stops by μ = last − 1; t₀ ≤ x stops the downward one.
        while t[mu + 1] <= x { mu += 1 }
        while t[mu] > x { mu -= 1 }
        return mu
    }

    /// The cubic case of `evaluate`, unrolled with every intermediate in registers (the
    /// generic recursion goes through scratch memory and costs about three times as much).
    @inline(__always)
    static func cubic(
        _ x: Double, t: UnsafePointer<Double>, inverseSpans: UnsafePointer<Double>, paddedCount: Int, mu: Int,
        gridSize: Int, values: UnsafeMutablePointer<Double>, derivatives: UnsafeMutablePointer<Double>?
    ) -> Int {
        // inverse_d[p] = 1/(t[p+d] − t[p]).
        let inverse1 = inverseSpans + 3
        let inverse2 = inverseSpans + paddedCount + 3
        let inverse3 = inverseSpans + 2 * paddedCount + 3
        let left1 = x - t[mu], right1 = t[mu + 1] - x
        let left2 = x - t[mu - 1], right2 = t[mu + 2] - x
        let left3 = x - t[mu - 2], right3 = t[mu + 3] - x
        // Order 1.
        let a = inverse1[mu]
        let n10 = right1 * a, n11 = left1 * a
        // Order 2.
        let b0 = n10 * inverse2[mu - 1], b1 = n11 * inverse2[mu]
        let n20 = right1 * b0
        let n21 = left2 * b0 + right2 * b1
        let n22 = left1 * b1
        // Order 3.
        let c0 = n20 * inverse3[mu - 2], c1 = n21 * inverse3[mu - 1], c2 = n22 * inverse3[mu]
        var v0 = right1 * c0
        var v1 = left3 * c0 + right2 * c1
        var v2 = left2 * c1 + right3 * c2
        var v3 = left1 * c2
        // dB/dx = 3·(B_mᵏ⁻¹/(t_{m+3} − t_m) − B_{m+1}ᵏ⁻¹/(t_{m+4} − t_{m+1})) = 3·(c_{r−1} − c_r).
        var d0 = -3 * c0, d1 = 3 * (c0 - c1), d2 = 3 * (c1 - c2), d3 = 3 * c2
        var start = mu - 3
        let basisCount = gridSize + 3
        if start < 0 {
            // Basis functions with negative index do not exist: shift left, pad with zeros.
            let shift = -start
            for _ in 0..<shift {
                v0 = v1; v1 = v2; v2 = v3; v3 = 0
                d0 = d1; d1 = d2; d2 = d3; d3 = 0
            }
            start = 0
        } else if start + 3 > basisCount - 1 {
            let shift = start + 3 - (basisCount - 1)
            for _ in 0..<shift {
                v3 = v2; v2 = v1; v1 = v0; v0 = 0
                d3 = d2; d2 = d1; d1 = d0; d0 = 0
            }
            start = basisCount - 4
        }
        values[0] = v0; values[1] = v1; values[2] = v2; values[3] = v3
        if let derivatives {
            derivatives[0] = d0; derivatives[1] = d1; derivatives[2] = d2; derivatives[3] = d3
        }
        return start
    }

    /// Scratch doubles `evaluate` needs for order k.
    static func scratchCount(order: Int) -> Int { 4 * (order + 1) }

    /// The k + 1 basis values (and derivatives) that may be nonzero at x.
    ///
    /// Returns `start` such that `values[r]` = B_{start+r}(x) for r in 0...k, with
    /// 0 ≤ start ≤ G − 1 (values of basis functions outside 0..<G+k are dropped and
    /// their slots zeroed, so callers always read k + 1 consecutive coefficients).
    /// Implements the triangular Cox–de Boor scheme (The NURBS Book, A2.2) and
    /// dB_mᵏ/dx = k·(B_mᵏ⁻¹/(t_{m+k} − t_m) − B_{m+1}ᵏ⁻¹/(t_{m+k+1} − t_{m+1})).
    /// Coincident knots give 0/0, which counts as 0 (pykan's `nan_to_num`).
    @inline(__always)
    static func evaluate(
        _ x: Double, paddedKnots: UnsafePointer<Double>, inverseSpans: UnsafePointer<Double>, gridSize: Int, order k: Int,
        values: UnsafeMutablePointer<Double>, derivatives: UnsafeMutablePointer<Double>?,
        scratch: UnsafeMutablePointer<Double>
    ) -> Int {
        let t = paddedKnots + k  // t[p] is knot p; valid for p in -k ... G+3k
        let paddedCount = gridSize + 4 * k + 1
        let last = gridSize + 2 * k
        guard x >= t[0] && x < t[last] else {
            for r in 0...k { values[r] = 0; derivatives?[r] = 0 }
            return 0
        }
        // Interval μ with t[μ] ≤ x < t[μ+1].
        // Branch-free lower bound: the comparisons are data-dependent and mispredict.
        var lo = 0
        var length = last
        while length > 1 {
            let half = length >> 1
            lo = x >= t[lo + half] ? lo + half : lo
            length -= half
        }
        let mu = lo
        if k == 3 {
            return cubic(x, t: t, inverseSpans: inverseSpans, paddedCount: paddedCount, mu: mu, gridSize: gridSize,
                         values: values, derivatives: derivatives)
        }
        let left = scratch
        let right = scratch + (k + 1)
        let lower = scratch + 2 * (k + 1)  // order k−1 values
        let n = values
        n[0] = 1
        var j = 1
        while j <= k {
            if j == k { for r in 0..<k { lower[r] = n[r] } }
            left[j] = x - t[mu + 1 - j]
            right[j] = t[mu + j] - x
            // 1/(t[μ+r+1] − t[μ+1−j+r]) = inverse span of length j starting at μ+1−j+r.
            let inverse = inverseSpans + (j - 1) * paddedCount + k + mu + 1 - j
            var saved = 0.0
            for r in 0..<j {
                let temp = n[r] * inverse[r]
                n[r] = saved + right[r + 1] * temp
                saved = left[j - r] * temp
            }
            n[j] = saved
            j += 1
        }
        // Derivatives of B_{μ−k+r}, r = 0...k, from the order k−1 values lower[0..<k]
        // (lower[r] = B_{μ−k+1+r}ᵏ⁻¹).
        if let derivatives {
            if k == 0 {
                derivatives[0] = 0
            } else {
                let kd = Double(k)
                // inverse[m] = 1/(t[m+k] − t[m]) for m = μ−k … μ+1.
                let inverse = inverseSpans + (k - 1) * paddedCount + k + mu - k
                for r in 0...k {
                    var d = 0.0
                    if r >= 1 { d += lower[r - 1] * inverse[r] }
                    if r <= k - 1 { d -= lower[r] * inverse[r + 1] }
                    derivatives[r] = kd * d
                }
            }
        }
        // Shift so that start + r stays within 0..<G+k.
        let window = Self.window(mu: mu, order: k, basisCount: gridSize + k)
        Self.shift(values, by: window.shift, order: k)
        if let derivatives { Self.shift(derivatives, by: window.shift, order: k) }
        return window.start
    }

    /// The first basis index of the k + 1 entries computed for interval μ, clamped into
    /// 0..<basisCount − k, and the shift that moves the entries there (entry r takes entry
    /// r + shift, 0 past the ends).
    @inline(__always)
    static func window(mu: Int, order k: Int, basisCount: Int) -> (start: Int, shift: Int) {
        let start = mu - k
        if start < 0 { return (0, -start) }
        if start + k > basisCount - 1 { return (basisCount - 1 - k, (basisCount - 1) - (start + k)) }
        return (start, 0)
    }

    /// Moves the k + 1 entries of `entries` by `shift` (entry r takes entry r + shift, 0 where
    /// that falls outside 0...k), in the order that reads each entry before overwriting it.
    @inline(__always)
    static func shift(_ entries: UnsafeMutablePointer<Double>, by shift: Int, order k: Int) {
        if shift > 0 {
            for r in 0...k { entries[r] = r + shift <= k ? entries[r + shift] : 0 }
        } else if shift < 0 {
            var r = k
            while r >= 0 {
                entries[r] = r + shift >= 0 ? entries[r + shift] : 0
                r -= 1
            }
        }
    }
}
