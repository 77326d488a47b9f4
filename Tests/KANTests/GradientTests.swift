import Foundation
import Testing
@testable import KAN

/// Analytic gradients against central finite differences, for every parameter of a
/// network with sum and multiplication nodes, a symbolic edge, and all regularisers.
@Suite struct GradientTests {
    func check(network: Network, data: Dataset, weights: RegularizationWeights?, tolerance: Double = 2e-6) {
        let evaluator = Evaluator(network: network, threadCount: 1)
        let theta = network.parameterVector()
        var gradient = [Double](repeating: 0, count: theta.count)
        func loss(_ p: [Double]) -> Double {
            p.withUnsafeBufferPointer { pp in
                data.inputs.withUnsafeBufferPointer { x in
                    data.targets.withUnsafeBufferPointer { t in
                        evaluator.evaluate(parameters: pp.baseAddress!, inputs: x.baseAddress!, targets: t.baseAddress!,
                                           count: data.count, gradient: nil, regularization: weights).objective
                    }
                }
            }
        }
        _ = theta.withUnsafeBufferPointer { pp in
            data.inputs.withUnsafeBufferPointer { x in
                data.targets.withUnsafeBufferPointer { t in
                    gradient.withUnsafeMutableBufferPointer { g in
                        evaluator.evaluate(parameters: pp.baseAddress!, inputs: x.baseAddress!, targets: t.baseAddress!,
                                           count: data.count, gradient: g.baseAddress!, regularization: weights)
                    }
                }
            }
        }
        var worst = 0.0
        for p in theta.indices {
            let h = 1e-6 * max(1, abs(theta[p]))
            var plus = theta, minus = theta
            plus[p] += h
            minus[p] -= h
            let numeric = (loss(plus) - loss(minus)) / (2 * h)
            let error = abs(numeric - gradient[p]) / max(1, abs(numeric))
            worst = max(worst, error)
            #expect(error < tolerance, "parameter \(p): analytic \(gradient[p]), numeric \(numeric)")
        }
        #expect(worst < tolerance)
    }

    func network() throws -> Network {
        var net = try Network(shape: [2, LayerWidth(sum: 2, mult: 1), 1], gridSize: 4, seed: 3)
        // Perturb all parameters away from their symmetric initial values.
        var theta = net.parameterVector()
        var rng = SeededGenerator(seed: 11)
        for p in theta.indices { theta[p] += 0.3 * (rng.nextUniform() - 0.5) }
        net.setParameterVector(theta)
        try net.setSymbolic(layer: 0, input: 1, output: 2, function: Fixtures.sine, a: 1.3, b: 0.2, c: 0.7, d: -0.1)
        try net.setSymbolic(layer: 1, input: 0, output: 0, function: Fixtures.exponential, a: 0.5, b: -0.1, c: 0.4, d: 0.2)
        return net
    }

    @Test func meanSquaredErrorGradient() throws {
        check(network: try network(), data: Fixtures.data(count: 40, seed: 5), weights: nil)
    }

    @Test func regularizedGradient() throws {
        let weights = RegularizationWeights(lambda: 0.05, l1: 1, entropy: 2, coefficient: 0.3, coefficientDifference: 0.2)
        check(network: try network(), data: Fixtures.data(count: 40, seed: 5), weights: weights)
    }

    @Test func deeperNetworkWithIdentityBase() throws {
        var net = try Network(shape: [3, 3, LayerWidth(sum: 1, mult: 1), 1], gridSize: 3, splineOrder: 2,
                              baseFunction: .identity, multiplicationArity: 3, seed: 9)
        var theta = net.parameterVector()
        var rng = SeededGenerator(seed: 12)
        for p in theta.indices { theta[p] += 0.2 * (rng.nextUniform() - 0.5) }
        net.setParameterVector(theta)
        try net.setEdgeActive(layer: 1, input: 2, output: 1, false)
        let weights = RegularizationWeights(lambda: 0.02, l1: 1, entropy: 2, coefficient: 0, coefficientDifference: 0)
        check(network: net, data: Fixtures.data(count: 30, inputs: 3, seed: 6) { $0[0] * $0[1] + $0[2] }, weights: weights)
    }

    /// Every edge live, spline-mode and cubic: the kernels' folded-coefficient fast path.
    func splineNetwork() throws -> Network {
        var net = try Network(shape: [2, 3, 2, 1], gridSize: 5, seed: 4)
        var theta = net.parameterVector()
        var rng = SeededGenerator(seed: 13)
        for p in theta.indices { theta[p] += 0.3 * (rng.nextUniform() - 0.5) }
        net.setParameterVector(theta)
        return net
    }

    @Test func splineOnlyCubicGradient() throws {
        check(network: try splineNetwork(), data: Fixtures.data(count: 40, seed: 5), weights: nil)
        let weights = RegularizationWeights(lambda: 0.05, l1: 1, entropy: 2, coefficient: 0.3, coefficientDifference: 0.2)
        check(network: try splineNetwork(), data: Fixtures.data(count: 40, seed: 5), weights: weights)
    }

    /// A hidden layer with one sub-node per input takes the piecewise-polynomial path
    /// (`CubicPieces`); large w_b send hidden values past the grid and past the extended
    /// knots, where the spline is zero.
    @Test func piecewiseLayerGradient() throws {
        var net = try Network(shape: [2, 4, 1], gridSize: 5, seed: 6)
        var theta = net.parameterVector()
        var rng = SeededGenerator(seed: 14)
        for p in theta.indices { theta[p] += 0.3 * (rng.nextUniform() - 0.5) }
        net.setParameterVector(theta)
        net.layers[0].scaleBase = (0..<8).map { 1.5 + 0.4 * Double($0) }
        let data = Fixtures.data(count: 40, seed: 5)
        let hidden = Evaluator(network: net, threadCount: 1)
            .levelValues(parameters: net.parameterVector(), inputs: data.inputs, count: data.count)[1]
        #expect(hidden.contains { abs($0) > 2.2 })
        check(network: net, data: data, weights: nil)
        let weights = RegularizationWeights(lambda: 0.05, l1: 1, entropy: 2, coefficient: 0.3, coefficientDifference: 0.2)
        check(network: net, data: data, weights: weights)
    }

    @Test func splineOnlyGradientIsIndependentOfThreadCount() throws {
        let net = try splineNetwork()
        let data = Fixtures.data(count: 20_000, seed: 8)
        let weights = RegularizationWeights(lambda: 0.01, l1: 1, entropy: 2, coefficient: 0, coefficientDifference: 0)
        func gradient(threads: Int) -> [Double] {
            let evaluator = Evaluator(network: net, threadCount: threads)
            var g = [Double](repeating: 0, count: net.parameterCount)
            let theta = net.parameterVector()
            _ = theta.withUnsafeBufferPointer { p in data.inputs.withUnsafeBufferPointer { x in data.targets.withUnsafeBufferPointer { t in
                g.withUnsafeMutableBufferPointer { gp in
                    evaluator.evaluate(parameters: p.baseAddress!, inputs: x.baseAddress!, targets: t.baseAddress!,
                                       count: data.count, gradient: gp.baseAddress!, regularization: weights)
                } } } }
            return g
        }
        #expect(gradient(threads: 1) == gradient(threads: 2))
    }

    @Test func gradientIsIndependentOfThreadCount() throws {
        let net = try network()
        let data = Fixtures.data(count: 700, seed: 8)
        let weights = RegularizationWeights(lambda: 0.01, l1: 1, entropy: 2, coefficient: 0, coefficientDifference: 0)
        func gradient(threads: Int) -> [Double] {
            let evaluator = Evaluator(network: net, threadCount: threads)
            var g = [Double](repeating: 0, count: net.parameterCount)
            let theta = net.parameterVector()
            _ = theta.withUnsafeBufferPointer { p in data.inputs.withUnsafeBufferPointer { x in data.targets.withUnsafeBufferPointer { t in
                g.withUnsafeMutableBufferPointer { gp in
                    evaluator.evaluate(parameters: p.baseAddress!, inputs: x.baseAddress!, targets: t.baseAddress!,
                                       count: data.count, gradient: gp.baseAddress!, regularization: weights)
                } } } }
            return g
        }
        #expect(gradient(threads: 1) == gradient(threads: 2))
    }
}
