import Foundation
import Testing
@testable import KAN

/// Direct Cox–de Boor recursion on pykan's half-open convention, the reference for the fast path.
private func coxDeBoor(_ x: Double, knots t: [Double], m: Int, k: Int) -> Double {
    if k == 0 { return (t[m] <= x && x < t[m + 1]) ? 1 : 0 }
    var value = 0.0
    let d1 = t[m + k] - t[m]
    if d1 != 0 { value += (x - t[m]) / d1 * coxDeBoor(x, knots: t, m: m, k: k - 1) }
    let d2 = t[m + k + 1] - t[m + 1]
    if d2 != 0 { value += (t[m + k + 1] - x) / d2 * coxDeBoor(x, knots: t, m: m + 1, k: k - 1) }
    return value
}

@Suite struct BSplineBasisTests {
    @Test(arguments: [0, 1, 2, 3, 4])
    func partitionOfUnityInsideTheGrid(order: Int) {
        let basis = BSplineBasis(gridSize: 7, order: order, range: -1...1)
        #expect(basis.knots.count == 7 + 2 * order + 1)
        for q in 0..<200 {
            let x = -1 + 2 * Double(q) / 200
            let sum = basis.values(at: x).reduce(0, +)
            #expect(abs(sum - 1) < 1e-12, "x = \(x)")
        }
    }

    @Test(arguments: [1, 2, 3, 5])
    func agreesWithDirectRecursion(order: Int) {
        // A non-uniform grid, as after a grid update.
        let grid = [-1.3, -0.9, -0.2, 0.05, 0.4, 1.1, 1.2]
        let basis = BSplineBasis(grid: grid, order: order)
        var rng = SeededGenerator(seed: 7)
        let lo = basis.knots.first!, hi = basis.knots.last!
        for _ in 0..<300 {
            let x = rng.nextUniform(in: (lo - 0.3)...(hi + 0.3))
            let fast = basis.values(at: x)
            for m in 0..<basis.basisCount {
                let reference = coxDeBoor(x, knots: basis.knots, m: m, k: order)
                #expect(abs(fast[m] - reference) < 1e-12, "x = \(x), m = \(m)")
            }
        }
    }

    @Test func derivativesMatchFiniteDifferences() {
        let basis = BSplineBasis(grid: [-1, -0.5, 0.1, 0.3, 1], order: 3)
        for x in stride(from: -1.4, through: 1.4, by: 0.137) {
            let h = 1e-6
            let plus = basis.values(at: x + h), minus = basis.values(at: x - h)
            let d = basis.derivatives(at: x)
            for m in 0..<basis.basisCount {
                #expect(abs(d[m] - (plus[m] - minus[m]) / (2 * h)) < 1e-6, "x = \(x), m = \(m)")
            }
        }
    }

    @Test func zeroOutsideTheExtendedGrid() {
        let basis = BSplineBasis(gridSize: 5, order: 3, range: -1...1)
        #expect(basis.values(at: -5).allSatisfy { $0 == 0 })
        #expect(basis.values(at: 5).allSatisfy { $0 == 0 })
        #expect(basis.values(at: .nan).allSatisfy { $0 == 0 })
    }

    @Test func bucketedIntervalMatchesBinarySearch() {
        // A nonuniform grid (as after an adaptive grid update) and a uniform one.
        let grids: [[Double]] = [
            [-1, -0.97, -0.5, -0.49, 0.1, 0.9],
            (0...5).map { -1 + Double($0) * 0.4 },
        ]
        for grid in grids {
            let basis = BSplineBasis(grid: grid, order: 3)
            let gridSize = grid.count - 1
            var intervals = [Int32](repeating: 0, count: BSplineBasis.bucketCount)
            var origin = 0.0, scale = 0.0
            basis.paddedKnots.withUnsafeBufferPointer { knots in
                let t = knots.baseAddress!
                intervals.withUnsafeMutableBufferPointer { table in
                    BSplineBasis.buildCubicBuckets(
                        paddedKnots: t, gridSize: gridSize, intervals: table.baseAddress!, origin: &origin, scale: &scale)
                }
                var xs: [Double] = (0...4000).map { -3 + Double($0) * 0.0015 }
                xs += knots.map { $0 } + knots.map { $0.nextDown } + knots.map { $0.nextUp } + [.nan, .infinity, -.infinity]
                intervals.withUnsafeBufferPointer { table in
                    for x in xs {
                        let expected = BSplineBasis.cubicInterval(x, paddedKnots: t, gridSize: gridSize)
                        let bucketed = BSplineBasis.cubicIntervalBucketed(
                            x, paddedKnots: t, gridSize: gridSize, intervals: table.baseAddress!, origin: origin, scale: scale)
                        #expect(bucketed == expected, "x = \(x)")
                    }
                }
            }
        }
    }

    /// The per-interval polynomials of `CubicPieces` reproduce the Cox–de Boor values on a
    /// non-uniform grid, in every interval including the extensions.
    @Test func cubicPiecesMatchTheRecursion() {
        let basis = BSplineBasis(grid: [-1, -0.7, -0.1, 0.05, 0.6, 1.3], order: 3)
        let g = basis.gridSize
        let intervals = CubicPieces.intervalCount(gridSize: g)
        var pieces = [Double](repeating: .nan, count: intervals * 16)
        basis.paddedKnots.withUnsafeBufferPointer { knots in
            pieces.withUnsafeMutableBufferPointer { CubicPieces.build(paddedKnots: knots.baseAddress!, gridSize: g, pieces: $0.baseAddress!) }
        }
        let t = basis.knots
        for q in 0..<500 {
            let x = t[0] + (t[t.count - 1] - t[0]) * (Double(q) + 0.5) / 500
            let mu = (0..<intervals).last { t[$0] <= x }!
            let u = x - t[mu]
            var dense = [Double](repeating: 0, count: basis.basisCount)
            for r in 0..<4 where mu - 3 + r >= 0 && mu - 3 + r < basis.basisCount {
                let a = Array(pieces[(16 * mu + 4 * r)..<(16 * mu + 4 * r + 4)])
                dense[mu - 3 + r] = ((a[3] * u + a[2]) * u + a[1]) * u + a[0]
            }
            let reference = basis.values(at: x)
            for m in 0..<basis.basisCount { #expect(abs(dense[m] - reference[m]) < 1e-12, "x = \(x), m = \(m)") }
        }
    }

    @Test(arguments: [0, 1, 2, 3, 4, 5])
    func secondDerivativesMatchFiniteDifferencesOfTheFirst(order: Int) {
        let basis = BSplineBasis(grid: [-1, -0.5, 0.1, 0.3, 1], order: order)
        let h = 1e-6
        // Away from knots, where an order ≤ 2 basis has no second (or first) derivative.
        for x in stride(from: -2.9, through: 2.9, by: 0.0371) where basis.knots.allSatisfy({ abs($0 - x) > 1e-4 }) {
            let plus = basis.derivatives(at: x + h), minus = basis.derivatives(at: x - h)
            let second = basis.secondDerivatives(at: x)
            for m in 0..<basis.basisCount {
                let difference = (plus[m] - minus[m]) / (2 * h)
                #expect(abs(second[m] - difference) < 1e-6 * max(1, abs(second[m])), "x = \(x), m = \(m)")
            }
        }
    }

    /// The pass that also gives second derivatives returns the same values and first
    /// derivatives as `evaluate`, and second derivatives that sum to 0 inside the grid (the
    /// basis sums to 1 there).
    @Test(arguments: [0, 1, 2, 3, 4])
    func secondOrderPassAgreesWithTheFirstOrderOne(order: Int) {
        let basis = BSplineBasis(grid: [-1.3, -0.9, -0.2, 0.05, 0.4, 1.1, 1.2], order: order)
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<300 {
            let x = rng.nextUniform(in: -3...3)
            let values = basis.values(at: x), firsts = basis.derivatives(at: x)
            let seconds = basis.secondDerivatives(at: x)
            var local = [Double](repeating: 0, count: 3 * (order + 1))
            var scratch = [Double](repeating: 0, count: BSplineBasis.secondOrderScratchCount(order: order))
            let start = basis.paddedKnots.withUnsafeBufferPointer { knots in
                basis.inverseSpans.withUnsafeBufferPointer { inverse in
                    local.withUnsafeMutableBufferPointer { out in
                        scratch.withUnsafeMutableBufferPointer { s in
                            BSplineBasis.evaluateSecondOrder(
                                x, paddedKnots: knots.baseAddress!, inverseSpans: inverse.baseAddress!,
                                gridSize: basis.gridSize, order: order, values: out.baseAddress!,
                                firstDerivatives: out.baseAddress! + (order + 1),
                                secondDerivatives: out.baseAddress! + 2 * (order + 1), scratch: s.baseAddress!)
                        }
                    }
                }
            }
            for r in 0...order {
                #expect(abs(local[r] - values[start + r]) < 1e-14, "x = \(x)")
                #expect(abs(local[order + 1 + r] - firsts[start + r]) < 1e-12 * max(1, abs(firsts[start + r])), "x = \(x)")
                #expect(local[2 * (order + 1) + r] == seconds[start + r], "x = \(x)")
            }
            if x >= -1.3 && x < 1.2 {
                #expect(abs(seconds.reduce(0, +)) < 1e-9 * max(1, seconds.map(abs).max() ?? 0), "x = \(x)")
            }
        }
    }

    /// At a knot, derivatives are those of the piece on the right (t_μ ≤ x < t_{μ+1}): an
    /// order-2 basis has piecewise constant second derivatives, so the right-hand value is
    /// exact there and the left-hand one differs.
    @Test func secondDerivativesAtAKnotAreRightHanded() {
        let basis = BSplineBasis(grid: [-1, -0.5, 0.1, 0.3, 1], order: 2)
        let knot = 0.1
        let at = basis.secondDerivatives(at: knot)
        let right = basis.secondDerivatives(at: knot + 1e-9), left = basis.secondDerivatives(at: knot - 1e-9)
        for m in 0..<basis.basisCount { #expect(abs(at[m] - right[m]) < 1e-9) }
        #expect(zip(at, left).contains { abs($0 - $1) > 1 })
        #expect(basis.secondDerivatives(at: 5).allSatisfy { $0 == 0 })
        #expect(basis.secondDerivatives(at: basis.knots.last!).allSatisfy { $0 == 0 })
    }
}
