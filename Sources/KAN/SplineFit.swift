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
enum SplineFit {
    /// Coefficients `[j·basisCount + m]` for curves `y[s·curveCount + j]` sampled at `x[s]`.
    static func fit(basis: BSplineBasis, x: [Double], y: [Double], curveCount: Int) -> [Double] {
        let nb = basis.basisCount
        let k = basis.order
        var gram = [Double](repeating: 0, count: nb * nb)
        var rhs = [Double](repeating: 0, count: curveCount * nb)
        var values = [Double](repeating: 0, count: k + 1)
        var derivatives = [Double](repeating: 0, count: k + 1)
        var scratch = [Double](repeating: 0, count: BSplineBasis.scratchCount(order: k))
        basis.paddedKnots.withUnsafeBufferPointer { knots in basis.inverseSpans.withUnsafeBufferPointer { inverse in
            for s in 0..<x.count {
                let start = BSplineBasis.evaluate(
                    x[s], paddedKnots: knots.baseAddress!, inverseSpans: inverse.baseAddress!, gridSize: basis.gridSize, order: k,
                    values: &values, derivatives: &derivatives, scratch: &scratch)
                for a in 0...k {
                    let va = values[a]
                    if va == 0 { continue }
                    for b in 0...k { gram[(start + a) * nb + start + b] += va * values[b] }
                    for j in 0..<curveCount { rhs[j * nb + start + a] += va * y[s * curveCount + j] }
                }
            }
        } }
        var trace = 0.0
        for m in 0..<nb { trace += gram[m * nb + m] }
        let ridge = 1e-10 * max(trace / Double(nb), 1e-300)
        for m in 0..<nb { gram[m * nb + m] += ridge }
        guard Cholesky.factor(&gram, n: nb) else { return [Double](repeating: 0, count: curveCount * nb) }
        for j in 0..<curveCount {
            rhs.withUnsafeMutableBufferPointer { r in
                Cholesky.solve(gram, n: nb, rhs: r.baseAddress! + j * nb)
            }
        }
        return rhs
    }
}

/// Cholesky factorisation A = L·Lᵀ of a symmetric positive definite matrix (row-major, in place, lower triangle).
enum Cholesky {
    static func factor(_ a: inout [Double], n: Int) -> Bool {
        for j in 0..<n {
            var d = a[j * n + j]
            for p in 0..<j { d -= a[j * n + p] * a[j * n + p] }
            guard d > 0, d.isFinite else { return false }
            let l = d.squareRoot()
            a[j * n + j] = l
            for i in (j + 1)..<max(n, j + 1) {
                var s = a[i * n + j]
                for p in 0..<j { s -= a[i * n + p] * a[j * n + p] }
                a[i * n + j] = s / l
            }
        }
        return true
    }

    /// Solves L·Lᵀ·x = b in place.
    static func solve(_ l: [Double], n: Int, rhs b: UnsafeMutablePointer<Double>) {
        for i in 0..<n {
            var s = b[i]
            for p in 0..<i { s -= l[i * n + p] * b[p] }
            b[i] = s / l[i * n + i]
        }
        var i = n - 1
        while i >= 0 {
            var s = b[i]
            for p in (i + 1)..<max(n, i + 1) { s -= l[p * n + i] * b[p] }
            b[i] = s / l[i * n + i]
            i -= 1
        }
    }
}
