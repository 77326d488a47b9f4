/// Training (pykan `fit`): steps of L-BFGS or Adam on MSE + λ·regularisation, with grid
/// updates from samples on pykan's schedule.
extension Network {
    /// Trains the network on `data`, recording the RMSE history.
    ///
    /// Each step: (1) `shouldStop` is checked — when it returns true, training ends
    /// with the last completed step kept (L-BFGS also checks it inside the step, before each
    /// iteration and evaluation, and a step it cuts short is discarded); (2) a mini-batch is drawn (without
    /// replacement, from `options.seed`), or the whole set; (3) on grid-update steps
    /// (every `stopStep/count` steps before `stopStep`) the grids move to the batch's
    /// quantiles; (4) one optimiser step; (5) the test RMSE is computed and `progress`
    /// called. A NaN or infinite loss restores the parameters of the last finite step
    /// and throws `KANError.nonFiniteLoss`.
    ///
    /// - Returns: a report (steps done, evaluations, final losses).
    @discardableResult
    public mutating func train(
        on data: Dataset, test: Dataset? = nil, options: TrainingOptions = TrainingOptions(),
        progress: ((TrainingProgress) -> Void)? = nil, shouldStop: (() -> Bool)? = nil
    ) throws -> TrainingReport {
        guard data.inputCount == inputCount, data.outputCount == outputCount else {
            throw KANError.invalidData("the training data has \(data.inputCount) inputs and \(data.outputCount) targets; the network has \(inputCount) inputs and \(outputCount) outputs")
        }
        guard data.count >= 1 else { throw KANError.invalidData("the training data has no samples") }
        if let test, test.inputCount != inputCount || test.outputCount != outputCount {
            throw KANError.invalidData("the test data has \(test.inputCount) inputs and \(test.outputCount) targets; the network has \(inputCount) inputs and \(outputCount) outputs")
        }
        guard options.steps >= 0 else { throw KANError.invalidConfiguration("steps must be non-negative, got \(options.steps)") }
        let n = data.count
        let batchSize = min(max(options.batchSize ?? n, 1), n)
        var rng = SeededGenerator(seed: options.seed)
        // Built when a step first needs it, after that step's grid update (a grid update makes
        // a new one): on a wide network its construction takes a second.
        var evaluator: Evaluator? = nil
        var theta = parameterVector()
        let trainability = self.trainability
        let frozen = FrozenParameters(trainability.frozenParameterIndices(layers), of: theta)
        let keptGrids = Set(layers.indices.filter { trainability.freezesCoefficients(layer: $0) })
        let reg = options.regularization
        let weights = RegularizationWeights(
            lambda: reg.lambda, l1: reg.l1, entropy: reg.entropy, coefficient: reg.coefficient,
            coefficientDifference: reg.coefficientDifference)
        var lbfgs: LBFGS? = nil
        var adam: Adam? = nil
        switch options.optimizer {
        case .lbfgs(let history, let rate, let iterations, let evaluations):
            lbfgs = LBFGS(historySize: history, learningRate: rate, maxIterations: iterations, maxEvaluations: evaluations)
        case .adam(let rate, let b1, let b2, let eps):
            adam = Adam(learningRate: rate, beta1: b1, beta2: b2, epsilon: eps)
        }
        var evaluations = 0
        var completed = 0
        var interrupted = false
        var lastTrain = Double.nan, lastTest = Double.nan
        cachedInputs = try Dataset(rows: data.inputs, inputCount: data.inputCount)

        for step in 0..<options.steps {
            if let shouldStop, shouldStop() {
                interrupted = true
                break
            }
            let snapshot = self
            let batch: Dataset
            if batchSize == n {
                batch = data
            } else {
                var indices = Array(0..<n)
                for q in 0..<batchSize {
                    let r = q + rng.nextIndex(below: n - q)
                    indices.swapAt(q, r)
                }
                batch = data.subset(Array(indices[0..<batchSize]))
            }
            let grid = options.gridUpdate
            if grid.enabled && grid.count > 0 && step % grid.interval == 0 && step < grid.stopStep {
                try updateGrid(from: batch, keeping: keptGrids, shouldStop: shouldStop)
                if let shouldStop, shouldStop() {
                    restore(snapshot)
                    interrupted = true
                    break
                }
                evaluator = nil
                theta = parameterVector()
            }
            if evaluator == nil {
                let fresh = Evaluator(network: self, threadCount: options.threadCount, shouldStop: shouldStop)
                guard fresh.isComplete else {
                    restore(snapshot)
                    interrupted = true
                    break
                }
                fresh.shouldStop = shouldStop
                evaluator = fresh
            }
            guard let currentEvaluator = evaluator else { break }
            var gradientBuffer = [Double](repeating: 0, count: theta.count)
            // Set when an evaluation may have been cut short (`Evaluator.shouldStop`): the step
            // is then discarded, whatever the optimiser made of the result.
            var abandoned = false
            let objective: LBFGS.Objective = { x in
                evaluations += 1
                let result = x.withUnsafeBufferPointer { p in
                    batch.inputs.withUnsafeBufferPointer { xin in
                        batch.targets.withUnsafeBufferPointer { t in
                            gradientBuffer.withUnsafeMutableBufferPointer { g in
                                currentEvaluator.evaluate(
                                    parameters: p.baseAddress!, inputs: xin.baseAddress!, targets: t.baseAddress!,
                                    count: batch.count, gradient: g.baseAddress!, regularization: weights,
                                    batchToken: step)
                            }
                        }
                    }
                }
                if let shouldStop, shouldStop() { abandoned = true }
                frozen.mask(&gradientBuffer)
                return (result.objective, gradientBuffer, result.meanSquaredError)
            }
            var objectiveValue: Double
            var trainMSE: Double
            // Taken out and put back, so that its history (gigabytes on a wide network) is
            // never copied on write.
            if var optimizer = lbfgs.take() {
                let r = optimizer.step(&theta, objective: objective, shouldStop: shouldStop)
                lbfgs = optimizer
                if r.stopped || abandoned {
                    // A step cut short is discarded (with the grid update it may have begun
                    // with): the network keeps the last completed one.
                    restore(snapshot)
                    interrupted = true
                    break
                }
                objectiveValue = r.value
                trainMSE = r.auxiliary
            } else if var optimizer = adam {
                let (f, g, mse) = objective(theta)
                if abandoned {
                    restore(snapshot)
                    interrupted = true
                    break
                }
                optimizer.step(&theta, gradient: g)
                adam = optimizer
                objectiveValue = f
                trainMSE = mse
            } else {
                objectiveValue = .nan
                trainMSE = .nan
            }
            frozen.restore(&theta)
            let finite = objectiveValue.isFinite && trainMSE.isFinite && !theta.contains { !$0.isFinite }
            guard finite else {
                try abandonNonFinite(restoring: snapshot, evaluations: evaluations, step: step)
            }
            setParameterVector(theta)
            lastTrain = trainMSE.squareRoot()
            if let test {
                // The training evaluator has the same structure: reuse its buffers.
                let predicted = currentEvaluator.predict(parameters: theta, inputs: test.inputs, count: test.count)
                var sum = 0.0
                for q in 0..<predicted.count { let r = predicted[q] - test.targets[q]; sum += r * r }
                lastTest = (sum / Double(max(predicted.count, 1))).squareRoot()
            } else {
                lastTest = .nan
            }
            let penalty = reg.lambda != 0 ? (objectiveValue - trainMSE) / reg.lambda : 0
            history.trainLoss.append(lastTrain)
            history.testLoss.append(lastTest)
            history.regularization.append(penalty)
            completed = step + 1
            progress?(TrainingProgress(step: step, steps: options.steps, trainLoss: lastTrain, testLoss: lastTest, regularization: penalty))
        }
        history.evaluations += evaluations
        if interrupted {
            // Ctrl-C is answered now; returning the optimiser's history and the evaluator's
            // tables to the system (a second for gigabytes) happens on another thread.
            BackgroundRelease.release((lbfgs.take(), adam.take(), evaluator.take()))
        }
        return TrainingReport(steps: completed, evaluations: evaluations, trainLoss: lastTrain, testLoss: lastTest, interrupted: interrupted)
    }
}

extension Network {
    /// Goes back to `snapshot` after an interrupted step; the discarded layers (a grid update
    /// may have made new ones, hundreds of megabytes on a wide network) are freed on another
    /// thread, so that Ctrl-C is answered at once.
    fileprivate mutating func restore(_ snapshot: Network) {
        let discarded = self
        self = snapshot
        BackgroundRelease.release(discarded)
    }
}

extension Network {
    /// A step that left the loss or a parameter non-finite: the network goes back to
    /// `snapshot` (its state before training) keeping the history so far and the evaluations
    /// spent, and training stops with `nonFiniteLoss` — one rule for data and custom losses.
    mutating func abandonNonFinite(restoring snapshot: Network, evaluations: Int, step: Int) throws -> Never {
        var history = self.history
        history.evaluations += evaluations
        self = snapshot
        self.history = history
        throw KANError.nonFiniteLoss(step: step)
    }
}
