import Foundation

/// The coarse stage of the affine fit: R² of the profiled line at every point of a grid of inner
/// maps u = α·t + β, on the coarse subsample; the best local maxima seed the refinement.
///
/// pykan evaluates a 101 × 101 grid over (a, b) ∈ [−10, 10]² and zooms three times around the
/// best point. Here the zooms are replaced by Levenberg–Marquardt from several local maxima
/// (more accurate, and robust to a narrow second peak), and the grid shrinks with what the
/// primitive's symmetries make redundant:
/// - no degeneracy: α ∈ [0, 10] (or [−10, 10] without reflection symmetry) × β ∈ [−10, 10];
/// - homogeneous or logarithmic f: α = ±1 and a line over the shift β;
/// - exponential f: β = 0 and a line over the rate α.
/// The lines are spaced as sinh of a uniform grid (fine near 0, reaching far shifts such as
/// 1/x on x ∈ [1, 1.1], i.e. β ≈ 21), and include the shifts that put the samples' range exactly
/// on a finite domain bound (√x on x ∈ [0, 1] has its optimum there).
struct AffineGridSearch {
    /// One rectangular grid: every α against every β.
    struct Grid {
        var alphas: [Double]
        var betas: [Double]
    }

    var grids: [Grid]
    var free: FreeInnerParameters

    /// The grids for `primitive` under `options`; empty for the primitives fitted without search
    /// (zero, identity).
    init(for primitive: NumericPrimitive, options: AffineFitOptions) {
        let domain = primitive.domain
        switch primitive.degeneracy {
        case .zero, .identity:
            grids = []
            free = .both
        case .none:
            let size = Swift.max(3, options.gridSize)
            let betas = Self.uniform(-options.offsetLimit, options.offsetLimit, count: size)
            let alphas: [Double]
            if primitive.reflection == .none {
                alphas = Self.uniform(-options.slopeLimit, options.slopeLimit, count: size)
            } else {
                alphas = Self.uniform(0, options.slopeLimit, count: (size + 1) / 2)
            }
            grids = [Grid(alphas: alphas, betas: betas)]
            free = .both
        case .homogeneous, .logarithmic:
            var betas = Self.sinhSpaced(limit: options.shiftLimit, count: options.lineGridSize)
            // u ∈ [β − 1, β + 1] touches a finite bound at β = bound ∓ 1.
            if domain.lowerBound.isFinite { betas.append(domain.lowerBound + 1) }
            if domain.upperBound.isFinite { betas.append(domain.upperBound - 1) }
            betas.sort()
            let signs: [Double] = primitive.reflection == .none ? [1, -1] : [1]
            grids = signs.map { Grid(alphas: [$0], betas: betas) }
            free = .betaOnly
        case .exponential:
            let alphas = Self.sinhSpaced(limit: options.rateLimit, count: options.lineGridSize)
            grids = [Grid(alphas: alphas, betas: [0])]
            free = .alphaOnly
        }
    }

    /// The best `count` local maxima of R² over all grids, best first (ties: grid order), each
    /// with its coarse R².
    func starts(
        _ primitive: NumericPrimitive, samples: AffineFitSamples, count: Int
    ) -> [(map: InnerMap, rSquared: Double)] {
        var found: [(map: InnerMap, rSquared: Double, order: Int)] = []
        samples.coarseT.withUnsafeBufferPointer { t in
            samples.coarseCentredY.withUnsafeBufferPointer { y in
                for grid in grids {
                    let na = grid.alphas.count, nb = grid.betas.count
                    // −1 marks an inadmissible or degenerate point.
                    var r2 = [Double](repeating: -1, count: na * nb)
                    for i in 0..<na {
                        for j in 0..<nb {
                            let map = InnerMap(alpha: grid.alphas[i], beta: grid.betas[j])
                            guard map.isAdmissible(for: primitive.domain),
                                let line = LinearLeastSquares.accumulate(
                                    primitive, alpha: map.alpha, beta: map.beta, t: t, centredY: y,
                                    sumYY: samples.coarseTotalSumOfSquares, meanY: 0),
                                !line.isDegenerate
                            else { continue }
                            r2[i * nb + j] = line.rSquared
                        }
                    }
                    for i in 0..<na {
                        for j in 0..<nb where r2[i * nb + j] >= 0 {
                            let value = r2[i * nb + j]
                            var isPeak = true
                            neighbours: for di in -1...1 {
                                for dj in -1...1 where di != 0 || dj != 0 {
                                    let ii = i + di, jj = j + dj
                                    guard ii >= 0, ii < na, jj >= 0, jj < nb else { continue }
                                    let other = r2[ii * nb + jj]
                                    // Plateaus keep their first point only.
                                    if other > value || (other == value && (di, dj) < (0, 0)) {
                                        isPeak = false
                                        break neighbours
                                    }
                                }
                            }
                            if isPeak {
                                found.append(
                                    (InnerMap(alpha: grid.alphas[i], beta: grid.betas[j]), value,
                                     found.count))
                            }
                        }
                    }
                }
            }
        }
        found.sort { $0.rSquared > $1.rSquared || ($0.rSquared == $1.rSquared && $0.order < $1.order) }
        return found.prefix(Swift.max(1, count)).map { ($0.map, $0.rSquared) }
    }

    /// `count` evenly spaced points from `low` to `high`, computed so both ends are exact.
    static func uniform(_ low: Double, _ high: Double, count: Int) -> [Double] {
        guard count > 1 else { return [low] }
        let last = Double(count - 1)
        return (0..<count).map { k in
            let s = Double(k) / last
            return low * (1 - s) + high * s
        }
    }

    /// `count` points sinh(s) for s uniform in [−asinh(limit), asinh(limit)], with 0 exact.
    static func sinhSpaced(limit: Double, count: Int) -> [Double] {
        let half = Swift.max(1, count / 2)
        let top = Foundation.asinh(limit)
        var points = [0.0]
        for k in 1...half {
            let v = Foundation.sinh(top * Double(k) / Double(half))
            points.append(v)
            points.append(-v)
        }
        return points.sorted()
    }
}
