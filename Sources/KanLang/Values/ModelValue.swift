import Foundation
import KAN
import Plot

/// A Kolmogorov-Arnold network as a KanLang value, with the names of its input
/// variables and the data set it was last trained on.
///
/// Models have value semantics: `train`, `refine` and `prune` return a new model
/// and leave their argument unchanged, so `let m2 = train(m, data)` keeps `m`
/// for comparison. (`Network` is itself a value type; this class is an immutable
/// box around one.) The training history is the network's own
/// (`network.history`), which accumulates over successive `train` calls.
///
///     let m = kan([2, 5, 1], seed: 0)
///     print(m)        # <model [2, 5, 1], grid 5, k 3, untrained>
public final class ModelValue: OpaqueValue {
    public let network: Network
    /// One name per network input (the dataset's input columns), in order.
    public let variables: [String]
    /// The data set of the last `train`, used by `prune`, `scores` and discovery
    /// for samples; nil before training.
    public let data: DatasetValue?
    /// What happened between training steps (grid updates, refinements, prunings),
    /// at the history step it happened, for `plot_loss`: the history records losses only.
    public let events: [TrainingEvent]
    /// The builtin call that made this model (`train(data, steps: 50)`), nil until the
    /// interpreter records it (`ModelHistory`).
    public let operation: String?
    /// The states this one came from, oldest first, at most `ModelHistory.limit`.
    public let past: [ModelValue]

    public init(network: Network, variables: [String], data: DatasetValue? = nil, events: [TrainingEvent] = [],
                operation: String? = nil, past: [ModelValue] = []) {
        self.network = network
        self.variables = variables
        self.data = data
        self.events = events
        self.operation = operation
        self.past = past
        memoryCharge = MemoryCharge.make(ModelValue.bytes(of: network))
    }

    /// The network's numbers, counted against the interpreter's memory limit (`MemoryBudget`).
    /// The data set is counted by its own value.
    private let memoryCharge: MemoryCharge?

    /// About what a network holds: its spline coefficients, eight numbers per edge (scales,
    /// mask, affine parameters) and the samples cached by its last training.
    static func bytes(of network: Network) -> Int {
        var numbers = network.layers.reduce(0) { $0 + $1.coefficients.count + 8 * $1.edgeCount }
        if let cached = network.cachedInputs { numbers += cached.inputs.count }
        return numbers * MemoryLayout<Double>.stride
    }

    public var typeName: String { "model" }

    /// The loss history of all training so far.
    public var history: TrainingHistory { network.history }

    /// A copy with another network, keeping variables and data unless given.
    public func with(network: Network, data: DatasetValue? = nil) -> ModelValue {
        ModelValue(network: network, variables: variables, data: data ?? self.data, events: events)
    }

    /// A copy with `event` recorded at the current end of the history.
    func adding(_ kind: TrainingEvent.Kind) -> ModelValue {
        ModelValue(network: network, variables: variables, data: data,
                   events: events + [TrainingEvent(step: network.history.trainLoss.count, kind: kind)])
    }

    /// The shape as written in `kan(...)`: `[2, 5, 1]` or `[2, [3, 2], 1]`.
    public var shapeText: String { "[" + network.shape.map(\.description).joined(separator: ", ") + "]" }

    public var summary: String {
        var text = "<model \(shapeText), grid \(network.gridSize), k \(network.configuration.splineOrder)"
        if let train = history.trainLoss.last {
            text += ", \(history.trainLoss.count) steps, train rmse \(ModelValue.short(train))"
            if let test = history.testLoss.last, test.isFinite { text += ", test rmse \(ModelValue.short(test))" }
        } else {
            text += ", untrained"
        }
        return text + ">"
    }

    /// A loss with three significant digits: `0.00213`, `1.5e-07`.
    static func short(_ value: Double) -> String {
        value.isFinite ? String(format: "%.3g", value) : ValueFormatter.format(value)
    }

    public var memberNames: [String] { ["shape", "grid", "k", "variables", "inputs", "steps", "loss", "history", "data"] }

    /// Fields: `shape` (list), `grid`, `k`, `variables`, `inputs` (count),
    /// `history` ({train, test, reg} lists), `steps`, `loss` (last train RMSE or nil),
    /// `data` (the last training dataset or nil).
    public func member(_ name: String) -> Value? {
        switch name {
        case "shape":
            return .list(network.shape.map { width in
                width.mult == 0 ? Value.number(Double(width.sum))
                    : .list([.number(Double(width.sum)), .number(Double(width.mult))])
            })
        case "grid": return .number(Double(network.gridSize))
        case "k": return .number(Double(network.configuration.splineOrder))
        case "variables": return .list(variables.map(Value.string))
        case "inputs": return .number(Double(network.inputCount))
        case "steps": return .number(Double(history.trainLoss.count))
        case "loss": return history.trainLoss.last.map { .number($0) } ?? .nil
        case "history":
            return .record(RecordStorage([
                ("train", .list(history.trainLoss.map { .number($0) })),
                ("test", .list(history.testLoss.map { .number($0) })),
                ("reg", .list(history.regularization.map { .number($0) })),
            ]))
        case "data": return data.map { .opaque($0) } ?? .nil
        default: return nil
        }
    }
}
