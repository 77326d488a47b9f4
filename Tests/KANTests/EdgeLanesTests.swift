import Testing
@testable import KAN

/// The four-lane edge loops compute exactly what the scalar loops compute (the evaluator's
/// results, and so training, must not change by a bit), for every count of edges, including
/// those that leave a remainder after the lanes.
@Suite struct EdgeLanesTests {
    struct Rows {
        var wb: [Double], coefficients: [Double], gradient: [Double], alpha: [Double], edges: [Double], means: [Double]
        var sums: [Double], totals: [Double], wbGradient: [Double], gradientRows: [Double], stored: [Double]
        init(_ n: Int, seed: UInt64) {
            var rng = SeededGenerator(seed: seed)
            func draw(_ count: Int) -> [Double] { (0..<count).map { _ in 2 * rng.nextUniform() - 1 } }
            wb = draw(n); coefficients = draw(4 * n); gradient = draw(n); alpha = draw(n); edges = draw(n); means = draw(n)
            sums = draw(n); totals = draw(n); wbGradient = draw(n); gradientRows = draw(4 * n)
            stored = [Double](repeating: 0, count: n)
        }
    }

    @Test(arguments: Array(1...13))
    func forwardMatchesTheScalarLoop(n: Int) {
        let (v0, v1, v2, v3, b) = (0.31, -0.77, 0.123456789, 1.9, -0.45)
        var lanes = Rows(n, seed: UInt64(n))
        var scalar = lanes
        for j in 0..<n {
            let c = scalar.coefficients
            let out = scalar.wb[j] * b + (c[j] * v0 + c[n + j] * v1 + c[2 * n + j] * v2 + c[3 * n + j] * v3)
            scalar.sums[j] += out
            scalar.stored[j] = out
            scalar.totals[j] += out
        }
        lanes.wb.withUnsafeBufferPointer { wb in lanes.coefficients.withUnsafeBufferPointer { c in
            lanes.sums.withUnsafeMutableBufferPointer { sums in lanes.stored.withUnsafeMutableBufferPointer { stored in
                lanes.totals.withUnsafeMutableBufferPointer { totals in
                    EdgeLanes.forward(n, wb: wb.baseAddress!, b: b, rows: c.baseAddress!, v0: v0, v1: v1, v2: v2, v3: v3,
                                      sums: sums.baseAddress!, edges: stored.baseAddress!, totals: totals.baseAddress!)
                } } } } }
        #expect(lanes.sums == scalar.sums)
        #expect(lanes.stored == scalar.stored)
        #expect(lanes.totals == scalar.totals)
    }

    @Test(arguments: Array(1...13))
    func backwardMatchesTheScalarLoop(n: Int) {
        let (v0, v1, v2, v3, b) = (0.31, -0.77, 0.123456789, 1.9, -0.45)
        let (d0, d1, d2, d3, db) = (1.25, -0.5, 0.3333, -2.1, 0.875)
        var lanes = Rows(n, seed: 100 + UInt64(n))
        var scalar = lanes
        var expected = 0.0
        for j in 0..<n {
            let ge = scalar.gradient[j] + scalar.alpha[j] * (scalar.edges[j] - scalar.means[j])
            scalar.gradientRows[j] += ge * v0; scalar.gradientRows[n + j] += ge * v1
            scalar.gradientRows[2 * n + j] += ge * v2; scalar.gradientRows[3 * n + j] += ge * v3
            scalar.wbGradient[j] += ge * b
            let c = scalar.coefficients
            expected += ge * (scalar.wb[j] * db + (c[j] * d0 + c[n + j] * d1 + c[2 * n + j] * d2 + c[3 * n + j] * d3))
        }
        let gx = lanes.wb.withUnsafeBufferPointer { wb in lanes.coefficients.withUnsafeBufferPointer { c in
            lanes.gradient.withUnsafeBufferPointer { g in lanes.alpha.withUnsafeBufferPointer { alpha in
                lanes.edges.withUnsafeBufferPointer { edges in lanes.means.withUnsafeBufferPointer { means in
                    lanes.gradientRows.withUnsafeMutableBufferPointer { rows in lanes.wbGradient.withUnsafeMutableBufferPointer { gwb in
                        EdgeLanes.backward(
                            n, outputGradient: g.baseAddress!, alpha: alpha.baseAddress!, edges: edges.baseAddress!,
                            means: means.baseAddress!, v0: v0, v1: v1, v2: v2, v3: v3, b: b,
                            gradientRows: rows.baseAddress!, wbGradient: gwb.baseAddress!,
                            slopes: (wb: wb.baseAddress!, rows: c.baseAddress!, d0: d0, d1: d1, d2: d2, d3: d3, db: db))
                    } } } } } } } }
        #expect(gx == expected)
        #expect(lanes.gradientRows == scalar.gradientRows)
        #expect(lanes.wbGradient == scalar.wbGradient)
    }
}
