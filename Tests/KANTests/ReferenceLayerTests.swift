import Foundation
import Testing
@testable import KAN

/// The evaluator against the plainly written `ReferenceLayer`, on random networks of every
/// kind the evaluator has a path for, with both builds of the edge loops (portable, and AVX2
/// where the processor has it); and the two builds against each other, bit for bit, for the
/// loss and gradient with and without regularisation.
@Suite struct ReferenceLayerTests {
    static let builds: [EdgeLanes] = [EdgeLanes.portable] + (EdgeLanes.avx2.map { [$0] } ?? [])

    /// Networks named by the evaluator's path they exercise.
    static func networks() throws -> [(String, Network)] {
        var kinds: [(String, Network)] = []
        // Dense cubic, six edges per input (lanes and a remainder), then piecewise cubic (one sub-node).
        kinds.append(("dense cubic lanes + piecewise", try Network(shape: [3, 6, 1], gridSize: 5, seed: 1)))
        // W2's shape, smaller: lanes without a remainder, then a dense layer of one edge per input.
        kinds.append(("dense cubic, one edge per input", try Network(shape: [4, 8, 1], gridSize: 7, seed: 2)))
        // A dense cubic output layer with three outputs (lanes' remainder only).
        kinds.append(("dense cubic, three outputs", try Network(shape: [2, 5, 3], gridSize: 4, seed: 3)))
        // Orders other than 3: the general loop.
        kinds.append(("quadratic", try Network(shape: [2, 3, 1], gridSize: 6, splineOrder: 2, seed: 4)))
        kinds.append(("linear", try Network(shape: [2, 3, 2], gridSize: 3, splineOrder: 1, seed: 5)))
        // Multiplication nodes (pairs and triples).
        kinds.append(("multiplication", try Network(shape: [2, LayerWidth(sum: 2, mult: 1), 1], gridSize: 4, seed: 6)))
        kinds.append(("triple products", try Network(
            shape: [3, LayerWidth(sum: 1, mult: 2), 1], gridSize: 5, multiplicationArity: 3, seed: 7)))
        // Symbolic, mixed and pruned edges, with multiplication nodes.
        var mixed = try Network(shape: [3, LayerWidth(sum: 3, mult: 1), 2], gridSize: 5, seed: 8)
        try mixed.setSymbolic(layer: 0, input: 1, output: 2, function: Fixtures.sine, a: 1.3, b: 0.2, c: 0.7, d: -0.1)
        try mixed.setSymbolic(layer: 0, input: 2, output: 0, function: Fixtures.square, a: 0.8, b: -0.3, c: 1.1, d: 0.05)
        try mixed.addSplineResidual(layer: 0, input: 2, output: 0)
        try mixed.setSymbolic(layer: 1, input: 0, output: 1, function: Fixtures.exponential, a: 0.5, b: -0.1, c: 0.4, d: 0.2)
        try mixed.setEdgeActive(layer: 0, input: 0, output: 4, false)
        try mixed.setEdgeActive(layer: 1, input: 3, output: 0, false)
        kinds.append(("symbolic, mixed and pruned", mixed))
        // Identity base function, a wider grid range.
        kinds.append(("identity base", try Network(
            shape: [2, 4, 1], gridSize: 5, gridRange: -2...2, baseFunction: .identity, seed: 9)))
        // Every parameter moved away from its initial value, so that no term vanishes.
        return kinds.map { name, network in
            var network = network
            var theta = network.parameterVector()
            var rng = SeededGenerator(seed: UInt64(name.count))
            for p in theta.indices { theta[p] += 0.6 * (rng.nextUniform() - 0.5) }
            network.setParameterVector(theta)
            return (name, network)
        }
    }

    /// Inputs mostly inside the grid, some beyond the extended knots (where every basis function is zero).
    static func data(_ network: Network, count: Int = 300) -> Dataset {
        let output = network.outputCount
        let base = Fixtures.data(count: count, inputs: network.inputCount, seed: 21, range: -2.6...2.6)
        let targets = (0..<(count * output)).map { Double($0 % 7) / 7 - 0.5 }
        return (try? Dataset(rows: base.inputs, inputCount: network.inputCount, targets: targets, outputCount: output))!
    }

    @Test func theEvaluatorComputesWhatTheReferenceDefines() throws {
        for (name, network) in try Self.networks() {
            let data = Self.data(network)
            let reference = ReferenceNetwork(network)
            let theta = network.parameterVector()
            for build in Self.builds {
                let evaluator = Evaluator(network: network, threadCount: 1)
                evaluator.edgeLanes = build
                let predicted = evaluator.predict(parameters: theta, inputs: data.inputs, count: data.count)
                var worst = 0.0
                for s in 0..<data.count {
                    let x = Array(data.inputs[(s * network.inputCount)..<((s + 1) * network.inputCount)])
                    let y = reference(x)
                    for o in y.indices {
                        let fast = predicted[s * network.outputCount + o]
                        worst = max(worst, abs(fast - y[o]) / max(1, abs(y[o])))
                    }
                }
                #expect(worst <= 1e-12, "\(name), AVX2: \(build.usesAVX2): relative difference \(worst)")
            }
        }
    }

    /// Loss and gradient of `network` on `data` with one build of the edge loops.
    static func lossAndGradient(
        _ network: Network, _ data: Dataset, _ build: EdgeLanes, _ weights: RegularizationWeights?, threads: Int
    ) -> (EvaluationResult, [Double]) {
        let evaluator = Evaluator(network: network, threadCount: threads)
        evaluator.edgeLanes = build
        let theta = network.parameterVector()
        var gradient = [Double](repeating: 0, count: theta.count)
        let result = theta.withUnsafeBufferPointer { p in
            data.inputs.withUnsafeBufferPointer { x in
                data.targets.withUnsafeBufferPointer { t in
                    gradient.withUnsafeMutableBufferPointer { g in
                        evaluator.evaluate(parameters: p.baseAddress!, inputs: x.baseAddress!, targets: t.baseAddress!,
                                           count: data.count, gradient: g.baseAddress!, regularization: weights)
                    }
                }
            }
        }
        return (result, gradient)
    }

    @Test func theTwoBuildsOfTheEdgeLoopsAgreeBitForBit() throws {
        let avx2 = try #require(EdgeLanes.avx2, "this processor has no AVX2: only the portable loops run")
        let regularization = RegularizationWeights(lambda: 0.01, l1: 1, entropy: 2, coefficient: 0.5, coefficientDifference: 0.5)
        for (name, network) in try Self.networks() {
            let data = Self.data(network)
            for weights in [nil, regularization] {
                let (portableLoss, portableGradient) = Self.lossAndGradient(network, data, .portable, weights, threads: 2)
                let (avx2Loss, avx2Gradient) = Self.lossAndGradient(network, data, avx2, weights, threads: 2)
                #expect(portableLoss.objective.bitPattern == avx2Loss.objective.bitPattern, "\(name)")
                #expect(portableGradient.map(\.bitPattern) == avx2Gradient.map(\.bitPattern), "\(name)")
                // The reference's mean squared error, to the same tolerance.
                let reference = ReferenceNetwork(network)
                var sse = 0.0
                for s in 0..<data.count {
                    let y = reference(Array(data.inputs[(s * network.inputCount)..<((s + 1) * network.inputCount)]))
                    for o in y.indices { let r = y[o] - data.targets[s * network.outputCount + o]; sse += r * r }
                }
                let mse = sse / Double(data.count * network.outputCount)
                #expect(abs(portableLoss.meanSquaredError - mse) <= 1e-12 * max(1, mse), "\(name)")
            }
        }
    }
}
