import Foundation

/// The error levels and tests `discover` decides with: when a candidate has *solved* the problem
/// (the search stops, the formula is reported as exact), what the direct stages accept, below
/// which errors candidates are not told apart, and the noise level it reports.
///
/// - **Solved**: a candidate within `solvedFactor` times the rounding floor (noiseless data,
///   as before noise was considered), or whose residuals on the training rows are noise by the
///   lack-of-fit test (`LackOfFitTest`): no structure is left that the inputs explain.
/// - **Selection**: the squared validation RMSE of a formula that is the law, on m held-out
///   rows with noise σ, is σ²·χ²ₘ/m, whose one-sided 99.9 % point is about σ²·(1 + z·√(2/m)),
///   z = 3.09. So
///
///       margin = √(1 + z·√(2/m))        (1.145 for m = 200 validation rows)
///
///   is the factor by which two formulas' validation errors on the same rows may differ
///   without either fitting better (the F-test of their mean squares, conservative because
///   their residuals share the noise). The front does not tell apart errors within the margin
///   of the best one, so the simplest of those is chosen.
/// - **Reported noise**: the residual standard deviation of a solved candidate on the training
///   rows (the residual of a law is the noise), or, when none is solved, the Gamma test's
///   model-free estimate (`NoiseEstimate`).
public struct NoiseFloor: Sendable {
    /// `relativeErrorFloor` × the target's spread: errors below it are rounding.
    public var roundingFloor: Double
    /// A candidate within `solvedFactor` times the rounding floor is exact on noiseless data.
    public var solvedFactor: Double
    /// The Gamma test's estimate, nil when the data were too few.
    public var estimate: NoiseEstimate?
    /// m, the validation rows errors are measured on.
    public var validationCount: Int
    /// The lack-of-fit test on the training rows; nil when there are too few.
    var lackOfFit: LackOfFitTest?
    /// The rows residuals are tested on: the training rows (at most `testedRows`). Not the
    /// validation rows too: a
    /// test table may carry other noise (a benchmark's noiseless test rows), and neighbours
    /// from the two would share their noise level, which the test reads as structure.
    var training: FormulaData

    /// The most training rows the lack-of-fit test reads.
    static let testedRows = 1000

    /// z of the one-sided 99.9 % normal quantile.
    static let quantile = 3.09

    init(roundingFloor: Double, solvedFactor: Double, fit: FormulaData, validation: FormulaData) {
        self.roundingFloor = roundingFloor
        self.solvedFactor = solvedFactor
        estimate = NoiseEstimate(columns: fit.columns, target: fit.target)
        validationCount = validation.count
        // The neighbour graph is quadratic in the rows: at most `testedRows` of them, evenly
        // strided, enough to detect a misfit of 0.4 σ.
        training = fit.strided(limit: Self.testedRows)
        lackOfFit = LackOfFitTest(columns: training.columns)
    }

    /// √(1 + z·√(2/m)).
    public var margin: Double {
        let m = Double(Swift.max(validationCount, 1))
        return (1 + Self.quantile * (2 / m).squareRoot()).squareRoot()
    }

    /// Whether the candidate's validation RMSE is at the rounding floor (within `solvedFactor`):
    /// exact beyond doubt, as no look-alike comes that close.
    func isExact(_ candidate: ScoredFormula) -> Bool {
        candidate.validationRMSE <= solvedFactor * roundingFloor
    }

    /// Whether `candidate` fits to the noise floor: at rounding level, or with residuals that
    /// are noise on the training rows and a validation error no larger than that noise allows
    /// (`margin` times their deviation: a formula that fits the training rows but not the
    /// held-out ones, an interpolant or a pole between training rows, is not the law), which is
    /// no larger than the target's own spread (the constant's: residuals of a formula that
    /// explains nothing, however random they look, are not noise of the data).
    func isSolved(_ candidate: ScoredFormula) -> Bool {
        if isExact(candidate) { return true }
        guard let lackOfFit, candidate.validationRMSE.isFinite,
              let deviation = residualDeviation(of: candidate),
              deviation <= margin * training.targetScale,
              candidate.validationRMSE <= margin * Swift.max(deviation, roundingFloor)
        else { return false }
        let predictions = candidate.printed.flatMap { try? $0.compile(variables: candidate.formula.variables) }
            .map { $0.evaluate(columns: training.columns) } ?? candidate.formula.evaluate(columns: training.columns)
        guard predictions.count == training.count else { return false }
        return lackOfFit.isNoise(zip(training.target, predictions).map { $0 - $1 })
    }

    /// The standard deviation of a law's residuals on the training rows, √(Σ r²/(n − p)) with
    /// p its fitted constants: the noise, when the formula is the law. The training rows, not
    /// the validation rows: a test table may be noiseless.
    func residualDeviation(of candidate: ScoredFormula) -> Double? {
        let n = Double(training.count), p = Double(candidate.formula.parameterCount)
        guard n > p, candidate.trainRMSE.isFinite else { return nil }
        return candidate.trainRMSE * (n / (n - p)).squareRoot()
    }

    /// The error below which the front does not tell candidates apart, given the best
    /// candidate's validation RMSE: margin·e* (statistically as good as the best), or the
    /// rounding floor.
    public func selectionFloor(bestValidationRMSE best: Double) -> Double {
        guard best.isFinite else { return roundingFloor }
        return Swift.max(roundingFloor, margin * best)
    }
}
