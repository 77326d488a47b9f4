import Foundation
import Testing
@testable import KAN

/// Mixed edges: a symbolic function plus a residual spline, through evaluation, training
/// gradients, input derivatives and checkpoints.
@Suite struct MixedEdgeTests {
    /// The paper's [2, 1, 1] network with sin and x² edges, the sine edge mixed, its residual
    /// spline given a value.
    func network() throws -> Network {
        var net = try Network(shape: [2, 1, 1], gridSize: 4, seed: 3)
        try net.setSymbolic(layer: 0, input: 0, output: 0, function: Fixtures.sine, a: 3, b: 0.1, c: 1, d: 0)
        try net.setSymbolic(layer: 0, input: 1, output: 0, function: Fixtures.square)
        try net.setSymbolic(layer: 1, input: 0, output: 0, function: Fixtures.exponential)
        try net.addSplineResidual(layer: 0, input: 0, output: 0)
        let nb = net.layers[0].basisCount
        for m in 0..<nb { net.layers[0].coefficients[m] = 0.05 * Double(m % 3) - 0.04 }
        net.layers[0].scaleBase[0] = 0.1
        return net
    }

    @Test func aMixedEdgeAddsItsSplineToItsFunction() throws {
        var net = try Network(shape: [1, 1], gridSize: 4, seed: 0)
        let splineValue = try net.evaluate([0.3])[0]
        try net.setSymbolic(layer: 0, input: 0, output: 0, function: Fixtures.sine, a: 2, b: 0, c: 1, d: 0)
        #expect(try net.evaluate([0.3])[0] == sin(0.6))
        // Added at zero: the function is unchanged until training moves the residual.
        try net.addSplineResidual(layer: 0, input: 0, output: 0)
        #expect(try net.isMixed(layer: 0, input: 0, output: 0))
        #expect(try net.evaluate([0.3])[0] == sin(0.6))
        // With the old spline's parameters back, the edge is function + spline.
        let fresh = try Network(shape: [1, 1], gridSize: 4, seed: 0)
        net.layers[0].coefficients = fresh.layers[0].coefficients
        net.layers[0].scaleBase = fresh.layers[0].scaleBase
        net.layers[0].scaleSpline = fresh.layers[0].scaleSpline
        #expect(abs(try net.evaluate([0.3])[0] - (sin(0.6) + splineValue)) < 1e-14)
        try net.removeSplineResidual(layer: 0, input: 0, output: 0)
        #expect(try net.evaluate([0.3])[0] == sin(0.6))
        var spline = try Network(shape: [1, 1])
        #expect(throws: KANError.self) { try spline.addSplineResidual(layer: 0, input: 0, output: 0) }
    }

    @Test func gradientsFlowThroughBothBranches() throws {
        // Finite differences of the loss against the evaluator's analytic gradient.
        let net = try network()
        let data = Fixtures.data(count: 30, seed: 4)
        let evaluator = Evaluator(network: net, threadCount: 1)
        let theta = net.parameterVector()
        func loss(_ p: [Double], gradient: UnsafeMutablePointer<Double>?) -> Double {
            p.withUnsafeBufferPointer { pp in
                data.inputs.withUnsafeBufferPointer { x in
                    data.targets.withUnsafeBufferPointer { t in
                        evaluator.evaluate(parameters: pp.baseAddress!, inputs: x.baseAddress!, targets: t.baseAddress!,
                                           count: data.count, gradient: gradient,
                                           regularization: RegularizationWeights(lambda: 0.01, l1: 1, entropy: 2, coefficient: 0, coefficientDifference: 0)).objective
                    }
                }
            }
        }
        var gradient = [Double](repeating: 0, count: theta.count)
        _ = gradient.withUnsafeMutableBufferPointer { loss(theta, gradient: $0.baseAddress!) }
        let layout = ParameterLayout(net.layers)
        // The residual's w_s, a coefficient, and the sine's a: all move the loss.
        let nb = net.layers[0].basisCount, nSub = net.layers[0].subnodeCount
        let probes = [layout.layers[0].scaleSpline + 0, layout.layers[0].coefficients + 2 * nSub, layout.layers[0].affine + 0]
        for p in probes {
            let h = 1e-6
            var plus = theta, minus = theta
            plus[p] += h
            minus[p] -= h
            let numeric = (loss(plus, gradient: nil) - loss(minus, gradient: nil)) / (2 * h)
            #expect(numeric != 0)
            #expect(abs(numeric - gradient[p]) < 1e-6 * max(1, abs(numeric)), "parameter \(p): \(gradient[p]) vs \(numeric)")
        }
        _ = nb
    }

    @Test func inputDerivativesIncludeTheResidual() throws {
        let net = try network()
        let point = [0.37, -0.52]
        let d = try net.inputDerivatives(columns: point.map { [$0] }, hessians: true)
        let h = 1e-5
        for i in 0..<2 {
            var plus = point, minus = point
            plus[i] += h
            minus[i] -= h
            let numeric = (try net.evaluate(plus)[0] - net.evaluate(minus)[0]) / (2 * h)
            #expect(abs(numeric - d.gradients[i][0]) < 1e-7 * max(1, abs(numeric)), "input \(i)")
        }
        #expect(abs(d.values[0] - (try net.evaluate(point)[0])) < 1e-12)
    }

    @Test func trainingMovesTheResidual() throws {
        var net = try Network(shape: [1, 1], gridSize: 5, seed: 0)
        try net.setSymbolic(layer: 0, input: 0, output: 0, function: Fixtures.sine, a: 3, b: 0, c: 1, d: 0)
        try net.addSplineResidual(layer: 0, input: 0, output: 0)
        // sin(3x) + 0.2x²: the function misses the square; the residual learns it.
        let data = Fixtures.data(count: 200, inputs: 1, seed: 1) { sin(3 * $0[0]) + 0.2 * $0[0] * $0[0] }
        let before = try net.rootMeanSquareError(on: data)
        _ = try net.train(on: data, options: TrainingOptions(steps: 20))
        #expect(try net.isMixed(layer: 0, input: 0, output: 0))
        #expect(try net.rootMeanSquareError(on: data) < 0.05 * before)
    }

    @Test func checkpointsKeepMixedEdges() throws {
        let net = try network()
        let checkpoint = Checkpoint(net)
        #expect(checkpoint.version == 3)
        #expect(checkpoint.layers[0].symbolic.first { $0.edge == 0 }?.residual == true)
        let restored = try Checkpoint.decode(try checkpoint.encoded()).network(resolver: Fixtures.resolver)
        #expect(try restored.isMixed(layer: 0, input: 0, output: 0))
        #expect(try !restored.isMixed(layer: 0, input: 1, output: 0))
        for point in [[0.2, 0.4], [-0.8, 0.9]] { #expect(try restored.evaluate(point) == net.evaluate(point)) }
        // Without mixed edges, version 2: older builds still read it.
        var plain = net
        try plain.removeSplineResidual(layer: 0, input: 0, output: 0)
        #expect(Checkpoint(plain).version == 2)
        // A residual in a version-2 file is refused, naming the field.
        var edited = checkpoint
        edited.version = 2
        #expect(throws: KANError.self) { try edited.validate() }
    }

    @Test func unfixingEverythingReturnsSplines() throws {
        var net = try network()
        #expect(net.unfixAll() == 3)
        #expect(net.layers.allSatisfy { layer in layer.symbolic.allSatisfy { $0 == nil } && !layer.splineResidual.contains(true) })
    }
}
