import Foundation
import Testing
@testable import KAN

@Suite struct MultiplicationNodeTests {
    /// [2, [0 sum, 1 mult], 1] with identity symbolic edges computes x·y exactly:
    /// the layer's two sub-nodes receive x and y, the multiplication node multiplies them.
    @Test func multiplicationNodeMultipliesConsecutiveSubnodes() throws {
        let identity = SymbolicFunction(name: "x", value: { $0 }, derivative: { _ in 1 })
        var net = try Network(shape: [2, LayerWidth(sum: 0, mult: 1), 1], seed: 0)
        #expect(net.layers[0].subnodeCount == 2)
        try net.setSymbolic(layer: 0, input: 0, output: 0, function: identity)
        try net.setSymbolic(layer: 0, input: 1, output: 1, function: identity)
        try net.setEdgeActive(layer: 0, input: 0, output: 1, false)
        try net.setEdgeActive(layer: 0, input: 1, output: 0, false)
        try net.setSymbolic(layer: 1, input: 0, output: 0, function: identity, a: 1, b: 0, c: 2, d: 0.5)
        for (x, y) in [(0.3, -0.7), (1.5, 2.0), (-1, -1)] {
            #expect(try net.evaluate([x, y]) == [2 * x * y + 0.5])
        }
    }

    @Test func trainsAProductWithAMultiplicationNode() throws {
        let data = Fixtures.data(count: 500, seed: 1) { $0[0] * $0[1] }
        var net = try Network(shape: [2, LayerWidth(sum: 0, mult: 1), 1], gridSize: 5, seed: 0)
        try net.train(on: data, options: TrainingOptions(steps: 20))
        #expect(try net.rootMeanSquareError(on: data) < 1e-2)
    }
}
