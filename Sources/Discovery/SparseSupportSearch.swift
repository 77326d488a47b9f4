/// Which few columns of a dictionary Φ explain a target z: the support search of
/// `SparseTermSearch`, on the Gram matrix of unit-norm columns.
///
/// With the columns φⱼ and z scaled to unit norm (so that no column's units dominate), the
/// least-squares residual of z on the columns of a support S is
///
///     ‖z − Φ_S c‖² = 1 − b_Sᵀ G_S⁻¹ b_S,    G = ΦᵀΦ,  b = Φᵀz,
///
/// one k×k Cholesky solve (k ≤ 5) per support, from the D×D Gram matrix computed once for
/// all transforms of the target. The search is exhaustive over every support of one and two
/// free columns (D²/2 solves), then a beam search adds one column at a time, keeping the
/// `beamWidth` best supports of each size, up to `maximumTerms` free columns. (Greedy forward
/// selection alone misses supports whose columns only explain z together: a Gaussian's
/// log, c − ½x₁²x₃⁻² + x₁x₂x₃⁻² − ½x₂²x₃⁻² − log x₃.) `forced` columns are in every support
/// and not counted: the constant of a logarithm.
///
/// The residual is only good to about 10⁻¹⁶ times the conditioning of G_S, enough to rank
/// supports; `SparseTermSearch` measures the best ones again on the columns themselves.
/// Supports whose columns are dependent to that precision (a Cholesky pivot² ≤ 10⁻¹⁰) are
/// skipped. Deterministic: ties are broken by the columns' order.
struct SparseSupportSearch {
    /// G, row-major D×D, of unit-norm columns (ones on the diagonal).
    var gram: [Double]
    /// D, the number of columns.
    var size: Int
    /// b = Φᵀz, z of unit norm.
    var correlation: [Double]
    /// Columns in every support, not counted among its terms.
    var forced: [Int] = []
    /// The columns a support may add to `forced`; nil for all the others.
    var allowed: [Int]? = nil
    /// At most this many free columns.
    var maximumTerms = 4
    /// Supports kept per size to be extended. On inputs of one sign the monomials are strongly
    /// correlated, and with noise a pair of look-alikes can explain z better than two terms of
    /// the law: I.13.4, x₁(x₂² + x₃² + x₄²)/2 on [1, 5]⁴ with 1 % noise, has {x₂², x₃²} outside
    /// the best 24 pairs and inside the best 96 (measured; the stage's cost grows in
    /// proportion and stays a fraction of a second).
    var beamWidth = 96
    /// Supports reported per size.
    var reportedPerSize = 3
    /// Whether every pair of free columns is tried; otherwise pairs extend the best singles,
    /// like the larger supports (for searches run many times over, beside forced columns that
    /// already make the free ones count).
    var exhaustivePairs = true

    /// A support: its columns (forced first, then ascending) and residual fraction ‖r‖²/‖z‖².
    struct Support: Hashable {
        var columns: [Int]
        var residual: Double
    }

    /// The best `reportedPerSize` supports of each size, smallest supports first, best first
    /// within a size.
    func run() -> [Support] {
        guard size > 0, gram.count == size * size, correlation.count == size else { return [] }
        let free = (allowed ?? Array(0..<size)).filter { !forced.contains($0) && $0 >= 0 && $0 < size }
        var scratch = [Double](repeating: 0, count: 64)
        var support = forced
        var reported: [Support] = []
        let keep = Swift.max(beamWidth, reportedPerSize)

        // One free column, then every pair: exhaustively (or from the best singles).
        var singles = Ranking(capacity: keep)
        for i in free {
            support = forced + [i]
            if let r = residual(support, &scratch) { singles.insert(Support(columns: support, residual: r)) }
        }
        reported += singles.best.prefix(reportedPerSize)
        guard maximumTerms >= 2 else { return reported }
        var beam = singles
        var terms = 1
        if exhaustivePairs {
            beam = forced.count <= 1 ? pairs(free, capacity: keep) : Ranking(capacity: keep)
            if forced.count > 1 {
                for a in free.indices {
                    for b in free.indices where b > a {
                        support = forced + [free[a], free[b]]
                        if let r = residual(support, &scratch) { beam.insert(Support(columns: support, residual: r)) }
                    }
                }
            }
            reported += beam.best.prefix(reportedPerSize)
            terms = 2
        }
        // Then one more column at a time from the best supports.
        while terms < maximumTerms, !beam.best.isEmpty {
            terms += 1
            var next = Ranking(capacity: keep)
            var seen: Set<[Int]> = []
            for base in beam.best {
                for j in free where !base.columns.contains(j) {
                    let columns = forced + (base.columns.dropFirst(forced.count) + [j]).sorted()
                    guard seen.insert(columns).inserted, let r = residual(columns, &scratch) else { continue }
                    next.insert(Support(columns: columns, residual: r))
                }
            }
            beam = next
            reported += beam.best.prefix(reportedPerSize)
        }
        return reported
    }

    /// Every pair of `free` columns beside at most one forced column f, ranked, in closed form:
    /// with f projected out (G′ᵢⱼ = Gᵢⱼ − GᵢfGⱼf, b′ᵢ = bᵢ − Gᵢf·b_f, G_ff = 1), the
    /// residual of {f, a, b} is
    ///
    ///     1 − b_f² − (b′ₐ²G′_bb − 2b′ₐb′_bG′ₐ_b + b′_b²G′ₐₐ) / (G′ₐₐG′_bb − G′ₐ_b²),
    ///
    /// `residual` of the same support without its loops (the Cholesky pivots² are G′ₐₐ and
    /// the determinant over it, with the same 10⁻¹⁰ bound): the exhaustive pairs are most of a
    /// search's work, and the denominator-first ratio search runs one per denominator term.
    private func pairs(_ free: [Int], capacity: Int) -> Ranking {
        var ranking = Ranking(capacity: capacity)
        let f = forced.first
        let bf = f.map { correlation[$0] } ?? 0
        let projectedCorrelation = free.map { i in correlation[i] - (f.map { gram[i * size + $0] } ?? 0) * bf }
        let fColumn = free.map { i in f.map { gram[i * size + $0] } ?? 0 }
        for a in free.indices {
            let ga = free[a] * size
            let gaa = 1 - fColumn[a] * fColumn[a]
            guard gaa > 1e-10, gaa.isFinite else { continue }
            let ba = projectedCorrelation[a]
            for b in free.indices where b > a {
                let gbb = 1 - fColumn[b] * fColumn[b]
                let gab = gram[ga + free[b]] - fColumn[a] * fColumn[b]
                let determinant = gaa * gbb - gab * gab
                guard determinant > 1e-10 * gaa, determinant.isFinite else { continue }
                let bb = projectedCorrelation[b]
                let explained = (ba * ba * gbb - 2 * ba * bb * gab + bb * bb * gaa) / determinant
                let r = 1 - bf * bf - explained
                guard r.isFinite, !ranking.rejects(Swift.max(0, r)) else { continue }
                ranking.insert(Support(columns: forced + [free[a], free[b]], residual: Swift.max(0, r)))
            }
        }
        return ranking
    }

    /// 1 − b_Sᵀ G_S⁻¹ b_S (clamped at 0) by Cholesky of G_S, or nil when a pivot² falls to
    /// 10⁻¹⁰ (the columns are dependent at the Gram's precision) or is not finite.
    func residual(_ columns: [Int], _ scratch: inout [Double]) -> Double? {
        let k = columns.count
        if scratch.count < k * k + k { scratch = [Double](repeating: 0, count: k * k + k) }
        return scratch.withUnsafeMutableBufferPointer { buffer -> Double? in
            // L in buffer[0..<k·k] (row-major lower triangle), w = L⁻¹b after it.
            var explained = 0.0
            for i in 0..<k {
                let row = columns[i] * size
                for j in 0...i {
                    var value = gram[row + columns[j]]
                    for m in 0..<j { value -= buffer[i * k + m] * buffer[j * k + m] }
                    if j == i {
                        guard value > 1e-10, value.isFinite else { return nil }
                        buffer[i * k + i] = value.squareRoot()
                    } else {
                        buffer[i * k + j] = value / buffer[j * k + j]
                    }
                }
                var w = correlation[columns[i]]
                for m in 0..<i { w -= buffer[i * k + m] * buffer[k * k + m] }
                w /= buffer[i * k + i]
                buffer[k * k + i] = w
                explained += w * w
            }
            let r = 1 - explained
            guard r.isFinite else { return nil }
            return Swift.max(0, r)
        }
    }

    /// The best few supports seen, by residual then columns.
    struct Ranking {
        var capacity: Int
        private(set) var best: [Support] = []

        init(capacity: Int) { self.capacity = capacity }

        mutating func insert(_ support: Support) {
            if best.count == capacity, let last = best.last, !Self.precedes(support, last) { return }
            let index = best.firstIndex { Self.precedes(support, $0) } ?? best.count
            best.insert(support, at: index)
            if best.count > capacity { best.removeLast() }
        }

        /// Whether a support of this residual is sure to be refused (without building it).
        func rejects(_ residual: Double) -> Bool {
            best.count == capacity && residual > (best.last?.residual ?? .infinity)
        }

        static func precedes(_ x: Support, _ y: Support) -> Bool {
            x.residual != y.residual ? x.residual < y.residual : x.columns.lexicographicallyPrecedes(y.columns)
        }
    }
}
