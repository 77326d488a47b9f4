import Symbolic

/// Whether a candidate the search found at the noise floor is a law, so that it may end the
/// search: rationalised, its constants must be pinned by the data (`ConstantSupport`), as the
/// verdict on the chosen formula requires (`DiscoverVerdict`).
///
/// At the noise floor a look-alike fits too (III.4.32 at 0.1 % noise: a network's
/// x3·x4·(6.34 − 0.91·exp(…))/(x1·x2), found before the decomposition that finds the law),
/// and would end the search early. At the rounding floor no look-alike comes that close, so
/// an exact candidate is a law without this test.
///
/// Each formula is judged once and its verdict kept: the decomposition asks about the formulas
/// it lifts, then the search asks again about the same ones, and a second rationalisation
/// would only repeat the first (deterministic, on the same rows). The outcomes are kept for
/// the rationalisation stage, which would otherwise compute them again.
struct SearchLawJudge {
    /// The rows formulas are rationalised and their constants measured on.
    var scoring: ScoringData
    /// The inputs' names.
    var variables: [String]
    /// Whether constants are rationalised at all (`DiscoverStage.rationalisation`): without it,
    /// a candidate at the noise floor is taken as it is.
    var rationalizes: Bool

    /// The verdicts so far, by formula (its expression over its parameters).
    private(set) var verdicts: [Expr: Bool] = [:]
    /// The rationalisations done so far.
    private(set) var outcomes: [ParametricFormula: Rationalization.Outcome] = [:]

    init(scoring: ScoringData, variables: [String], rationalizes: Bool) {
        self.scoring = scoring
        self.variables = variables
        self.rationalizes = rationalizes
    }

    /// Whether `candidate`, solved by `noise`, is a law. `shouldStop` cuts the rationalisation;
    /// a verdict reached while it holds says nothing of the formula, and is not kept.
    mutating func isLaw(_ candidate: ScoredFormula, noise: NoiseFloor, shouldStop: @escaping () -> Bool) -> Bool {
        if noise.isExact(candidate) { return true }
        guard rationalizes else { return true }
        let key = candidate.formula.expression
        if let verdict = verdicts[key] { return verdict }
        var verdict = false
        if let outcome = Rationalization().rationalize(
            candidate.formula, train: scoring.train, validation: scoring.validation, shouldStop: shouldStop),
           outcome.finalRMSE != nil {
            outcomes[candidate.formula] = outcome
            verdict = ConstantSupport(formula: outcome.expression, variables: variables, data: scoring.train)?
                .unsupported.isEmpty ?? true
        }
        if !shouldStop() { verdicts[key] = verdict }
        return verdict
    }
}
