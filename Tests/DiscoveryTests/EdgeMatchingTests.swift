import Discovery
import Foundation
import KAN
import Testing

/// Networks trained on known targets, for matching and composition tests.
enum TrainedNetworks {
    /// A [1, 1] network (one edge) trained on y = f(x), x uniform in `range`.
    static func oneEdge(_ f: (Double) -> Double, range: ClosedRange<Double>) throws -> Network {
        let data = samples(f, in: range, count: 300)
        let dataset = try Dataset(columns: [data.x], targetColumns: [data.y])
        var network = try Network(shape: [1, 1], gridSize: 10, seed: 0)
        try network.train(on: dataset, options: TrainingOptions(steps: 40))
        return network
    }

    /// The paper's hello example exp(sin(πx₁) + x₂²) on [-1, 1]², a [2, 1, 1] network.
    static func hello() throws -> (network: Network, columns: [[Double]], target: [Double]) {
        var generator = SeededGenerator(seed: 7)
        let x1 = (0..<500).map { _ in Double.random(in: -1...1, using: &generator) }
        let x2 = (0..<500).map { _ in Double.random(in: -1...1, using: &generator) }
        let y = zip(x1, x2).map { exp(sin(.pi * $0) + $1 * $1) }
        let dataset = try Dataset(columns: [x1, x2], targetColumns: [y])
        // Seed 2: seeds 0 and 1 of a [2, 1, 1] network stall in a local minimum (RMSE 0.59).
        var network = try Network(shape: [2, 1, 1], gridSize: 5, seed: 2)
        try network.train(on: dataset, options: TrainingOptions(steps: 50))
        return (network, [x1, x2], y)
    }
}

@Suite struct EdgeMatchingTests {
    @Test(arguments: [
        ("sin", -1.0...1.0, ["sin", "cos"]),
        ("x^2", -1.0...1.0, ["x^2"]),
        ("exp", -1.0...1.0, ["exp"]),
        ("gaussian", -2.0...2.0, ["gaussian"]),
        ("1/x", 0.5...2.0, ["1/x"]),
    ])
    func trainedEdgeMatchesItsTarget(target: String, range: ClosedRange<Double>, accepted: [String]) throws {
        let curves: [String: (Double) -> Double] = [
            "sin": { sin(.pi * $0) }, "x^2": { $0 * $0 }, "exp": { exp($0) },
            "gaussian": { exp(-$0 * $0) }, "1/x": { 1 / $0 },
        ]
        let network = try TrainedNetworks.oneEdge(try #require(curves[target]), range: range)
        let match = try EdgeMatching.suggest(network, layer: 0, input: 0, output: 0, library: .standard, topK: 5)
        let best = try #require(match.best)
        #expect(accepted.contains(best.name), "\(match)")
        #expect(best.rSquared > 0.999)
        #expect(match.candidates.count == 5)
        #expect(match.description.contains(best.name))
    }

    @Test func matchingIsDeterministic() throws {
        let network = try TrainedNetworks.oneEdge({ sin(.pi * $0) }, range: -1...1)
        let first = try EdgeMatching.suggest(network, library: .standard, topK: 30)
        let second = try EdgeMatching.suggest(network, library: .standard, topK: 30)
        #expect(first.map { $0.candidates.map(\.name) } == second.map { $0.candidates.map(\.name) })
        #expect(first.map { $0.candidates.map(\.fit) } == second.map { $0.candidates.map(\.fit) })
    }

    @Test func fixAndUnfix() throws {
        var network = try TrainedNetworks.oneEdge({ exp($0) }, range: -1...1)
        let edge = EdgeLocation(layer: 0, input: 0, output: 0)
        let best = try #require(try EdgeMatching.suggest(network, edge: edge, library: .standard).best)
        try network.fix(edge, to: best)
        let fixed = try #require(try network.symbolicEdge(layer: 0, input: 0, output: 0))
        #expect(fixed.function.name == "exp")
        #expect(abs(try network.evaluate([0.3])[0] - exp(0.3)) < 1e-3)
        #expect(network.splineEdges.isEmpty)
        try network.unfix(edge)
        #expect(try network.symbolicEdge(layer: 0, input: 0, output: 0) == nil)
        #expect(network.splineEdges == [edge])
    }

    @Test func autoSymbolicOnHello() throws {
        var (network, _, _) = try TrainedNetworks.hello()
        let tables = try EdgeMatching.suggest(network, library: .standard, topK: 3).map(\.description).joined(separator: "\n")
        let chosen = try network.autoSymbolic(library: .standard, threshold: 0.9)
        #expect(chosen.count == 3)
        #expect(network.splineEdges.isEmpty, "\(tables)")
        #expect(try network.symbolicEdge(layer: 0, input: 0, output: 0)?.function.name == "sin")
        #expect(try network.symbolicEdge(layer: 1, input: 0, output: 0)?.function.name == "exp")
        // The edge of x₂ is x² or a look-alike (cos, cosh): the candidate search decides later.
        #expect(try network.symbolicEdge(layer: 0, input: 1, output: 0) != nil)
        // A threshold above every R² leaves all edges splines.
        var untouched = try TrainedNetworks.hello().network
        try untouched.autoSymbolic(library: .standard, threshold: 1.5)
        #expect(untouched.splineEdges.count == 3)
    }
}
