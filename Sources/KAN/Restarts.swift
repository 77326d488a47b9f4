/// Several short starts from fresh initialisations, then the best one trained on.
///
/// A small network can land in a poor basin from its random initialisation: [2, 1, 1] on
/// exp(sin(πx) + y²) from seeds 2 and 3 settles at RMSE ≈ 0.6 (the single hidden node
/// learns a compromise of sin(πx) and y² that no later step undoes), where other seeds reach
/// 1e-2 and then follow the G⁻⁴ scaling law under grid extension. Which basin a start falls
/// into shows early in its loss, so `starts` networks each train `probeSteps` steps, the one
/// with the lowest training loss (its last step's RMSE) is kept, and it trains on for the
/// remaining steps: the step budget is the same as without restarts.
///
///     var net = try Network(shape: [2, 1, 1], gridSize: 3, seed: 2)
///     try net.train(on: data, options: TrainingOptions(steps: 200), restarts: Restarts(starts: 4, probeSteps: 25))
///
/// Start 0 is the network itself; start k > 0 is a fresh initialisation of the same shape and
/// configuration with the seed mixed from the configuration's seed and k (deterministic, and
/// different for every network seed). A fresh start keeps the network's input numbering and
/// trainability flags. Grid updates keep one train call's schedule over the whole budget:
/// every probe follows it from step 0, and the continuation takes the updates after
/// `probeSteps`.
public struct Restarts: Sendable, Equatable {
    /// Networks tried, the one being trained included (1: no restart).
    public var starts: Int
    /// Training steps each start gets before they are compared.
    public var probeSteps: Int

    public init(starts: Int = 4, probeSteps: Int = 25) {
        self.starts = starts
        self.probeSteps = probeSteps
    }
}

extension Network {
    /// `train(on:test:options:progress:shouldStop:)` with restarts (see `Restarts`): the
    /// `starts · probeSteps` probe steps count within `options.steps`.
    ///
    /// - Throws: `KANError.invalidConfiguration` when `starts < 1`, `probeSteps < 1` or the
    ///   probes need more than `options.steps`; whatever `train` throws.
    @discardableResult
    public mutating func train(
        on data: Dataset, test: Dataset? = nil, options: TrainingOptions, restarts: Restarts,
        progress: ((TrainingProgress) -> Void)? = nil, shouldStop: (() -> Bool)? = nil
    ) throws -> TrainingReport {
        guard restarts.starts >= 1, restarts.probeSteps >= 1 else {
            throw KANError.invalidConfiguration("restarts need at least one start of at least one step, got \(restarts.starts) of \(restarts.probeSteps)")
        }
        if restarts.starts == 1 { return try train(on: data, test: test, options: options, progress: progress, shouldStop: shouldStop) }
        let probeTotal = restarts.starts * restarts.probeSteps
        guard probeTotal <= options.steps else {
            throw KANError.invalidConfiguration("\(restarts.starts) starts of \(restarts.probeSteps) steps need \(probeTotal) steps; only \(options.steps) are given")
        }
        var probe = options
        probe.steps = restarts.probeSteps
        var best: Network? = nil
        var bestLoss = Double.infinity
        var evaluations = 0
        var stepsDone = 0
        var generator = SeededGenerator(seed: configuration.seed ^ 0x7265_7374_6172_7473)
        for start in 0..<restarts.starts {
            var candidate = self
            if start > 0 {
                var fresh = configuration
                fresh.seed = generator.next()
                candidate = try Network(shape: shape, configuration: fresh)
                candidate.inputIndices = inputIndices
                candidate.history = history
                candidate.trainability = trainability
            }
            let offset = stepsDone
            let report: TrainingReport
            do {
                report = try candidate.train(on: data, test: test, options: probe, progress: { step in
                    var shifted = step
                    shifted.step += offset
                    shifted.steps = options.steps
                    progress?(shifted)
                }, shouldStop: shouldStop)
            } catch KANError.nonFiniteLoss {
                // A start that diverges is out; the others go on.
                evaluations += candidate.history.evaluations - history.evaluations
                stepsDone += restarts.probeSteps
                continue
            }
            evaluations += report.evaluations
            stepsDone += report.steps
            if report.interrupted {
                self = best ?? candidate
                return TrainingReport(steps: stepsDone, evaluations: evaluations, trainLoss: report.trainLoss,
                                      testLoss: report.testLoss, interrupted: true)
            }
            // NaN losses (a diverged start) never win.
            if best == nil || (report.trainLoss.isFinite && !(report.trainLoss >= bestLoss)) {
                best = candidate
                bestLoss = report.trainLoss
            }
        }
        guard let chosen = best else { throw KANError.nonFiniteLoss(step: 0) }
        self = chosen
        var rest = options
        rest.steps = options.steps - probeTotal
        let grid = options.gridUpdate
        let remainingUpdates = max(0, grid.stopStep - restarts.probeSteps)
        rest.gridUpdate.stopStep = remainingUpdates
        rest.gridUpdate.count = (remainingUpdates + grid.interval - 1) / grid.interval
        let offset = probeTotal
        let report = try train(on: data, test: test, options: rest, progress: { step in
            var shifted = step
            shifted.step += offset
            shifted.steps = options.steps
            progress?(shifted)
        }, shouldStop: shouldStop)
        return TrainingReport(steps: probeTotal + report.steps, evaluations: evaluations + report.evaluations,
                              trainLoss: rest.steps > 0 ? report.trainLoss : bestLoss,
                              testLoss: report.testLoss, interrupted: report.interrupted)
    }
}
