/// One candidate formula on a Pareto front: its complexity, its validation error, the
/// text to show beside it, and whether it is the formula that was chosen.
public struct ParetoPoint: Sendable, Equatable {
    public var complexity: Double
    public var error: Double
    public var label: String
    public var isChosen: Bool

    public init(complexity: Double, error: Double, label: String, isChosen: Bool = false) {
        self.complexity = complexity
        self.error = error
        self.label = label
        self.isChosen = isChosen
    }
}
