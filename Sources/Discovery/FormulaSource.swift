import KAN

/// The network a discovered formula was read from, and how it was trained: what
/// `kan discover --plot` draws (the network before and after pruning, its training curves).
///
/// Kept by value: `Network` stores its arrays copy-on-write, so every candidate of one
/// network shares the trained network's storage; only the fixed copy differs.
public struct FormulaSource: Sendable {
    /// After pruning and the refit, with every live edge fixed to the formula's primitive
    /// (a symbolic edge c·f(a·x + b) + d with the matched constants) or dropped (masked).
    public var fixed: Network
    /// After the sparse training, before pruning; nil when the formula did not come from the
    /// discovery pipeline's training.
    public var trained: Network?
    /// The options of each training run, in order (sparse training, then the refit after
    /// pruning): their grid-update schedules are the markers on a loss curve.
    public var trainingOptions: [TrainingOptions] = []
    /// Training steps completed when the network was pruned (the sparse run's length).
    public var pruneStep: Int?

    public init(fixed: Network, trained: Network? = nil, trainingOptions: [TrainingOptions] = [], pruneStep: Int? = nil) {
        self.fixed = fixed
        self.trained = trained
        self.trainingOptions = trainingOptions
        self.pruneStep = pruneStep
    }
}
