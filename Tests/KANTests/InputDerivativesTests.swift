import Foundation
import Testing
@testable import KAN

/// `Network.inputDerivatives` against central differences of `evaluate`.
///
/// Gradients are compared with (y(x + h·e_i) − y(x − h·e_i))/2h of `evaluate`; Hessians with
/// central differences of the analytic gradient (so one step h of 1e-5 serves both) and,
/// more loosely, with second differences of `evaluate` itself. Differences across a knot of
/// any layer's spline measure the jump, not the derivative: rows whose stencil comes near a
/// knot are left out (`awayFromKnots`).
@Suite struct InputDerivativesTests {
    // MARK: Helpers

    static func columns(_ inputs: Int, count: Int, range: ClosedRange<Double> = -1...1, seed: UInt64) -> [[Double]] {
        var rng = SeededGenerator(seed: seed)
        var columns = [[Double]](repeating: [], count: inputs)
        for _ in 0..<count { for i in 0..<inputs { columns[i].append(rng.nextUniform(in: range)) } }
        return columns
    }

    /// Output `output` of `evaluate` at every row.
    static func evaluate(_ net: Network, _ columns: [[Double]], output: Int = 0) throws -> [Double] {
        let result = try net.evaluate(try Dataset(columns: columns))
        return (0..<result.count).map { result.outputs[$0 * net.outputCount + output] }
    }

    static func shifted(_ columns: [[Double]], _ steps: [(input: Int, by: Double)]) -> [[Double]] {
        var moved = columns
        for (i, h) in steps { moved[i] = moved[i].map { $0 + h } }
        return moved
    }

    /// Rows where no layer's input lies within `margin` of a knot of its spline.
    static func awayFromKnots(_ net: Network, _ columns: [[Double]], margin: Double = 1e-3) throws -> [Int] {
        let data = try Dataset(columns: columns)
        let levels = Evaluator(network: net, threadCount: 1)
            .levelValues(parameters: net.parameterVector(), inputs: data.inputs, count: data.count)
        return (0..<data.count).filter { row in
            net.layers.enumerated().allSatisfy { l, layer in
                (0..<layer.inputCount).allSatisfy { i in
                    let x = levels[l][row * layer.inputCount + i]
                    return layer.bases[i].knots.allSatisfy { abs($0 - x) > margin }
                }
            }
        }
    }

    static func close(_ a: Double, _ b: Double, relative: Double, absolute: Double) -> Bool {
        abs(a - b) <= absolute + relative * max(abs(a), abs(b))
    }

    /// Checks values, gradients and Hessians of `net` at `columns` against `evaluate`.
    static func checkAgainstFiniteDifferences(
        _ net: Network, _ columns: [[Double]], output: Int = 0, minimumRows: Int = 50,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let d = columns.count
        let h = 1e-5
        let exact = try net.inputDerivatives(columns: columns, output: output, hessians: true)
        let hessians = try #require(exact.hessians, sourceLocation: sourceLocation)
        let rows = try awayFromKnots(net, columns)
        #expect(rows.count >= minimumRows, "only \(rows.count) rows away from knots", sourceLocation: sourceLocation)
        let y = try evaluate(net, columns, output: output)
        for row in 0..<y.count {
            #expect(close(exact.values[row], y[row], relative: 1e-12, absolute: 1e-12), "value at row \(row)",
                    sourceLocation: sourceLocation)
        }
        for i in 0..<d {
            let plus = try evaluate(net, shifted(columns, [(i, h)]), output: output)
            let minus = try evaluate(net, shifted(columns, [(i, -h)]), output: output)
            let gradientPlus = try net.inputDerivatives(columns: shifted(columns, [(i, h)]), output: output)
            let gradientMinus = try net.inputDerivatives(columns: shifted(columns, [(i, -h)]), output: output)
            for row in rows {
                let difference = (plus[row] - minus[row]) / (2 * h)
                #expect(close(exact.gradients[i][row], difference, relative: 1e-6, absolute: 1e-8),
                        "∂y/∂x\(i) at row \(row): \(exact.gradients[i][row]) vs \(difference)", sourceLocation: sourceLocation)
                for j in 0..<d {
                    let second = (gradientPlus.gradients[j][row] - gradientMinus.gradients[j][row]) / (2 * h)
                    #expect(close(hessians[i][j][row], second, relative: 1e-5, absolute: 1e-7),
                            "∂²y/∂x\(i)∂x\(j) at row \(row): \(hessians[i][j][row]) vs \(second)", sourceLocation: sourceLocation)
                    #expect(hessians[i][j][row] == hessians[j][i][row], sourceLocation: sourceLocation)
                }
            }
        }
        // Second differences of `evaluate` itself, with a larger step (rounding grows as ε/h²).
        let step = 1e-3
        for i in 0..<d {
            for j in i..<d {
                let reference: [Double]
                if i == j {
                    let plus = try evaluate(net, shifted(columns, [(i, step)]), output: output)
                    let minus = try evaluate(net, shifted(columns, [(i, -step)]), output: output)
                    reference = y.indices.map { (plus[$0] - 2 * y[$0] + minus[$0]) / (step * step) }
                } else {
                    let pp = try evaluate(net, shifted(columns, [(i, step), (j, step)]), output: output)
                    let pm = try evaluate(net, shifted(columns, [(i, step), (j, -step)]), output: output)
                    let mp = try evaluate(net, shifted(columns, [(i, -step), (j, step)]), output: output)
                    let mm = try evaluate(net, shifted(columns, [(i, -step), (j, -step)]), output: output)
                    reference = y.indices.map { (pp[$0] - pm[$0] - mp[$0] + mm[$0]) / (4 * step * step) }
                }
                for row in try awayFromKnots(net, columns, margin: 0.05) {
                    #expect(close(hessians[i][j][row], reference[row], relative: 1e-3, absolute: 1e-4),
                            "∂²y/∂x\(i)∂x\(j) at row \(row) vs evaluate: \(hessians[i][j][row]) vs \(reference[row])",
                            sourceLocation: sourceLocation)
                }
            }
        }
    }

    static let sine = SymbolicFunction(name: "sin", value: { sin($0) }, derivative: { cos($0) }, secondDerivative: { -sin($0) })
    static let square = SymbolicFunction(name: "x^2", value: { $0 * $0 }, derivative: { 2 * $0 }, secondDerivative: { _ in 2 })

    // MARK: Networks

    @Test func siluNetwork() throws {
        let net = try Network(shape: [3, 4, 1], gridSize: 5, seed: 1)
        try Self.checkAgainstFiniteDifferences(net, Self.columns(3, count: 200, seed: 11))
    }

    /// A trained network has larger, less regular splines than a fresh one.
    @Test func trainedNetwork() throws {
        var net = try Network(shape: [2, 5, 1], gridSize: 5, seed: 0)
        try net.train(on: Fixtures.data(count: 200, seed: 1), options: TrainingOptions(steps: 20))
        try Self.checkAgainstFiniteDifferences(net, Self.columns(2, count: 200, seed: 12))
    }

    @Test func multiplicationNodesWithIdentityBase() throws {
        let net = try Network(shape: [2, LayerWidth(sum: 1, mult: 1), 1], gridSize: 5, baseFunction: .identity, seed: 2)
        try Self.checkAgainstFiniteDifferences(net, Self.columns(2, count: 200, seed: 13))
        // Arity 3, and a multiplication node as the output requested among several.
        let wide = try Network(shape: [3, LayerWidth(sum: 2, mult: 1), LayerWidth(sum: 1, mult: 1)], gridSize: 4,
                               multiplicationArity: 3, seed: 3)
        try Self.checkAgainstFiniteDifferences(wide, Self.columns(3, count: 200, seed: 14), output: 1)
        try Self.checkAgainstFiniteDifferences(wide, Self.columns(3, count: 200, seed: 14), output: 0)
    }

    /// [2, [0, 1], 1] with identity symbolic edges is y = 2·x·y + 0.5: exact derivatives.
    @Test func productOfIdentityEdgesIsExact() throws {
        let identity = SymbolicFunction(name: "x", value: { $0 }, derivative: { _ in 1 }, secondDerivative: { _ in 0 })
        var net = try Network(shape: [2, LayerWidth(sum: 0, mult: 1), 1], seed: 0)
        try net.setSymbolic(layer: 0, input: 0, output: 0, function: identity)
        try net.setSymbolic(layer: 0, input: 1, output: 1, function: identity)
        try net.setEdgeActive(layer: 0, input: 0, output: 1, false)
        try net.setEdgeActive(layer: 0, input: 1, output: 0, false)
        try net.setSymbolic(layer: 1, input: 0, output: 0, function: identity, a: 1, b: 0, c: 2, d: 0.5)
        let x = [0.3, 1.5, -1], y = [-0.7, 2.0, -1]
        let result = try net.inputDerivatives(columns: [x, y], hessians: true)
        let hessians = try #require(result.hessians)
        for row in 0..<3 {
            #expect(result.values[row] == 2 * x[row] * y[row] + 0.5)
            #expect(result.gradients[0][row] == 2 * y[row])
            #expect(result.gradients[1][row] == 2 * x[row])
            #expect(hessians[0][0][row] == 0 && hessians[1][1][row] == 0)
            #expect(hessians[0][1][row] == 2 && hessians[1][0][row] == 2)
        }
        #expect(result.laplacian == [0, 0, 0])
    }

    @Test func deepNetwork() throws {
        let net = try Network(shape: [2, 3, 2, 1], gridSize: 5, seed: 4)
        try Self.checkAgainstFiniteDifferences(net, Self.columns(2, count: 200, seed: 15))
    }

    @Test(arguments: [0, 1, 2, 3, 4])
    func splineOrders(order: Int) throws {
        var net = try Network(shape: [2, 3, 1], gridSize: 4, splineOrder: order, seed: 5)
        // Bigger splines than the initial noise, so that the spline part's derivatives matter.
        for l in net.layers.indices {
            net.layers[l].coefficients = net.layers[l].coefficients.enumerated().map { sin(Double($0.offset)) }
        }
        try Self.checkAgainstFiniteDifferences(net, Self.columns(2, count: 300, seed: 16))
        if order == 0 {
            // Step functions: only the base function moves.
            let flat = try Network(shape: [1, 1], gridSize: 4, splineOrder: 0, baseFunction: .zero, seed: 0)
            let result = try flat.inputDerivatives(columns: [[-0.3, 0.2, 0.9]], hessians: true)
            #expect(result.gradients[0].allSatisfy { $0 == 0 })
        }
    }

    @Test func symbolicEdges() throws {
        var net = try Network(shape: [2, 3, 1], gridSize: 5, seed: 6)
        try net.setSymbolic(layer: 0, input: 0, output: 1, function: Self.sine, a: 1.3, b: 0.2, c: 0.7, d: 0.1)
        try net.setSymbolic(layer: 1, input: 2, output: 0, function: Self.square, a: -0.8, b: 0.3, c: 1.5, d: -0.2)
        try Self.checkAgainstFiniteDifferences(net, Self.columns(2, count: 200, seed: 17))
    }

    /// A symbolic function made without f″ falls back to a difference quotient of f′: close
    /// to the exact one for a smooth f.
    @Test func symbolicEdgeWithoutSecondDerivative() throws {
        var exact = try Network(shape: [2, 2, 1], gridSize: 5, seed: 7)
        try exact.setSymbolic(layer: 0, input: 1, output: 0, function: Self.sine, a: 2, b: 0.1, c: 0.5, d: 0)
        var approximate = exact
        try approximate.setSymbolic(layer: 0, input: 1, output: 0, function: Fixtures.sine, a: 2, b: 0.1, c: 0.5, d: 0)
        #expect(!Fixtures.sine.hasExactSecondDerivative && Self.sine.hasExactSecondDerivative)
        let columns = Self.columns(2, count: 100, seed: 18)
        let a = try #require(try exact.inputDerivatives(columns: columns, hessians: true).hessians)
        let b = try #require(try approximate.inputDerivatives(columns: columns, hessians: true).hessians)
        for i in 0..<2 { for j in 0..<2 { for row in 0..<100 {
            #expect(Self.close(a[i][j][row], b[i][j][row], relative: 1e-8, absolute: 1e-9))
        } } }
    }

    /// After pruning, the derivatives are with respect to the kept inputs (`inputIndices`),
    /// and equal the full network's there; the removed input's are 0 in the full network.
    @Test func prunedNetwork() throws {
        let data = Fixtures.data(count: 300, inputs: 3, seed: 1) { $0[0] + $0[2] * $0[2] }
        var net = try Network(shape: [3, 4, 1], gridSize: 5, seed: 0)
        try net.train(on: data, options: TrainingOptions(steps: 3, gridUpdate: .disabled))
        for j in 0..<4 { try net.setEdgeActive(layer: 0, input: 1, output: j, false) }
        try net.setEdgeActive(layer: 1, input: 2, output: 0, false)
        let pruned = try net.prunedNodes(samples: data).prunedInputs(samples: data)
        #expect(pruned.inputIndices == [0, 2])
        let columns = Self.columns(3, count: 200, seed: 19)
        let kept = pruned.inputIndices.map { columns[$0] }
        try Self.checkAgainstFiniteDifferences(pruned, kept)
        let full = try net.inputDerivatives(columns: columns, hessians: true)
        let small = try pruned.inputDerivatives(columns: kept, hessians: true)
        let fullHessians = try #require(full.hessians), smallHessians = try #require(small.hessians)
        #expect(full.gradients[1].allSatisfy { $0 == 0 })
        #expect((0..<3).allSatisfy { i in fullHessians[1][i].allSatisfy { $0 == 0 } })
        for (q, i) in pruned.inputIndices.enumerated() {
            for row in 0..<200 {
                #expect(Self.close(small.gradients[q][row], full.gradients[i][row], relative: 1e-9, absolute: 1e-10))
                for (r, j) in pruned.inputIndices.enumerated() {
                    #expect(Self.close(smallHessians[q][r][row], fullHessians[i][j][row], relative: 1e-8, absolute: 1e-9))
                }
            }
        }
    }

    /// Outside the extended grid the splines are 0 and only the base function carries on, as in `evaluate`.
    @Test func inputsOutsideTheGrid() throws {
        let net = try Network(shape: [2, 3, 1], gridSize: 5, seed: 8)
        let columns = Self.columns(2, count: 300, range: -4...4, seed: 20)
        try Self.checkAgainstFiniteDifferences(net, columns)
        // Beyond t₀ = −2.2 a first-layer edge is w_b·silu(x).
        let one = try Network(shape: [1, 1], gridSize: 5, seed: 9)
        let x = [-3.0, 3.5]
        let result = try one.inputDerivatives(columns: [x], hessians: true)
        let hessians = try #require(result.hessians)
        let wb = one.layers[0].scaleBase[0]
        for row in 0..<2 {
            let (_, first, second) = BaseFunction.silu.valueAndDerivatives(x[row])
            #expect(Self.close(result.gradients[0][row], wb * first, relative: 1e-14, absolute: 0))
            #expect(Self.close(hessians[0][0][row], wb * second, relative: 1e-14, absolute: 0))
        }
    }

    @Test func gradientsOnlyLeaveHessiansOut() throws {
        let net = try Network(shape: [3, 4, 1], gridSize: 5, seed: 1)
        let columns = Self.columns(3, count: 50, seed: 21)
        let gradients = try net.inputDerivatives(columns: columns)
        let both = try net.inputDerivatives(columns: columns, hessians: true)
        #expect(gradients.hessians == nil && gradients.laplacian == nil)
        #expect(gradients.values == both.values && gradients.gradients == both.gradients)
        #expect(gradients.count == 50 && gradients.inputCount == 3)
        #expect(try net.inputDerivatives(columns: [[], [], []], hessians: true).count == 0)
    }

    @Test func baseFunctionSecondDerivatives() {
        let h = 1e-6
        for base in BaseFunction.allCases {
            for x in stride(from: -6.0, through: 6.0, by: 0.37) {
                let (value, first, second) = base.valueAndDerivatives(x)
                #expect(value == base.valueAndDerivative(x).0 && first == base.valueAndDerivative(x).1)
                let difference = (base.valueAndDerivative(x + h).1 - base.valueAndDerivative(x - h).1) / (2 * h)
                #expect(abs(second - difference) < 1e-8, "\(base) at \(x)")
            }
        }
    }

    // MARK: Errors and cost

    @Test func badInputsAreErrors() throws {
        let net = try Network(shape: [2, 3, 2], seed: 0)
        func message(_ body: () throws -> Void) -> String {
            do { try body() } catch let error as KANError { return error.description } catch { return "\(error)" }
            return "no error"
        }
        #expect(message { _ = try net.inputDerivatives(columns: [[0.1]]) }
                == "invalid data: expected 2 input columns (the network's current inputs), got 1")
        #expect(message { _ = try net.inputDerivatives(columns: [[0.1, 0.2], [0.3]]) }
                == "invalid data: input column 1 has 1 values, column 0 has 2")
        #expect(message { _ = try net.inputDerivatives(columns: [[0.1, .nan], [0.3, 0.4]]) }
                == "invalid data: input column 0 holds nan at row 1; derivatives need finite inputs")
        #expect(message { _ = try net.inputDerivatives(columns: [[0.1], [-.infinity]], hessians: true) }
                == "invalid data: input column 1 holds -inf at row 0; derivatives need finite inputs")
        #expect(message { _ = try net.inputDerivatives(columns: [[0.1], [0.2]], output: 2) }
                == "invalid data: output 2 does not exist: the network has 2 outputs (0..<2)")
        #expect(message { _ = try net.inputDerivatives(columns: [[0.1], [0.2]], output: -1) }
                == "invalid data: output -1 does not exist: the network has 2 outputs (0..<2)")
    }

    /// d = 10 inputs, 10,000 rows, full Hessians: well under a second in a release build.
    @Test func tenInputsAndTenThousandRowsAreQuick() throws {
        let net = try Network(shape: [10, 5, 1], gridSize: 5, seed: 0)
        let columns = Self.columns(10, count: 10_000, seed: 22)
        let clock = ContinuousClock()
        let start = clock.now
        let result = try net.inputDerivatives(columns: columns, hessians: true)
        let elapsed = clock.now - start
        #expect(result.hessians?.count == 10)
        #expect(elapsed < .seconds(1), "took \(elapsed)")
    }
}
