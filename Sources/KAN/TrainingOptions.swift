/// How to train a network: optimiser, steps, batches, regularisation and grid updates.
///
/// Defaults are pykan 0.2.8's `fit`: L-BFGS (history 10, lr 1, 20 iterations and
/// 25 evaluations per step, strong-Wolfe line search), full batch, λ = 0,
/// λ_l1 = 1, λ_entropy = 2, grid updates every 5 steps before step 50.
///
///     var options = TrainingOptions(steps: 50)
///     options.regularization.lambda = 1e-3
///     options.optimizer = .adam(learningRate: 1e-2)
public struct TrainingOptions: Sendable, Equatable {
    public enum Optimizer: Sendable, Equatable {
        /// pykan's L-BFGS: one training step is one `optimizer.step`, i.e. up to
        /// `maxIterations` iterations with at most about `maxEvaluations` loss+gradient evaluations.
        case lbfgs(history: Int = 10, learningRate: Double = 1, maxIterations: Int = 20, maxEvaluations: Int = 25)
        /// Adam (torch defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8); one step is one update.
        case adam(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8)

        public static var lbfgs: Optimizer { .lbfgs() }
    }

    public struct Regularization: Sendable, Equatable {
        /// λ, the overall weight of the penalty (0 disables it, as in pykan).
        public var lambda: Double = 0
        public var l1: Double = 1
        public var entropy: Double = 2
        public var coefficient: Double = 0
        public var coefficientDifference: Double = 0
        public init(lambda: Double = 0, l1: Double = 1, entropy: Double = 2, coefficient: Double = 0, coefficientDifference: Double = 0) {
            self.lambda = lambda
            self.l1 = l1
            self.entropy = entropy
            self.coefficient = coefficient
            self.coefficientDifference = coefficientDifference
        }
    }

    public struct GridUpdate: Sendable, Equatable {
        public var enabled: Bool = true
        /// Number of updates before `stopStep` (pykan `grid_update_num`).
        public var count: Int = 10
        /// No updates at or after this step (pykan `stop_grid_update_step`).
        public var stopStep: Int = 50
        public init(enabled: Bool = true, count: Int = 10, stopStep: Int = 50) {
            self.enabled = enabled
            self.count = count
            self.stopStep = stopStep
        }
        /// Steps between updates: stopStep / count (pykan `grid_update_freq`).
        public var interval: Int { max(1, stopStep / max(count, 1)) }
        public static var disabled: GridUpdate { GridUpdate(enabled: false) }
    }

    public var steps: Int = 100
    public var optimizer: Optimizer = .lbfgs()
    /// Samples per step; `nil` means the whole training set (pykan `batch = -1`).
    public var batchSize: Int? = nil
    public var regularization: Regularization = Regularization()
    public var gridUpdate: GridUpdate = GridUpdate()
    /// Seed for mini-batch sampling.
    public var seed: UInt64 = 0
    /// Threads for the loss and gradient; `nil` uses every core. Results do not depend on it.
    public var threadCount: Int? = nil

    public init(
        steps: Int = 100, optimizer: Optimizer = .lbfgs(), batchSize: Int? = nil,
        regularization: Regularization = Regularization(), gridUpdate: GridUpdate = GridUpdate(),
        seed: UInt64 = 0, threadCount: Int? = nil
    ) {
        self.steps = steps
        self.optimizer = optimizer
        self.batchSize = batchSize
        self.regularization = regularization
        self.gridUpdate = gridUpdate
        self.seed = seed
        self.threadCount = threadCount
    }
}

/// Progress after one completed training step (for progress bars).
public struct TrainingProgress: Sendable {
    public var step: Int
    public var steps: Int
    /// Root-mean-square training error (data fit, without regularisation).
    public var trainLoss: Double
    /// Root-mean-square test error (NaN without test data).
    public var testLoss: Double
    public var regularization: Double
}

/// Loss history, one entry per completed step, over all `train` calls (pykan's `results`).
///
/// Equality compares bit patterns, so histories with NaN test losses (no test data) compare equal.
public struct TrainingHistory: Sendable, Codable, Equatable {
    public static func == (a: TrainingHistory, b: TrainingHistory) -> Bool {
        func same(_ x: [Double], _ y: [Double]) -> Bool { x.map(\.bitPattern) == y.map(\.bitPattern) }
        return same(a.trainLoss, b.trainLoss) && same(a.testLoss, b.testLoss)
            && same(a.regularization, b.regularization) && a.evaluations == b.evaluations
    }

    /// RMSE on the training batch at the end of each step.
    public var trainLoss: [Double] = []
    /// RMSE on the test set after each step (NaN without test data).
    public var testLoss: [Double] = []
    /// Regularisation penalty (without λ) at the end of each step.
    public var regularization: [Double] = []
    /// Loss+gradient evaluations over all steps.
    public var evaluations: Int = 0
    public init() {}
}

/// What one `train` call did.
public struct TrainingReport: Sendable {
    /// Steps completed (less than requested when stopped early).
    public var steps: Int
    /// Loss+gradient evaluations in this call.
    public var evaluations: Int
    /// Final training RMSE on the last batch (without regularisation).
    public var trainLoss: Double
    public var testLoss: Double
    /// True when `shouldStop` ended training early.
    public var interrupted: Bool
}
