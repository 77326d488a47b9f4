/// Training on a `DerivativeLoss` (physics-informed losses) instead of the data fit.
extension Network {
    /// Minimises `loss` with the optimiser of `options` (L-BFGS or Adam), honouring
    /// `trainability`.
    ///
    /// Each step: (1) `shouldStop` is checked; (2) on grid-update steps (pykan's schedule,
    /// `options.gridUpdate`) the grids move to the quantiles of all points of all sets, as
    /// pykan's PDE example does with its interior points; (3) one optimiser step on the whole
    /// loss. The history records √L as the training loss (NaN test loss). The points become
    /// the cached inputs, so `refine`, `prune` and symbolic fitting afterwards sample the
    /// domain the loss covers.
    ///
    /// `observe`, when given, sees the network after each completed step (benchmarks measure
    /// the solution's error along the way with it).
    ///
    /// - Throws: `KANError.invalidData` when the loss does not fit the network,
    ///   `.invalidConfiguration` for a regularisation weight λ ≠ 0 or
    ///   mini-batches (neither applies to a custom loss), `.nonFiniteLoss` as `train(on:)`.
    @discardableResult
    public mutating func train(
        loss: DerivativeLoss, options: TrainingOptions = TrainingOptions(),
        progress: ((TrainingProgress) -> Void)? = nil, shouldStop: (() -> Bool)? = nil,
        observe: ((Network) -> Void)? = nil
    ) throws -> TrainingReport {
        try loss.validate(for: self)
        guard options.steps >= 0 else { throw KANError.invalidConfiguration("steps must be non-negative, got \(options.steps)") }
        guard options.regularization.lambda == 0 else {
            throw KANError.invalidConfiguration("the sparsity penalty (λ = \(options.regularization.lambda)) is not available with a custom loss; use λ = 0")
        }
        guard options.batchSize == nil else {
            throw KANError.invalidConfiguration("a custom loss trains on all its points at once; mini-batches are not available")
        }
        guard let points = loss.allPoints else { throw KANError.invalidData("the loss has no points") }
        var theta = parameterVector()
        let trainability = self.trainability
        let frozen = FrozenParameters(trainability.frozenParameterIndices(layers), of: theta)
        let keptGrids = Set(layers.indices.filter { trainability.freezesCoefficients(layer: $0) })
        var lbfgs: LBFGS? = nil
        var adam: Adam? = nil
        switch options.optimizer {
        case .lbfgs(let history, let rate, let iterations, let evaluations):
            lbfgs = LBFGS(historySize: history, learningRate: rate, maxIterations: iterations, maxEvaluations: evaluations)
        case .adam(let rate, let b1, let b2, let eps):
            adam = Adam(learningRate: rate, beta1: b1, beta2: b2, epsilon: eps)
        }
        cachedInputs = points
        var evaluations = 0, completed = 0
        var interrupted = false
        var lastLoss = Double.nan
        for step in 0..<options.steps {
            if let shouldStop, shouldStop() { interrupted = true; break }
            let snapshot = self
            let grid = options.gridUpdate
            if grid.enabled && grid.count > 0 && step % grid.interval == 0 && step < grid.stopStep {
                try updateGrid(from: points, keeping: keptGrids, shouldStop: shouldStop)
                if let shouldStop, shouldStop() { self = snapshot; interrupted = true; break }
                theta = parameterVector()
                // A grid change moves the parameters' meaning: old curvature pairs mislead.
                lbfgs?.reset()
            }
            let structure = self
            let objective: LBFGS.Objective = { x in
                evaluations += 1
                var net = structure
                net.setParameterVector(x)
                var gradient = [Double](repeating: 0, count: x.count)
                let kernel = DerivativeLossKernel(network: net, loss: loss)
                let value = gradient.withUnsafeMutableBufferPointer { kernel.evaluate(gradient: $0.baseAddress) }
                frozen.mask(&gradient)
                return (value, gradient, value)
            }
            var value = Double.nan
            if var optimizer = lbfgs.take() {
                let r = optimizer.step(&theta, objective: objective, shouldStop: shouldStop)
                lbfgs = optimizer
                if r.stopped { self = snapshot; interrupted = true; break }
                value = r.value
            } else if var optimizer = adam {
                let (f, g, _) = objective(theta)
                optimizer.step(&theta, gradient: g)
                adam = optimizer
                value = f
            }
            frozen.restore(&theta)
            guard value.isFinite, !theta.contains(where: { !$0.isFinite }) else {
                try abandonNonFinite(restoring: snapshot, evaluations: evaluations, step: step)
            }
            setParameterVector(theta)
            lastLoss = value.squareRoot()
            history.trainLoss.append(lastLoss)
            history.testLoss.append(.nan)
            history.regularization.append(0)
            completed = step + 1
            progress?(TrainingProgress(step: step, steps: options.steps, trainLoss: lastLoss, testLoss: .nan, regularization: 0))
            observe?(self)
        }
        history.evaluations += evaluations
        return TrainingReport(steps: completed, evaluations: evaluations, trainLoss: lastLoss, testLoss: .nan, interrupted: interrupted)
    }
}
