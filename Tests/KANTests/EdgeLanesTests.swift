import Testing
@testable import KAN

/// The edge loops compute exactly what the scalar loops compute (the evaluator's results, and
/// so training, must not change by a bit), in both builds of the loops (portable and AVX2,
/// where the processor has it), for every count of edges, including those that leave a
/// remainder after the lanes, with and without stored edges and input gradients.
@Suite struct EdgeLanesTests {
    static let builds: [EdgeLanes] = [EdgeLanes.portable] + (EdgeLanes.avx2.map { [$0] } ?? [])
    static let samples = 3, startCount = 3

    /// Random rows for `samples` samples of `n` edges; each sample's four coefficient rows
    /// start at one of `startCount` knot intervals.
    struct Rows {
        var wb: [Double], coefficients: [Double], starts: [Int32], values: [Double], base: [Double]
        var slopes: [Double], baseSlopes: [Double], inputs: [Double]
        var gradient: [Double], alpha: [Double], edges: [Double], means: [Double]
        var sums: [Double], totals: [Double], stored: [Double], wbGradient: [Double], gradientRows: [Double]
        var inputGradient: [Double]
        init(_ n: Int, seed: UInt64) {
            var rng = SeededGenerator(seed: seed)
            func draw(_ count: Int) -> [Double] { (0..<count).map { _ in 2 * rng.nextUniform() - 1 } }
            let m = EdgeLanesTests.samples, rowCount = (EdgeLanesTests.startCount + 3) * n
            wb = draw(n); coefficients = draw(rowCount)
            starts = (0..<m).map { _ in Int32(rng.nextIndex(below: EdgeLanesTests.startCount)) }
            values = draw(4 * m); base = draw(m); slopes = draw(4 * m); baseSlopes = draw(m); inputs = draw(m)
            gradient = draw(m * n); alpha = draw(n); edges = draw(m * n); means = draw(n)
            sums = draw(m * n); totals = draw(n); stored = [Double](repeating: 0, count: m * n)
            wbGradient = draw(n); gradientRows = draw(rowCount); inputGradient = [Double](repeating: 0, count: m)
        }
    }

    @Test(arguments: Array(1...13))
    func forwardMatchesTheScalarLoop(n: Int) {
        for build in Self.builds {
            for withEdges in [false, true] {
                var lanes = Rows(n, seed: UInt64(n))
                var scalar = lanes
                for s in 0..<Self.samples {
                    let v = Array(scalar.values[(4 * s)..<(4 * s + 4)]), b = scalar.base[s]
                    let c = Int(scalar.starts[s]) * n
                    for j in 0..<n {
                        let k = scalar.coefficients
                        let out = scalar.wb[j] * b
                            + (k[c + j] * v[0] + k[c + n + j] * v[1] + k[c + 2 * n + j] * v[2] + k[c + 3 * n + j] * v[3])
                        scalar.sums[s * n + j] += out
                        if withEdges { scalar.stored[s * n + j] = out; scalar.totals[j] += out }
                    }
                }
                let m = Self.samples
                lanes.stored.withUnsafeMutableBufferPointer { stored in
                    lanes.totals.withUnsafeMutableBufferPointer { totals in
                        build.forward(
                            n, m, lanes.wb, lanes.coefficients, lanes.starts, lanes.values, lanes.base, &lanes.sums,
                            withEdges ? stored.baseAddress : nil, withEdges ? totals.baseAddress : nil)
                    }
                }
                #expect(lanes.sums == scalar.sums, "AVX2: \(build.usesAVX2), edges: \(withEdges)")
                #expect(lanes.stored == scalar.stored)
                #expect(lanes.totals == scalar.totals)
            }
        }
    }

    @Test(arguments: Array(1...13))
    func backwardMatchesTheScalarLoop(n: Int) {
        let (beta, meanX) = (0.37, -0.21)
        for build in Self.builds {
            for withEdges in [false, true] {
                for withSlopes in [false, true] {
                    var lanes = Rows(n, seed: 100 + UInt64(n))
                    var scalar = lanes
                    for s in 0..<Self.samples {
                        let v = Array(scalar.values[(4 * s)..<(4 * s + 4)]), b = scalar.base[s]
                        let d = Array(scalar.slopes[(4 * s)..<(4 * s + 4)]), db = scalar.baseSlopes[s]
                        let c = Int(scalar.starts[s]) * n
                        var gx = 0.0
                        for j in 0..<n {
                            var ge = scalar.gradient[s * n + j]
                            if withEdges { ge = ge + scalar.alpha[j] * (scalar.edges[s * n + j] - scalar.means[j]) }
                            for r in 0..<4 { scalar.gradientRows[c + r * n + j] += ge * v[r] }
                            scalar.wbGradient[j] += ge * b
                            let k = scalar.coefficients
                            gx += ge * (scalar.wb[j] * db
                                + (k[c + j] * d[0] + k[c + n + j] * d[1] + k[c + 2 * n + j] * d[2] + k[c + 3 * n + j] * d[3]))
                        }
                        if withEdges { gx += beta * (scalar.inputs[s] - meanX) }
                        if withSlopes { scalar.inputGradient[s] = gx }
                    }
                    lanes.edges.withUnsafeBufferPointer { edges in
                        lanes.slopes.withUnsafeBufferPointer { slopes in
                            build.backward(
                                n, Self.samples, lanes.gradient, lanes.alpha, withEdges ? edges.baseAddress : nil,
                                lanes.means, lanes.starts, lanes.values, lanes.base, lanes.wb, lanes.coefficients,
                                &lanes.gradientRows, &lanes.wbGradient, withSlopes ? slopes.baseAddress : nil,
                                lanes.baseSlopes, lanes.inputs, 1, beta, meanX, &lanes.inputGradient)
                        }
                    }
                    let label = "AVX2: \(build.usesAVX2), edges: \(withEdges), slopes: \(withSlopes)"
                    #expect(lanes.inputGradient == scalar.inputGradient, "\(label)")
                    #expect(lanes.gradientRows == scalar.gradientRows, "\(label)")
                    #expect(lanes.wbGradient == scalar.wbGradient, "\(label)")
                }
            }
        }
    }
}
