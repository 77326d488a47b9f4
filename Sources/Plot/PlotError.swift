/// Why a drawing could not be made from its inputs.
public enum PlotError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The inputs are inconsistent (for example three names for two inputs).
    case invalidArgument(String)
    /// There is nothing to draw (no finite loss, no Pareto point).
    case noData(String)

    public var description: String {
        switch self {
        case .invalidArgument(let message): "invalid plot argument: \(message)"
        case .noData(let message): "nothing to plot: \(message)"
        }
    }
}
