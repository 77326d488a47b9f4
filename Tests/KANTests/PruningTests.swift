import Foundation
import Testing
@testable import KAN

@Suite struct PruningTests {
    @Test func pruningKeepsTheFunctionOnTheKeptPart() throws {
        let data = Fixtures.data(count: 300, inputs: 3, seed: 1) { $0[0] + $0[2] * $0[2] }
        var net = try Network(shape: [3, 4, 1], gridSize: 5, seed: 0)
        try net.train(on: data, options: TrainingOptions(steps: 3, gridUpdate: .disabled))
        // Cut input 1 and hidden node 2 off: their contributions become exactly zero.
        for j in 0..<4 { try net.setEdgeActive(layer: 0, input: 1, output: j, false) }
        try net.setEdgeActive(layer: 1, input: 2, output: 0, false)
        let scores = try net.attribution(samples: data)
        #expect(scores.nodeScores[1][2] == 0)
        #expect(scores.nodeScores[0][1] == 0)

        let pruned = try net.prunedNodes(samples: data).prunedInputs(samples: data)
        #expect(pruned.shape == [2, 3, 1])
        #expect(pruned.inputIndices == [0, 2])
        let full = try net.evaluate(data).outputs
        let small = try pruned.evaluate(try data.selectingInputs(pruned.inputIndices)).outputs
        for (a, b) in zip(full, small) { #expect(abs(a - b) < 1e-12) }
    }

    /// A hidden node with no live inputs is constant (score 0) yet adds φ(0) ≠ 0 to the
    /// output; pruning moves that constant onto a kept edge instead of dropping it.
    @Test func pruningKeepsTheConstantOfARemovedNode() throws {
        let data = Fixtures.data(count: 300, seed: 1)
        var net = try Network(shape: [2, 3, 1], gridSize: 5, seed: 0)
        try net.train(on: data, options: TrainingOptions(steps: 3))
        try net.updateGrid(from: data)
        for i in 0..<2 { try net.setEdgeActive(layer: 0, input: i, output: 2, false) }
        let constant = net.layers[1].edgeValue(edge: 2, at: 0)
        #expect(abs(constant) > 1e-3)
        let pruned = try net.prunedNodes(samples: data)
        #expect(pruned.shape == [2, 2, 1])
        let full = try net.evaluate(data).outputs
        let small = try pruned.evaluate(data).outputs
        for (a, b) in zip(full, small) { #expect(abs(a - b) < 1e-9) }
    }

    /// Constant symbolic edges (c = 0): a pruned input's constant and a masked edge's
    /// constant move into kept edges' d.
    @Test func inputAndEdgePruningKeepConstants() throws {
        let data = Fixtures.data(count: 200, inputs: 3, seed: 2) { $0[0] + $0[1] }
        var net = try Network(shape: [3, 2, 1], gridSize: 5, seed: 0)
        try net.train(on: data, options: TrainingOptions(steps: 3))
        for j in 0..<2 { try net.setSymbolic(layer: 0, input: 2, output: j, function: Fixtures.sine, a: 1, b: 0, c: 0, d: 0.7 + Double(j)) }
        try net.setSymbolic(layer: 1, input: 0, output: 0, function: Fixtures.square, a: 1, b: 0, c: 1, d: 0)
        let withoutInput = try net.prunedInputs(samples: data)
        #expect(withoutInput.inputIndices == [0, 1])
        let full = try net.evaluate(data).outputs
        let small = try withoutInput.evaluate(try data.selectingInputs([0, 1])).outputs
        for (a, b) in zip(full, small) { #expect(abs(a - b) < 1e-9) }

        // Edge (1, 1 → 0) made constant: masked by its zero score, its value moves to (1, 0 → 0)'s d.
        try net.setSymbolic(layer: 1, input: 1, output: 0, function: Fixtures.sine, a: 1, b: 0, c: 0, d: -1.25)
        let masked = try net.prunedEdges(threshold: 1e-12, samples: data)
        #expect(try !masked.isEdgeActive(layer: 1, input: 1, output: 0))
        #expect(try masked.symbolicEdge(layer: 1, input: 0, output: 0)?.d == -1.25)
        let y = try net.evaluate(data).outputs, z = try masked.evaluate(data).outputs
        for (a, b) in zip(y, z) { #expect(abs(a - b) < 1e-9) }
    }

    @Test func edgePruningMasksWeakEdges() throws {
        let data = Fixtures.data(count: 300, seed: 1) { $0[0] }
        var net = try Network(shape: [2, 2, 1], gridSize: 5, seed: 0)
        try net.train(on: data, options: TrainingOptions(steps: 10, regularization: .init(lambda: 0.01)))
        let pruned = try net.pruned(nodeThreshold: 1e-2, edgeThreshold: 0.5)
        #expect(pruned.layers.flatMap(\.mask).contains(0))
    }

    @Test func multiplicationNodesAreKeptWithTheirFactors() throws {
        let data = Fixtures.data(count: 200, seed: 1) { $0[0] * $0[1] }
        var net = try Network(shape: [2, LayerWidth(sum: 2, mult: 1), 1], gridSize: 5, seed: 0)
        try net.train(on: data, options: TrainingOptions(steps: 3, gridUpdate: .disabled))
        for j in 0..<2 { try net.setEdgeActive(layer: 1, input: j, output: 0, false) }
        for i in 0..<2 { try net.setEdgeActive(layer: 0, input: i, output: 0, false); try net.setEdgeActive(layer: 0, input: i, output: 1, false) }
        let pruned = try net.prunedNodes(samples: data)
        #expect(pruned.shape == [2, LayerWidth(sum: 0, mult: 1), 1])
        let a = try net.evaluate(data).outputs, b = try pruned.evaluate(data).outputs
        for (x, y) in zip(a, b) { #expect(abs(x - y) < 1e-12) }
    }

    @Test func edgeSamplesAndSymbolicMode() throws {
        let data = Fixtures.data(count: 100, seed: 1)
        var net = try Network(shape: [2, 2, 1], seed: 0)
        try net.train(on: data, options: TrainingOptions(steps: 1))
        let (x, y) = try net.edgeSamples(layer: 0, input: 1, output: 0)
        #expect(x == data.column(1))
        #expect(y.count == 100)
        try net.setSymbolic(layer: 0, input: 1, output: 0, function: Fixtures.square, a: 2, b: 0, c: 0.5, d: 1)
        let (_, ys) = try net.edgeSamples(layer: 0, input: 1, output: 0)
        for (xi, yi) in zip(x, ys) { #expect(abs(yi - (0.5 * 4 * xi * xi + 1)) < 1e-12) }
        #expect(try net.symbolicEdge(layer: 0, input: 1, output: 0)?.function.name == "x^2")
        try net.setSpline(layer: 0, input: 1, output: 0)
        #expect(try net.symbolicEdge(layer: 0, input: 1, output: 0) == nil)
        #expect(throws: KANError.self) { try net.edgeSamples(layer: 2, input: 0, output: 0) }
    }
}
