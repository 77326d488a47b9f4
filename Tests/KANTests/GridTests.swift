import Foundation
import Testing
@testable import KAN

@Suite struct GridTests {
    func maxDifference(_ a: Network, _ b: Network, on data: Dataset) throws -> Double {
        let ya = try a.evaluate(data).outputs, yb = try b.evaluate(data).outputs
        return zip(ya, yb).map { abs($0 - $1) }.max() ?? 0
    }

    /// Refining keeps the function where the samples lie inside each layer's grid (outside
    /// it the old spline is zero and cannot be matched smoothly, in pykan as here), so the
    /// grids are first placed on the samples.
    @Test func refinePreservesTheFunction() throws {
        let data = Fixtures.data(count: 1000, seed: 1)
        var net = try Network(shape: [2, 3, 1], gridSize: 5, seed: 0)
        try net.train(on: data, options: TrainingOptions(steps: 5))
        try net.updateGrid(from: data)
        for g in [10, 20] {
            let finer = try net.refined(gridSize: g)
            #expect(finer.gridSize == g)
            #expect(finer.layers.allSatisfy { $0.gridSize == g })
            let difference = try maxDifference(net, finer, on: data)
            #expect(difference < 1e-3, "G = \(g): max difference \(difference)")
        }
    }

    @Test func gridUpdateKeepsTheFunctionOnTheSamples() throws {
        let data = Fixtures.data(count: 1000, seed: 2)
        var net = try Network(shape: [2, 3, 1], gridSize: 5, seed: 0)
        // Larger random coefficients than the initial noise, with layer inputs still inside the grids.
        var theta = net.parameterVector()
        var rng = SeededGenerator(seed: 3)
        for p in theta.indices { theta[p] += 0.3 * (rng.nextUniform() - 0.5) }
        net.setParameterVector(theta)
        var updated = net
        try updated.updateGrid(from: data)
        #expect(updated.layers[0].bases[0].knots != net.layers[0].bases[0].knots)
        let difference = try maxDifference(net, updated, on: data)
        // Random wiggly splines on knots that move: the least-squares transfer is close, not exact.
        #expect(difference < 5e-3, "max difference \(difference)")
    }

    /// Hidden activations outside the initial grid [-1, 1]: a grid update re-places every
    /// layer's grid on that layer's current inputs (pykan `update_grid_from_samples`), so
    /// the hidden layer's grids cover its samples afterwards.
    @Test func gridUpdateFollowsHiddenLayerInputs() throws {
        let data = Fixtures.data(count: 500, seed: 1)
        var net = try Network(shape: [2, 3, 1], gridSize: 5, seed: 0)
        net.layers[0].scaleBase = net.layers[0].scaleBase.map { _ in 4 }
        func hiddenRanges(_ net: Network) -> [ClosedRange<Double>] {
            let levels = Evaluator(network: net, threadCount: 1)
                .levelValues(parameters: net.parameterVector(), inputs: data.inputs, count: data.count)
            return (0..<3).map { j in
                let column = (0..<data.count).map { levels[1][$0 * 3 + j] }
                return column.min()!...column.max()!
            }
        }
        let before = hiddenRanges(net)
        #expect(before.contains { $0.lowerBound < -1 || $0.upperBound > 1 })
        try net.updateGrid(from: data)
        let after = hiddenRanges(net)
        for j in 0..<3 {
            let grid = net.layers[1].bases[j].grid
            #expect(abs(grid.first! - after[j].lowerBound) < 1e-12 && abs(grid.last! - after[j].upperBound) < 1e-12,
                    "hidden node \(j): grid \(grid.first!)…\(grid.last!), samples \(after[j])")
        }
    }

    @Test func refineWithoutSamplesThrows() throws {
        let net = try Network(shape: [2, 1])
        #expect(throws: KANError.self) { try net.refined(gridSize: 10) }
    }

    /// The paper's scaling law: with a [2,1,1] KAN on exp(sin(πx) + y²), test RMSE falls
    /// at least like G^-3 (paper: G^-4) when each grid is trained and then refined.
    @Test func scalingLawOnThePaperExample() throws {
        let train = Fixtures.data(count: 1000, seed: 1)
        let test = Fixtures.data(count: 1000, seed: 2)
        let grids = [3, 5, 10, 20]
        var net = try Network(shape: [2, 1, 1], gridSize: grids[0], seed: 0)
        var errors: [Double] = []
        for (q, g) in grids.enumerated() {
            if q > 0 { try net.refine(gridSize: g) }
            try net.train(on: train, options: TrainingOptions(steps: 30))
            errors.append(try net.rootMeanSquareError(on: test))
        }
        let xs = grids.map { log(Double($0)) }, ys = errors.map { log($0) }
        let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
        var sxy = 0.0, sxx = 0.0
        for q in xs.indices { sxy += (xs[q] - mx) * (ys[q] - my); sxx += (xs[q] - mx) * (xs[q] - mx) }
        let slope = sxy / sxx
        print("scaling law: grids \(grids), test RMSE \(errors), slope \(slope)")
        #expect(slope <= -3, "test RMSE \(errors) gives slope \(slope)")
    }
}
