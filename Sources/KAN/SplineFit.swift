/// Least-squares fitting of spline coefficients to samples of curves (pykan's `curve2coef`).
///
/// For one input node with basis B on samples x_s and curves y_{s,j} (several
/// outgoing edges share the basis), solve for each curve j
///
///     min_c Σ_s (Σ_m c_m B_m(x_s) − y_{s,j})² + ρ‖c‖²
///
/// through the normal equations (BᵀB + ρI) c = Bᵀy with one Cholesky factorisation
/// shared by all curves. BᵀB is banded (k + 1 nonzero basis functions per sample) and
/// well conditioned on sampled intervals; the tiny ridge ρ = 1e-10·mean(diag) makes
/// it positive definite when intervals hold no samples and then selects the small-norm
/// solution, as pykan's `lstsq` does for underdetermined fits (initialisation on the
/// G + 1 grid points).
///
/// The band is all that is stored and computed (`BandedCholesky`): O(G·k²) to factor and
/// O(G·k) per curve to solve instead of O(G³) and O(G²): a dense factorisation made a
/// wide network on a fine grid (thousands of inputs, a thousand intervals) cubic in the
/// grid per input node. The numbers are those of the dense factorisation: the terms left
/// out are exact zeros.
enum SplineFit {
    /// Coefficients `[j·basisCount + m]` for curves `y[s·curveCount + j]` sampled at `x[s]`.
    ///
    /// The right-hand sides are kept basis-major, Bᵀy as `[m·curveCount + j]`, so that the
    /// accumulation over samples and the two triangular solves run along contiguous rows of
    /// all curves at once (a grid update of a 32 × 32 layer fits 32 curves per input);
    /// every curve sees the same operations in the same order as on its own.
    static func fit(basis: BSplineBasis, x: [Double], y: [Double], curveCount: Int) -> [Double] {
        let nb = basis.basisCount
        let k = basis.order
        let width = k + 1
        // Lower band of BᵀB: entry (r, c), r − k ≤ c ≤ r, at [r·(k + 1) + r − c].
        var gram = [Double](repeating: 0, count: nb * width)
        var rhs = [Double](repeating: 0, count: nb * curveCount)
        var values = [Double](repeating: 0, count: k + 1)
        var scratch = [Double](repeating: 0, count: BSplineBasis.scratchCount(order: k))
        basis.paddedKnots.withUnsafeBufferPointer { knots in basis.inverseSpans.withUnsafeBufferPointer { inverse in
            y.withUnsafeBufferPointer { yp in rhs.withUnsafeMutableBufferPointer { rp in
                for s in 0..<x.count {
                    let start = BSplineBasis.evaluate(
                        x[s], paddedKnots: knots.baseAddress!, inverseSpans: inverse.baseAddress!, gridSize: basis.gridSize,
                        order: k, values: &values, derivatives: nil, scratch: &scratch)
                    let curves = yp.baseAddress! + s * curveCount
                    for a in 0...k {
                        let va = values[a]
                        if va == 0 { continue }
                        for b in 0...a { gram[(start + a) * width + a - b] += va * values[b] }
                        let row = rp.baseAddress! + (start + a) * curveCount
                        for j in 0..<curveCount { row[j] += va * curves[j] }
                    }
                }
            } }
        } }
        var trace = 0.0
        for m in 0..<nb { trace += gram[m * width] }
        let ridge = 1e-10 * max(trace / Double(nb), 1e-300)
        for m in 0..<nb { gram[m * width] += ridge }
        guard BandedCholesky.factor(&gram, n: nb, bandwidth: k) else { return [Double](repeating: 0, count: curveCount * nb) }
        rhs.withUnsafeMutableBufferPointer { r in
            BandedCholesky.solve(gram, n: nb, bandwidth: k, rows: r.baseAddress!, columns: curveCount)
        }
        var coefficients = [Double](repeating: 0, count: curveCount * nb)
        for m in 0..<nb {
            for j in 0..<curveCount { coefficients[j * nb + m] = rhs[m * curveCount + j] }
        }
        return coefficients
    }
}

/// Cholesky factorisation A = L·Lᵀ of a symmetric positive definite band matrix, in place.
///
/// Only the lower band is stored: entry (i, j), i − w ≤ j ≤ i, at `[i·(w + 1) + i − j]`,
/// w the bandwidth; L has the same band. Each sum runs over the same nonzero terms in the
/// same order as a dense factorisation's (which adds exact zeros besides), so the results
/// are the dense ones bit for bit.
enum BandedCholesky {
    static func factor(_ a: inout [Double], n: Int, bandwidth w: Int) -> Bool {
        let width = w + 1
        return a.withUnsafeMutableBufferPointer { buffer in
            let a = buffer.baseAddress!
            for j in 0..<n {
                let rowJ = a + j * width
                var d = rowJ[0]
                for p in max(0, j - w)..<j { d -= rowJ[j - p] * rowJ[j - p] }
                guard d > 0, d.isFinite else { return false }
                let l = d.squareRoot()
                rowJ[0] = l
                for i in (j + 1)..<max(min(n, j + width), j + 1) {
                    let rowI = a + i * width
                    var s = rowI[i - j]
                    for p in max(0, i - w)..<j { s -= rowI[i - p] * rowJ[j - p] }
                    rowI[i - j] = s / l
                }
            }
            return true
        }
    }

    /// Solves L·Lᵀ·X = B in place for `columns` right-hand sides at once: B is n × columns,
    /// row-major (row i holds the i-th entry of every right-hand side).
    static func solve(_ l: [Double], n: Int, bandwidth w: Int, rows b: UnsafeMutablePointer<Double>, columns: Int) {
        let width = w + 1
        l.withUnsafeBufferPointer { lp in
            let l = lp.baseAddress!
            for i in 0..<n {
                let row = b + i * columns
                for p in max(0, i - w)..<i {
                    let factor = l[i * width + i - p], source = b + p * columns
                    for j in 0..<columns { row[j] -= factor * source[j] }
                }
                let diagonal = l[i * width]
                for j in 0..<columns { row[j] = row[j] / diagonal }
            }
            var i = n - 1
            while i >= 0 {
                let row = b + i * columns
                for p in (i + 1)..<max(min(n, i + width), i + 1) {
                    let factor = l[p * width + p - i], source = b + p * columns
                    for j in 0..<columns { row[j] -= factor * source[j] }
                }
                let diagonal = l[i * width]
                for j in 0..<columns { row[j] = row[j] / diagonal }
                i -= 1
            }
        }
    }
}
