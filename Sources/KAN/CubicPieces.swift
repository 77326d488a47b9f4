/// The cubic B-splines of one knot vector as polynomials, interval by interval.
///
/// On the knot interval [t_μ, t_{μ+1}) the four nonzero cubic B-splines B_{μ−3} … B_μ
/// are cubic polynomials in the local variable u = x − t_μ:
///
///     B_{μ−3+r}(x) = Σ_p A[μ, r, p]·uᵖ,   r, p = 0 … 3
///
/// (from the Cox–de Boor recursion carried out on polynomials, once per grid). A spline
/// Σ_m c_m·B_m is then, on that interval, the cubic with coefficients
/// P[μ, p] = Σ_r c_{μ−3+r}·A[μ, r, p], evaluated by Horner's rule; and the gradient of
/// Σ_s g_s·spline(x_s) with respect to c_m collects, per interval, the moments
/// M[μ, p] = Σ_s g_s·u_sᵖ:  ∂/∂c_{μ−3+r} = Σ_p A[μ, r, p]·M[μ, p].
///
/// Basis functions outside 0 … G+2 (the extension intervals) are left out, as in
/// `BSplineBasis.cubic`. Outside [t₀, t_{G+6}) the spline is zero.
enum CubicPieces {
    /// Knot intervals [t_μ, t_{μ+1}), μ = 0 … G+5.
    static func intervalCount(gridSize: Int) -> Int { gridSize + 6 }

    /// Fills `pieces[16·μ + 4·r + p]` = A[μ, r, p] for every interval (0 for basis
    /// functions that do not exist). `paddedKnots` as in `BSplineBasis.paddedKnots`.
    static func build(paddedKnots: UnsafePointer<Double>, gridSize: Int, pieces: UnsafeMutablePointer<Double>) {
        let t = paddedKnots + 3
        let basisCount = gridSize + 3
        // n[4·j + q] holds coefficient q of N_{μ−p+j, p}, j = 0 … p: flat and reused across
        // intervals, since a network's layer has inputs × (G + 6) of them (six million for
        // [2, 6000, 1] on a grid of 1000, where arrays of arrays took seconds to allocate).
        var n = [Double](repeating: 0, count: 16)
        var next = [Double](repeating: 0, count: 16)
        for mu in 0..<intervalCount(gridSize: gridSize) {
            n[0] = 1; n[1] = 0; n[2] = 0; n[3] = 0
            for p in 1...3 {
                for q in 0..<(4 * (p + 1)) { next[q] = 0 }
                for j in 0...p {
                    let m = mu - p + j  // the function N_{m, p}
                    // (x − t_m)/(t_{m+p} − t_m)·N_{m, p−1}: N_{m, p−1} is n[j − 1].
                    if j >= 1 {
                        let span = t[m + p] - t[m]
                        if span > 0 {
                            let shift = t[mu] - t[m]  // x − t_m = u + shift
                            for q in 0..<4 {
                                let c = n[4 * (j - 1) + q] / span
                                next[4 * j + q] += shift * c
                                if q < 3 { next[4 * j + q + 1] += c }
                            }
                        }
                    }
                    // (t_{m+p+1} − x)/(t_{m+p+1} − t_{m+1})·N_{m+1, p−1}: that is n[j].
                    if j < p {
                        let span = t[m + p + 1] - t[m + 1]
                        if span > 0 {
                            let shift = t[m + p + 1] - t[mu]  // t_{m+p+1} − x = shift − u
                            for q in 0..<4 {
                                let c = n[4 * j + q] / span
                                next[4 * j + q] += shift * c
                                if q < 3 { next[4 * j + q + 1] -= c }
                            }
                        }
                    }
                }
                swap(&n, &next)
            }
            for r in 0..<4 {
                let m = mu - 3 + r
                let exists = m >= 0 && m < basisCount
                for p in 0..<4 { pieces[16 * mu + 4 * r + p] = exists ? n[4 * r + p] : 0 }
            }
        }
    }
}
