import Foundation
import Testing
@testable import KAN

/// The banded least-squares fit gives the dense factorisation's numbers bit for bit, and
/// scales to grids of a thousand intervals.
@Suite struct SplineFitTests {
    /// The dense normal-equations fit `SplineFit` used before it stored only the band
    /// (as it was, for comparison).
    static func denseFit(basis: BSplineBasis, x: [Double], y: [Double], curveCount: Int) -> [Double] {
        let nb = basis.basisCount
        let k = basis.order
        var gram = [Double](repeating: 0, count: nb * nb)
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
                        for b in 0...k { gram[(start + a) * nb + start + b] += va * values[b] }
                        let row = rp.baseAddress! + (start + a) * curveCount
                        for j in 0..<curveCount { row[j] += va * curves[j] }
                    }
                }
            } }
        } }
        var trace = 0.0
        for m in 0..<nb { trace += gram[m * nb + m] }
        let ridge = 1e-10 * max(trace / Double(nb), 1e-300)
        for m in 0..<nb { gram[m * nb + m] += ridge }
        guard DenseCholesky.factor(&gram, n: nb) else { return [Double](repeating: 0, count: curveCount * nb) }
        rhs.withUnsafeMutableBufferPointer { r in
            DenseCholesky.solve(gram, n: nb, rows: r.baseAddress!, columns: curveCount)
        }
        var coefficients = [Double](repeating: 0, count: curveCount * nb)
        for m in 0..<nb {
            for j in 0..<curveCount { coefficients[j * nb + m] = rhs[m * curveCount + j] }
        }
        return coefficients
    }

    @Test(arguments: [(5, 3, 40), (12, 2, 7), (30, 3, 200), (8, 1, 100)])
    func bandedFitEqualsTheDenseFitBitForBit(grid: Int, order: Int, samples: Int) {
        var rng = SeededGenerator(seed: UInt64(grid * 100 + samples))
        let basis = BSplineBasis(gridSize: grid, order: order, range: -1...1)
        let x = (0..<samples).map { _ in rng.nextUniform(in: -1.2...1.2) }.sorted()
        let curves = 3
        let y = (0..<(samples * curves)).map { _ in rng.nextUniform(in: -2...2) }
        let banded = SplineFit.fit(basis: basis, x: x, y: y, curveCount: curves)
        let dense = Self.denseFit(basis: basis, x: x, y: y, curveCount: curves)
        #expect(banded.map(\.bitPattern) == dense.map(\.bitPattern))
    }

    /// A [2, 600, 1] network on a grid of 1000 intervals: a dense factorisation per input node
    /// took minutes; the banded one, a fraction of a second.
    @Test func buildingAWideNetworkOnAFineGridIsQuick() throws {
        let start = Date()
        let network = try Network(shape: [2, 600, 1], gridSize: 1000, splineOrder: 3, seed: 1)
        #expect(Date().timeIntervalSince(start) < 10)
        let coefficients = network.layers[1].coefficients
        #expect(coefficients.allSatisfy { $0.isFinite })
    }
}

/// The dense Cholesky factorisation `SplineFit` used before (as it was, for comparison).
enum DenseCholesky {
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

    /// Solves L·Lᵀ·X = B in place for `columns` right-hand sides at once: B is n × columns,
    /// row-major (row i holds the i-th entry of every right-hand side).
    static func solve(_ l: [Double], n: Int, rows b: UnsafeMutablePointer<Double>, columns: Int) {
        l.withUnsafeBufferPointer { lp in
            let l = lp.baseAddress!
            for i in 0..<n {
                let row = b + i * columns
                for p in 0..<i {
                    let factor = l[i * n + p], source = b + p * columns
                    for j in 0..<columns { row[j] -= factor * source[j] }
                }
                let diagonal = l[i * n + i]
                for j in 0..<columns { row[j] = row[j] / diagonal }
            }
            var i = n - 1
            while i >= 0 {
                let row = b + i * columns
                for p in (i + 1)..<max(n, i + 1) {
                    let factor = l[p * n + i], source = b + p * columns
                    for j in 0..<columns { row[j] -= factor * source[j] }
                }
                let diagonal = l[i * n + i]
                for j in 0..<columns { row[j] = row[j] / diagonal }
                i -= 1
            }
        }
    }
}
