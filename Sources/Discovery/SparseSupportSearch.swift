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

    /// A support: its columns (forced first, then ascending) and residual fraction ‖r‖²/‖z‖².
    struct Support: Hashable {
        var columns: [Int]
        var residual: Double
    }

    /// The best `reportedPerSize` supports of each size, smallest supports first, best first
    /// within a size.
    func run() -> [Support] {
        guard size > 0, gram.count == size * size, correlation.count == size else { return [] }
        let free = (0..<size).filter { !forced.contains($0) }
        var scratch = [Double](repeating: 0, count: 64)
        var support = forced
        var reported: [Support] = []
        let keep = Swift.max(beamWidth, reportedPerSize)

        // One free column, then every pair: exhaustively.
        var singles = Ranking(capacity: keep)
        for i in free {
            support = forced + [i]
            if let r = residual(support, &scratch) { singles.insert(Support(columns: support, residual: r)) }
        }
        reported += singles.best.prefix(reportedPerSize)
        guard maximumTerms >= 2 else { return reported }
        var beam = Ranking(capacity: keep)
        for a in free.indices {
            for b in free.indices where b > a {
                support = forced + [free[a], free[b]]
                if let r = residual(support, &scratch) { beam.insert(Support(columns: support, residual: r)) }
            }
        }
        reported += beam.best.prefix(reportedPerSize)
        // Then one more column at a time from the best supports.
        var terms = 2
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

        static func precedes(_ x: Support, _ y: Support) -> Bool {
            x.residual != y.residual ? x.residual < y.residual : x.columns.lexicographicallyPrecedes(y.columns)
        }
    }
}
