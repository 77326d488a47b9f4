import KAN

/// Something that happened during training, to mark on a loss curve: a grid update,
/// a refinement to a finer grid, pruning, or anything else the caller names.
///
/// `step` counts the training steps completed when the event happened (over all
/// `train` calls, like `TrainingHistory`): an event at step 20 is drawn between the
/// 20th and 21st loss values.
public struct TrainingEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case gridUpdate
        case refine(gridSize: Int)
        case prune
        case other(String)
    }

    public var step: Int
    public var kind: Kind

    public init(step: Int, kind: Kind) {
        self.step = step
        self.kind = kind
    }

    /// The text drawn beside the marker (grid updates are frequent and go unlabelled).
    var label: String? {
        switch kind {
        case .gridUpdate: nil
        case .refine(let g): "G=\(g)"
        case .prune: "prune"
        case .other(let text): text
        }
    }

    /// The grid updates that `Network.train` performs with `options`, for a call that
    /// started after `firstStep` completed steps (the history's length at the time).
    ///
    ///     let start = net.history.trainLoss.count
    ///     try net.train(on: data, options: options)
    ///     events += TrainingEvent.gridUpdates(options: options, firstStep: start)
    public static func gridUpdates(options: TrainingOptions, firstStep: Int = 0) -> [TrainingEvent] {
        let grid = options.gridUpdate
        guard grid.enabled, grid.count > 0, options.steps > 0 else { return [] }
        return Swift.stride(from: 0, to: min(options.steps, grid.stopStep), by: grid.interval)
            .map { TrainingEvent(step: firstStep + $0, kind: .gridUpdate) }
    }
}
