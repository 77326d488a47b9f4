import Foundation
import Testing
@testable import KAN

/// Surgery by hand: removing, swapping and adding nodes and layers, perturbing, starting
/// from another network. Structure-preserving operations must keep the function exactly.
@Suite struct SurgeryTests {
    /// A [2, 3, 2] network with a multiplication node on level 1 ([2, [2, 1], 2]) and
    /// parameters moved off their initial values.
    func network(seed: UInt64 = 4) throws -> Network {
        var net = try Network(shape: [2, LayerWidth(sum: 2, mult: 1), 2], gridSize: 4, seed: seed)
        var theta = net.parameterVector()
        var rng = SeededGenerator(seed: seed &+ 1)
        for p in theta.indices { theta[p] += 0.4 * (rng.nextUniform() - 0.5) }
        net.setParameterVector(theta)
        try net.setSymbolic(layer: 1, input: 1, output: 0, function: Fixtures.sine, a: 1.5, b: 0.1, c: 0.8, d: 0.2)
        return net
    }

    let points: [[Double]] = [[0.3, -0.7], [-0.9, 0.1], [0.5, 0.5], [-0.2, 0.95]]

    func outputs(_ net: Network) throws -> [[Double]] { try points.map { try net.evaluate($0) } }

    @Test func removingAnEdgeMasksIt() throws {
        let net = try network()
        let removed = try net.removingEdge(layer: 1, input: 0, output: 1)
        #expect(try !removed.isEdgeActive(layer: 1, input: 0, output: 1))
        #expect(try net.isEdgeActive(layer: 1, input: 0, output: 1))
        let layer = net.layers[1]
        for point in points {
            let hidden = try Network(configuration: net.configuration, layers: [net.layers[0]], inputIndices: [0, 1]).evaluate(point)
            let lost = layer.edgeValue(edge: layer.edgeIndex(input: 0, subnode: 1), at: hidden[0])
            let before = try net.evaluate(point), after = try removed.evaluate(point)
            #expect(abs(before[1] - lost - after[1]) < 1e-12)
            #expect(before[0] == after[0])
        }
        #expect(throws: KANError.self) { try net.removingEdge(layer: 2, input: 0, output: 0) }
        #expect(throws: KANError.self) { try net.removingEdge(layer: 0, input: 0, output: 4) }
    }

    @Test func removingANodeIsMaskingItsOutgoingEdges() throws {
        let net = try network()
        let removed = try net.removingNode(level: 1, node: 0)
        #expect(removed.shape == [2, LayerWidth(sum: 1, mult: 1), 2])
        var masked = net
        for j in 0..<2 { try masked.setEdgeActive(layer: 1, input: 0, output: j, false) }
        for (a, b) in zip(try outputs(masked), try outputs(removed)) {
            for k in a.indices { #expect(abs(a[k] - b[k]) < 1e-12) }
        }
        // The multiplication node goes with its two factors.
        let withoutProduct = try net.removingNode(level: 1, node: 2)
        #expect(withoutProduct.shape == [2, 2, 2])
        #expect(withoutProduct.layers[0].subnodeCount == 2)
    }

    @Test func badNodesAreErrors() throws {
        let net = try network()
        #expect(throws: KANError.self) { try net.removingNode(level: 0, node: 0) }
        #expect(throws: KANError.self) { try net.removingNode(level: 2, node: 0) }
        #expect(throws: KANError.self) { try net.removingNode(level: 1, node: 3) }
        let single = try Network(shape: [2, 1, 1], seed: 0)
        #expect(throws: KANError.invalidConfiguration("node 0 is the last node of level 1: a level needs at least one")) {
            try single.removingNode(level: 1, node: 0)
        }
    }

    @Test func swappingNodesKeepsTheFunction() throws {
        let net = try network()
        let swapped = try net.swappingNodes(level: 1, 0, 1)
        #expect(try outputs(swapped) == outputs(net))
        // The symbolic edge out of node 1 now leaves node 0.
        #expect(try swapped.symbolicEdge(layer: 1, input: 0, output: 0)?.function.name == "sin")
        #expect(try swapped.symbolicEdge(layer: 1, input: 1, output: 0) == nil)
        #expect(throws: KANError.self) { try net.swappingNodes(level: 1, 0, 2) }
        #expect(throws: KANError.self) { try net.swappingNodes(level: 2, 0, 1) }
    }

    @Test func expandingWidthKeepsTheFunction() throws {
        let net = try network()
        let wider = try net.expandingWidth(level: 1, count: 2, seed: 3)
        #expect(wider.shape == [2, LayerWidth(sum: 4, mult: 1), 2])
        #expect(try outputs(wider) == outputs(net))
        let products = try net.expandingWidth(level: 1, count: 1, multiplication: true)
        #expect(products.shape == [2, LayerWidth(sum: 2, mult: 2), 2])
        for (a, b) in zip(try outputs(products), try outputs(net)) {
            for k in a.indices { #expect(abs(a[k] - b[k]) < 1e-12) }
        }
        #expect(throws: KANError.self) { try net.expandingWidth(level: 1, count: 0) }
        #expect(throws: KANError.self) { try net.expandingWidth(level: 0, count: 1) }
    }

    @Test func expandingDepthAppendsIdentities() throws {
        let net = try network()
        let deeper = net.expandingDepth()
        #expect(deeper.shape == net.shape + [2])
        #expect(try outputs(deeper) == outputs(net))
        #expect(try deeper.symbolicEdge(layer: 2, input: 1, output: 1)?.function.name == "x")
        #expect(try !deeper.isEdgeActive(layer: 2, input: 0, output: 1))
    }

    /// Hidden node 0 is wired to input 1 and output 1, node 1 to input 0 and output 0: every
    /// edge crosses. Swapping the two uncrosses them all.
    @Test func autoSwapUncrossesEdges() throws {
        var net = try Network(shape: [2, 2, 2], gridSize: 3, seed: 2)
        for l in 0..<2 {
            for i in 0..<2 {
                for j in 0..<2 where i == j { try net.setEdgeActive(layer: l, input: i, output: j, false) }
            }
        }
        let samples = Fixtures.data(count: 64, seed: 3)
        let before = try net.connectionCost(samples: samples)
        let swapped = try net.autoSwapped(samples: samples)
        let after = try swapped.connectionCost(samples: samples)
        #expect(after < 0.01 * before, "cost \(before) → \(after)")
        for point in points {
            let a = try net.evaluate(point), b = try swapped.evaluate(point)
            #expect(a == b)
        }
    }

    @Test func perturbingIsSeededNoise() throws {
        let net = try network()
        let a = try net.perturbed(scale: 0.1, seed: 7), b = try net.perturbed(scale: 0.1, seed: 7)
        #expect(a.parameterVector() == b.parameterVector())
        #expect(try net.perturbed(scale: 0.1, seed: 8).parameterVector() != a.parameterVector())
        #expect(try net.perturbed(scale: 0, seed: 7).parameterVector() == net.parameterVector())
        let moved = zip(a.parameterVector(), net.parameterVector()).map { abs($0 - $1) }
        let spread = (moved.map { $0 * $0 }.reduce(0, +) / Double(moved.count)).squareRoot()
        #expect(spread > 0.02 && spread < 0.2, "\(spread)")
        // Masked edges and the spline of a purely symbolic edge stay as they were.
        var masked = net
        try masked.setEdgeActive(layer: 0, input: 0, output: 0, false)
        let noisy = try masked.perturbed(scale: 1, seed: 1)
        #expect(noisy.layers[0].scaleBase[0] == masked.layers[0].scaleBase[0])
        let e = net.layers[1].edgeIndex(input: 1, subnode: 0)
        #expect(noisy.layers[1].scaleSpline[e] == masked.layers[1].scaleSpline[e])
        #expect(noisy.layers[1].affine[4 * e] != masked.layers[1].affine[4 * e])
        #expect(throws: KANError.self) { try net.perturbed(scale: -1) }
        #expect(throws: KANError.self) { try net.perturbed(scale: .nan) }
    }

    @Test func initializingFromAnotherNetwork() throws {
        var coarse = try Network(shape: [2, 3, 1], gridSize: 5, seed: 1)
        let data = Fixtures.data(count: 200, seed: 2)
        _ = try coarse.train(on: data, options: TrainingOptions(steps: 10))
        let fine = try Network(shape: [2, 3, 1], gridSize: 20, seed: 9)
        let started = try fine.initialized(from: coarse, samples: data)
        #expect(started.gridSize == 20)
        #expect(abs(try started.rootMeanSquareError(on: data) - coarse.rootMeanSquareError(on: data)) < 0.01)
        #expect(throws: KANError.self) { try Network(shape: [2, 2, 1]).initialized(from: coarse, samples: data) }
        #expect(throws: KANError.self) { try Network(shape: [2, 3, 1], splineOrder: 2).initialized(from: coarse, samples: data) }
    }
}
