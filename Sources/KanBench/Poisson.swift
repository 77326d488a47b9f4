// P1: the 2-D Poisson problem of scripts/examples/poisson.kan, trained with a derivative loss.
//
//     ∇²u = −2π² sin(πx) sin(πy) on [−1, 1]²,  u = 0 on the boundary,  u* = sin(πx) sin(πy)
//
// [2,10,1], G = 5, k = 5, seed 0, uniform grids (grid_eps 1), no grid updates; loss
// mean((∇²u − f)²) over 51 × 51 points strictly inside plus 100·mean(u²) over the 404 points of
// a 102-point grid on the boundary; L-BFGS (history 10, pykan's step) for `schedule` steps per
// grid, refining 5 → 10 → 20 on all the points. `seconds` times training only; after every step
// the relative L2 error ‖u − u*‖/‖u*‖ on the 101 × 101 points strictly inside is recorded with the
// elapsed training time, so that scripts/compare-pykan can read the time kan needed to reach
// the error pykan ends with.
//
// Quintic splines (k = 5), not cubic: the loss fits second derivatives, and a spline of order
// k approximates a second derivative to O(h^(k−1)) with h = 1/G. Cubic pieces leave the
// Laplacian's residual at O(h²), and the solution's error stalls near 2e-4 at G = 20 however
// long L-BFGS runs (1.6e-4 after 1,000 steps, or on G = 40); quintic pieces reach 3e-5 at
// G = 10 and 4e-6 at G = 20 in the same steps (docs/kan-bench.md, P1).
import Foundation
import KAN

struct PoissonWorkload {
    var side = 51
    var boundaryWeight = 100.0
    var schedule: [(grid: Int, steps: Int)] = [(5, 100), (10, 100), (20, 400)]
    var splineOrder = 5

    /// Reads a schedule written `G:S,G:S,...` (grid size and L-BFGS steps per grid), as
    /// `scripts/compare-pykan P1 --p1-schedule` passes it to both tools.
    static func schedule(parsing text: String) -> [(grid: Int, steps: Int)]? {
        var stages: [(grid: Int, steps: Int)] = []
        for part in text.split(separator: ",") {
            let fields = part.split(separator: ":")
            guard fields.count == 2, let grid = Int(fields[0]), let steps = Int(fields[1]), grid > 0, steps > 0 else {
                return nil
            }
            stages.append((grid, steps))
        }
        return stages.isEmpty ? nil : stages
    }

    static func mesh(_ n: Int, boundary: Bool) -> [[Double]] {
        var xs: [Double] = [], ys: [Double] = []
        for a in 0..<n {
            for b in 0..<n {
                if boundary {
                    guard a == 0 || b == 0 || a == n - 1 || b == n - 1 else { continue }
                    xs.append(-1 + 2 * Double(a) / Double(n - 1)); ys.append(-1 + 2 * Double(b) / Double(n - 1))
                } else {
                    xs.append(-1 + 2 * Double(a + 1) / Double(n + 1)); ys.append(-1 + 2 * Double(b + 1) / Double(n + 1))
                }
            }
        }
        return [xs, ys]
    }

    /// Runs the workload; returns the JSON line.
    func run() throws -> String {
        let inside = Self.mesh(side, boundary: false)
        let edge = Self.mesh(2 * side, boundary: true)
        let source = zip(inside[0], inside[1]).map { -2 * Double.pi * Double.pi * sin(Double.pi * $0) * sin(Double.pi * $1) }
        let loss = try DerivativeLoss(pointSets: [inside, edge], terms: [
            .init(points: 0, components: [.init(.laplacian)], target: source),
            .init(weight: boundaryWeight, points: 1, components: [.init(.value)]),
        ])
        let exact = Self.mesh(101, boundary: false)
        let exactData = try Dataset(columns: exact)
        let solution = zip(exact[0], exact[1]).map { sin(Double.pi * $0) * sin(Double.pi * $1) }
        let norm = solution.reduce(0) { $0 + $1 * $1 }.squareRoot()
        func error(_ net: Network) throws -> Double {
            let u = try net.evaluate(exactData).outputs
            var sum = 0.0
            for (a, b) in zip(u, solution) { sum += (a - b) * (a - b) }
            return sum.squareRoot() / norm
        }
        var configuration = Network.Configuration(gridSize: schedule.first?.grid ?? 5, seed: 0)
        configuration.gridEpsilon = 1
        configuration.splineOrder = splineOrder
        var network = try Network(shape: [2, 10, 1], configuration: configuration)
        var seconds = 0.0
        var evaluations = 0, steps = 0
        var trace: [(Double, Double)] = []
        for (index, stage) in schedule.enumerated() {
            let start = DispatchTime.now().uptimeNanoseconds
            var measuring = 0.0
            if index > 0 { try network.refine(gridSize: stage.grid) }
            var options = TrainingOptions(steps: stage.steps)
            options.gridUpdate = .disabled
            let before = seconds
            // The error after each step; its time is left out of `seconds`.
            let report = try network.train(loss: loss, options: options, observe: { current in
                let pause = DispatchTime.now().uptimeNanoseconds
                let elapsed = Double(pause - start) / 1e9 - measuring
                trace.append((before + elapsed, (try? error(current)) ?? .nan))
                measuring += Double(DispatchTime.now().uptimeNanoseconds - pause) / 1e9
            })
            seconds = before + Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 - measuring
            evaluations += report.evaluations
            steps += report.steps
        }
        let l2 = trace.last?.1 ?? .nan
        let points = trace.map { "[\($0.0), \($0.1)]" }.joined(separator: ", ")
        return "{\"workload\": \"P1\", \"seconds\": \(seconds), \"steps_per_second\": \(Double(steps) / seconds), \"evaluations\": \(evaluations), \"train_rmse\": \(l2), \"l2\": \(l2), \"peak_mb\": \(peakMegabytes()), \"trace\": [\(points)]}"
    }

}
