import KAN

/// One network a wave of the search trains: its shape, grid and grid policy.
struct NetworkPlan: Sendable, Equatable {
    var shape: [LayerWidth]
    /// Whether the grids stay where they start (`DiscoverJob.fixedGrids` says why).
    var fixedGrids: Bool
    /// The spline grid size G.
    var gridSize: Int

    /// The plans for `shapes`: a network of three layers or more is trained twice, with grid
    /// updates and with fixed grids (each recovers rows the other misses).
    static func plans(for shapes: [[LayerWidth]], gridSize: Int) -> [NetworkPlan] {
        shapes.flatMap { shape in
            shape.count > 3
                ? [NetworkPlan(shape: shape, fixedGrids: false, gridSize: gridSize),
                   NetworkPlan(shape: shape, fixedGrids: true, gridSize: gridSize)]
                : [NetworkPlan(shape: shape, fixedGrids: false, gridSize: gridSize)]
        }
    }
}

/// What the search trains once the configured seeds have not reached the error floor: the
/// anytime part of the search, which spends the time limit instead of stopping early.
///
/// Each round is a new seed with more capacity than the defaults, alternating between two
/// directions: the default shapes on a finer grid (G = 2·`gridSize`: edges such as
/// 1/(eˣ − 1) or e^(−0.3t)·cos 2t that five intervals approximate too coarsely for the
/// matching to recognise), and wider or mixed shapes on the default grid — [n, 3, 1],
/// [n, [1, 1], 1] (a sum node beside a product node: x₁·g(x₂) + h(x₃)), and a
/// three-function composition [n, 1, 1, 1] (1/(e^(x) − 1) is 1/x ∘ (x − 1) ∘ eˣ). Rounds
/// repeat with new seeds until the floor, the time limit or Ctrl-C; the order is fixed, so
/// a run is reproducible for a given amount of time. When the user chose the shapes
/// (`DiscoverOptions.shapes`), every round trains those, alternating the two grids.
struct AnytimeSchedule {
    var options: DiscoverOptions
    var inputs: Int

    /// The plans of round `round` (1, 2, …) and its seed.
    func round(_ round: Int) -> (seed: UInt64, plans: [NetworkPlan]) {
        let n = LayerWidth(sum: inputs)
        let seed = (options.seeds.max() ?? 0) &+ UInt64(round)
        let base = options.shapes(inputs: inputs)
        // Shapes the user chose are kept: only seeds and the grid change.
        if round % 2 == 1 || options.shapes != nil {
            let grid = round % 2 == 1 ? 2 * options.gridSize : options.gridSize
            return (seed, NetworkPlan.plans(for: base, gridSize: grid))
        }
        var shapes: [[LayerWidth]] = [[n, 3, 1], [n, LayerWidth(sum: 1, mult: 1), 1], [n, 1, 1, 1]]
        shapes.removeAll { base.contains($0) }
        return (seed, NetworkPlan.plans(for: shapes, gridSize: options.gridSize))
    }
}
