/// What `discover` can say of the formula it chose: a law at the noise floor, or only the best
/// approximation it found.
///
/// The test is the one that stops the search (`NoiseFloor.isSolved`): the chosen formula's
/// validation RMSE at the rounding floor, or its residuals on the training rows indistinguishable from
/// noise (`LackOfFitTest`). A formula whose residuals keep structure that the inputs explain is
/// not the law, whatever its R². A formula without inputs (the constant) is never a law of the
/// inputs: when it is the best and its residuals are noise, the target does not depend on them
/// beyond the noise.
public enum DiscoverVerdict: Sendable, Hashable {
    /// The chosen formula fits to the noise floor.
    case exact
    /// Its validation RMSE is significantly above the noise floor.
    case approximation
    /// The best formula is a constant whose residuals are noise: the inputs explain none of the
    /// target's variation.
    case noDependence

    init(chosen: ScoredFormula, noise: NoiseFloor) {
        let solved = noise.isSolved(chosen)
        if chosen.formula.expression.freeSymbols.isDisjoint(with: chosen.formula.variables) {
            // Only when the constant's residuals are noise: a constant left with structure the
            // test sees (or that it cannot judge, `LackOfFitTest.isInformative`) is the best
            // approximation found, not proof that the inputs do not matter.
            self = solved ? .noDependence : .approximation
        } else if solved {
            self = .exact
        } else {
            self = .approximation
        }
    }

    /// Whether the formula is reported as a law (`"exact": true` in JSON).
    public var isExact: Bool { self == .exact }

    /// The warning to print, given the formula's R² and text; nil for an exact law.
    public func warning(r2: Double?, formula: String) -> String? {
        let fit = r2.map { "R² \(String(format: "%.4f", $0))" } ?? "R² undefined"
        switch self {
        case .exact: return nil
        case .approximation: return "no exact law found; best approximation (\(fit)): \(formula)"
        case .noDependence:
            return "no law found: the target does not depend on the inputs beyond its noise; best constant (\(fit)): \(formula)"
        }
    }
}
