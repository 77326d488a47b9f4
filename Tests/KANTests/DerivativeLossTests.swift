import Foundation
import Testing
@testable import KAN

/// `DerivativeLoss`: its value against `inputDerivatives`, its parameter gradient against
/// central differences, the third-order basis, and training on it.
@Suite struct DerivativeLossTests {
    static func columns(_ inputs: Int, count: Int, seed: UInt64, range: ClosedRange<Double> = -0.9...0.9) -> [[Double]] {
        var rng = SeededGenerator(seed: seed)
        var columns = [[Double]](repeating: [], count: inputs)
        for _ in 0..<count { for i in 0..<inputs { columns[i].append(rng.nextUniform(in: range)) } }
        return columns
    }

    static let exactSine = SymbolicFunction(
        name: "sin", value: { sin($0) }, derivative: { cos($0) }, secondDerivative: { -sin($0) })

    /// A [2, 3, 1] network with one symbolic edge in each layer, slightly trained so that the
    /// scales and coefficients are not at their initial values.
    static func network() throws -> Network {
        var net = try Network(shape: [2, 3, 1], gridSize: 5, seed: 1)
        try net.train(on: Fixtures.data(count: 200, seed: 3), options: TrainingOptions(steps: 3))
        try net.setSymbolic(layer: 0, input: 1, output: 2, function: exactSine, a: 1.3, b: 0.2, c: 0.7, d: 0.1)
        try net.setSymbolic(layer: 1, input: 0, output: 0, function: Fixtures.sine, a: 0.8, b: -0.1, c: 1.1, d: 0)
        return net
    }

    static func loss(count: Int = 60) throws -> DerivativeLoss {
        let interior = columns(2, count: count, seed: 5)
        let boundary = columns(2, count: count / 2, seed: 6)
        let f = (0..<count).map { sin(Double($0)) }
        return try DerivativeLoss(pointSets: [interior, boundary], terms: [
            .init(points: 0, components: [.init(.laplacian)], target: f),
            .init(weight: 10, points: 1, components: [.init(.value)]),
            .init(weight: 0.5, points: 0, components: [.init(.derivative(0)), .init(.secondDerivative(1, 0), coefficient: -0.5)]),
            .init(weight: 2, points: 1, components: [.init(.derivative(1), coefficient: 3), .init(.secondDerivative(1, 1))],
                  target: [Double](repeating: 0.25, count: count / 2)),
        ])
    }

    @Test func valueAgreesWithInputDerivatives() throws {
        let net = try Self.network()
        let loss = try Self.loss()
        let interior = loss.pointSets[0], boundary = loss.pointSets[1]
        let di = try net.inputDerivatives(columns: interior, hessians: true)
        let db = try net.inputDerivatives(columns: boundary, hessians: true)
        func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }
        let laplacian = try #require(di.laplacian)
        let hi = try #require(di.hessians), hb = try #require(db.hessians)
        let target = loss.terms[0].target
        let expected = mean(laplacian.indices.map { pow(laplacian[$0] - target[$0], 2) })
            + 10 * mean(db.values.map { $0 * $0 })
            + 0.5 * mean(interior[0].indices.map { pow(di.gradients[0][$0] - 0.5 * hi[1][0][$0], 2) })
            + 2 * mean(boundary[0].indices.map { pow(3 * db.gradients[1][$0] + hb[1][1][$0] - 0.25, 2) })
        let value = try net.value(of: loss)
        #expect(abs(value - expected) <= 1e-10 * max(1, abs(expected)), "\(value) vs \(expected)")
    }

    @Test func gradientMatchesCentralDifferences() throws {
        try Self.checkGradient(of: try Self.network())
    }

    /// A mixed edge (its function plus a residual spline that keeps learning) trains under a
    /// derivative loss with both branches: (a, b, c, d) and the spline's scales and coefficients.
    @Test func gradientMatchesCentralDifferencesOnMixedEdges() throws {
        var net = try Self.network()
        try net.addSplineResidual(layer: 0, input: 1, output: 2)
        try net.addSplineResidual(layer: 1, input: 0, output: 0)
        // Residuals away from their zero start, so that every parameter of both branches counts.
        for (l, e) in [(0, net.layers[0].edgeIndex(input: 1, subnode: 2)), (1, net.layers[1].edgeIndex(input: 0, subnode: 0))] {
            let nb = net.layers[l].basisCount
            for m in 0..<nb { net.layers[l].coefficients[e * nb + m] = 0.05 * Double(m % 3) - 0.04 }
            net.layers[l].scaleBase[e] = 0.1
        }
        #expect(net.layers[0].isMixed(net.layers[0].edgeIndex(input: 1, subnode: 2)))
        try Self.checkGradient(of: net)
        // The residual spline of the mixed edge in layer 1 (edge 0) has a gradient.
        let (_, gradient) = try net.valueAndGradient(of: try Self.loss())
        let layout = ParameterLayout(net.layers)
        #expect(gradient[layout.layers[1].scaleSpline] != 0)
        #expect(gradient[layout.layers[1].scaleBase] != 0)
        // And the value agrees with the network's own derivatives, which add both branches.
        let points = try Self.loss().pointSets[0]
        let derivatives = try net.inputDerivatives(columns: points, hessians: true)
        let single = try DerivativeLoss(pointSets: [points], terms: [.init(points: 0, components: [.init(.laplacian)])])
        let laplacian = try #require(derivatives.laplacian)
        let expected = laplacian.reduce(0) { $0 + $1 * $1 } / Double(laplacian.count)
        #expect(abs(try net.value(of: single) - expected) <= 1e-10 * max(1, expected))
    }

    /// Multiplication nodes: the jets' product rule forward and its reverse, for arities 2
    /// and 3, against central differences and against the network's own input derivatives.
    @Test func gradientMatchesCentralDifferencesThroughMultiplicationNodes() throws {
        for arity in [2, 3] {
            var net = try Network(
                shape: [LayerWidth(sum: 2), LayerWidth(sum: 1, mult: 2), LayerWidth(sum: 1)], gridSize: 5,
                multiplicationArity: arity, seed: 4)
            try net.train(on: Fixtures.data(count: 200, seed: 3), options: TrainingOptions(steps: 3))
            try Self.checkGradient(of: net, affineLayer: nil)
            let points = try Self.loss().pointSets[0]
            let derivatives = try net.inputDerivatives(columns: points, hessians: true)
            let hessians = try #require(derivatives.hessians)
            let single = try DerivativeLoss(pointSets: [points], terms: [
                .init(points: 0, components: [.init(.laplacian)]),
                .init(points: 0, components: [.init(.secondDerivative(0, 1)), .init(.derivative(1))]),
            ])
            let laplacian = try #require(derivatives.laplacian)
            let n = Double(points[0].count)
            let expected = laplacian.reduce(0) { $0 + $1 * $1 } / n
                + points[0].indices.reduce(0) { $0 + pow(hessians[0][1][$1] + derivatives.gradients[1][$1], 2) } / n
            #expect(abs(try net.value(of: single) - expected) <= 1e-10 * max(1, expected), "arity \(arity)")
        }
    }

    static func checkGradient(of net: Network, affineLayer: Int? = 1, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let loss = try Self.loss()
        let (value, gradient) = try net.valueAndGradient(of: loss)
        #expect(value.isFinite)
        let theta = net.parameterVector()
        let scale = max(1, gradient.map(abs).max() ?? 0)
        var checked = 0
        for p in theta.indices {
            let h = 1e-6 * max(1, abs(theta[p]))
            var up = net, down = net
            var t = theta
            t[p] += h
            up.setParameterVector(t)
            t[p] = theta[p] - h
            down.setParameterVector(t)
            let difference = (try up.value(of: loss) - down.value(of: loss)) / (2 * h)
            #expect(abs(difference - gradient[p]) <= 2e-6 * scale, "parameter \(p): \(gradient[p]) vs \(difference)",
                    sourceLocation: sourceLocation)
            if gradient[p] != 0 { checked += 1 }
        }
        // Coefficients, scales and the two symbolic edges' (a, b, c, d) all take part.
        #expect(checked > theta.count / 3, sourceLocation: sourceLocation)
        if let affineLayer {
            let affine = ParameterLayout(net.layers).layers[affineLayer].affine
            #expect((0..<4).allSatisfy { gradient[affine + $0] != 0 }, sourceLocation: sourceLocation)
        }
    }

    @Test func thirdOrderBasisAgreesWithLowerOrders() {
        for order in [1, 2, 3, 4] {
            let basis = BSplineBasis(gridSize: 5, order: order, range: -1...1)
            for x in stride(from: -1.37, through: 1.37, by: 0.173) {
                let all = basis.derivativesUpToThird(at: x)
                let reference = [basis.values(at: x), basis.derivatives(at: x), basis.secondDerivatives(at: x)]
                for n in 0...2 {
                    for m in 0..<basis.basisCount {
                        #expect(abs(all[n][m] - reference[n][m]) <= 1e-9 * max(1, abs(reference[n][m])), "k \(order) n \(n) x \(x) m \(m)")
                    }
                }
                // Away from knots the third derivative is the slope of the second.
                let h = 1e-6
                guard basis.knots.allSatisfy({ abs($0 - x) > 10 * h }) else { continue }
                let above = basis.secondDerivatives(at: x + h), below = basis.secondDerivatives(at: x - h)
                for m in 0..<basis.basisCount {
                    let difference = (above[m] - below[m]) / (2 * h)
                    #expect(abs(all[3][m] - difference) <= 1e-4 * max(1, abs(difference)), "k \(order) x \(x) m \(m)")
                }
            }
        }
    }

    /// u″ = −π² sin(πx) on [−1, 1], u(±1) = 0: the solution is sin(πx).
    @Test func trainingSolvesAOneDimensionalPoisson() throws {
        let interior = [stride(from: -1.0, through: 1.0, by: 0.02).map { $0 }]
        let target = interior[0].map { -Double.pi * Double.pi * sin(Double.pi * $0) }
        let loss = try DerivativeLoss(pointSets: [interior, [[-1, 1]]], terms: [
            .init(points: 0, components: [.init(.laplacian)], target: target),
            .init(weight: 100, points: 1, components: [.init(.value)]),
        ])
        for optimizer in [TrainingOptions.Optimizer.lbfgs(), .adam(learningRate: 0.02)] {
            var net = try Network(shape: [1, 3, 1], gridSize: 10, seed: 0)
            let before = try net.value(of: loss)
            let steps = optimizer == .lbfgs() ? 50 : 300
            let report = try net.train(loss: loss, options: TrainingOptions(steps: steps, optimizer: optimizer))
            #expect(report.steps == steps)
            let after = try net.value(of: loss)
            #expect(after < 1e-3 * before, "\(optimizer): \(before) → \(after)")
            if optimizer == .lbfgs() {
                let u = try net.evaluate(try Dataset(columns: interior)).outputs
                let error = zip(u, interior[0]).map { abs($0 - sin(Double.pi * $1)) }.max() ?? .infinity
                #expect(error < 1e-2, "max error \(error)")
            }
        }
    }

    @Test func badLossesAreRefused() throws {
        #expect(throws: KANError.self) { try DerivativeLoss(pointSets: [[[]]], terms: [.init(points: 0, components: [.init(.value)])]) }
        #expect(throws: KANError.self) { try DerivativeLoss(pointSets: [[[0.1], [0.2, 0.3]]], terms: [.init(points: 0, components: [.init(.value)])]) }
        #expect(throws: KANError.self) { try DerivativeLoss(pointSets: [[[.nan]]], terms: [.init(points: 0, components: [.init(.value)])]) }
        #expect(throws: KANError.self) { try DerivativeLoss(pointSets: [[[0.1]]], terms: [.init(points: 1, components: [.init(.value)])]) }
        #expect(throws: KANError.self) { try DerivativeLoss(pointSets: [[[0.1]]], terms: [.init(points: 0, components: [.init(.value)], target: [1, 2])]) }
        let loss = try DerivativeLoss(pointSets: [[[0.1]]], terms: [.init(points: 0, components: [.init(.derivative(1))])])
        let net = try Network(shape: [1, 2, 1], seed: 0)
        #expect(throws: KANError.self) { try net.value(of: loss) }
        let plain = try DerivativeLoss(pointSets: [[[0.1]]], terms: [.init(points: 0, components: [.init(.value)])])
        var trained = net
        #expect(throws: KANError.self) {
            try trained.train(loss: plain, options: TrainingOptions(steps: 1, regularization: .init(lambda: 0.1)))
        }
    }
}
