import Foundation
import Testing
@testable import KAN

/// Frozen parameters stay bit-identical under L-BFGS and Adam, on the data fit and on a
/// custom loss; the others move.
@Suite struct TrainabilityTests {
    static func frozenNetwork() throws -> Network {
        var net = try Network(shape: [2, 3, 1], gridSize: 5, seed: 2)
        try net.trainability.freeze([.splineScales, .baseScales])
        try net.trainability.freeze([.coefficients], layer: 1, edges: [0, 2])
        try net.trainability.freeze([.coefficients, .symbolicAffine], layer: 0, edges: [4])
        try net.setSymbolic(layer: 0, input: 1, output: 1, function: Fixtures.sine)
        try net.trainability.freeze([.symbolicAffine], layer: 0, edges: [4])
        return net
    }

    static func bits(_ xs: [Double]) -> [UInt64] { xs.map(\.bitPattern) }

    static func check(before: Network, after: Network, sourceLocation: SourceLocation = #_sourceLocation) {
        let frozen = before.trainability.frozenParameterIndices(before.layers)
        #expect(!frozen.isEmpty, sourceLocation: sourceLocation)
        let a = before.parameterVector(), b = after.parameterVector()
        #expect(Self.bits(frozen.map { a[$0] }) == Self.bits(frozen.map { b[$0] }), sourceLocation: sourceLocation)
        let free = Set(a.indices).subtracting(frozen)
        let moved = free.filter { a[$0] != b[$0] }.count
        #expect(moved > free.count / 2, "only \(moved) of \(free.count) free parameters moved", sourceLocation: sourceLocation)
        // Layer 1 has frozen coefficients: its grids stayed.
        #expect(before.layers[1].bases.map(\.knots) == after.layers[1].bases.map(\.knots), sourceLocation: sourceLocation)
    }

    @Test func frozenParametersStayBitIdenticalOnTheDataFit() throws {
        let data = Fixtures.data(count: 300, seed: 7)
        for optimizer in [TrainingOptions.Optimizer.lbfgs(), .adam(learningRate: 0.01)] {
            let before = try Self.frozenNetwork()
            var after = before
            try after.train(on: data, options: TrainingOptions(steps: 12, optimizer: optimizer, regularization: .init(lambda: 0.01)))
            Self.check(before: before, after: after)
            // Layer 0 has a frozen coefficient too: its grids stayed; without freezing they move.
            #expect(before.layers[0].bases.map(\.knots) == after.layers[0].bases.map(\.knots))
        }
        var free = try Network(shape: [2, 3, 1], gridSize: 5, seed: 2)
        let start = free.layers[1].bases.map(\.knots)
        try free.train(on: data, options: TrainingOptions(steps: 6))
        #expect(free.layers[1].bases.map(\.knots) != start)
    }

    @Test func frozenParametersStayBitIdenticalOnACustomLoss() throws {
        let points = DerivativeLossTests.columns(2, count: 80, seed: 9)
        let target = (0..<80).map { sin(Double($0) / 10) }
        let loss = try DerivativeLoss(pointSets: [points], terms: [
            .init(points: 0, components: [.init(.laplacian)], target: target),
            .init(points: 0, components: [.init(.value)], target: target),
        ])
        for optimizer in [TrainingOptions.Optimizer.lbfgs(), .adam(learningRate: 0.01)] {
            let before = try Self.frozenNetwork()
            var after = before
            try after.train(loss: loss, options: TrainingOptions(steps: 8, optimizer: optimizer))
            Self.check(before: before, after: after)
        }
    }

    @Test func flagsAreSetPerGroupLayerAndEdge() throws {
        var net = try Network(shape: [2, 3, 1], gridSize: 4, seed: 0)
        #expect(net.trainability.isEverythingTrainable)
        try net.trainability.freeze([.baseScales], layer: 0, edges: [1])
        #expect(net.trainability.layers[0].isFrozen(.baseScales, edge: 1))
        #expect(!net.trainability.layers[0].isFrozen(.baseScales, edge: 0))
        #expect(!net.trainability.layers[0].isFrozen(.splineScales, edge: 1))
        #expect(net.trainability.frozenParameterIndices(net.layers) == [ParameterLayout(net.layers).layers[0].scaleBase + 1])
        try net.trainability.unfreeze()
        #expect(net.trainability.isEverythingTrainable)
        #expect(throws: KANError.self) { try net.trainability.freeze(layer: 2) }
        #expect(throws: KANError.self) { try net.trainability.freeze(layer: 0, edges: [6]) }
        // Refining keeps the flags; pruning (new edges) resets them.
        try net.trainability.freeze([.coefficients])
        let refined = try net.refined(gridSize: 8, samples: Fixtures.data(count: 50, seed: 1))
        #expect(refined.trainability == net.trainability)
    }
}
