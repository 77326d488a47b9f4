/// What `discover` can say of the formula it chose: a law at the noise floor, or only the best
/// approximation it found.
///
/// The test is the one that stops the search (`NoiseFloor.isSolved`): the chosen formula's
/// validation RMSE at the rounding floor, or its residuals on the training rows indistinguishable from
/// noise (`LackOfFitTest`). A formula whose residuals keep structure that the inputs explain is
/// not the law, whatever its R². A formula without inputs (the constant) is never a law of the
/// inputs: when it is the best and its residuals are noise, the target does not depend on them
/// beyond the noise. And at the noise floor (not at rounding, where no look-alike comes that
/// close), a law is told from a look-alike by its constants: each must be pinned by the data to
/// its printed exact value beyond the chance of a coincidence (`ConstantSupport`).
public enum DiscoverVerdict: Sendable, Hashable {
    /// The chosen formula fits to the noise floor, with every constant pinned by the data.
    case exact
    /// It fits to the noise floor, but the data do not pin these constants (as printed) to
    /// their exact values: a law with measured constants, or a look-alike of one.
    case unpinned(constants: [String])
    /// Its validation RMSE is significantly above the noise floor.
    case approximation
    /// The best formula is a constant whose residuals are noise: the inputs explain none of the
    /// target's variation.
    case noDependence

    /// `training`: the rows the constants' standard errors are measured on.
    init(chosen: ScoredFormula, noise: NoiseFloor, training: FormulaData) {
        let solved = noise.isSolved(chosen)
        if chosen.formula.expression.freeSymbols.isDisjoint(with: chosen.formula.variables) {
            // Only when the constant's residuals are noise: a constant left with structure the
            // test sees (or that it cannot judge, `LackOfFitTest.isInformative`) is the best
            // approximation found, not proof that the inputs do not matter.
            self = solved ? .noDependence : .approximation
        } else if solved {
            let unpinned = noise.isExact(chosen) ? [] : ConstantSupport(
                formula: chosen.expression, variables: chosen.formula.variables, data: training)?.unsupported
                .map(\.expression.description)
            self = unpinned.map { $0.isEmpty ? .exact : .unpinned(constants: $0) } ?? .exact
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
        case .unpinned(let constants):
            let list = constants.count > 3 ? constants.prefix(3).joined(separator: ", ") + ", …" : constants.joined(separator: ", ")
            return "fits to the noise floor, but the data do not pin \(constants.count == 1 ? "its constant" : "\(constants.count) of its constants") "
                + "\(list) to exact values (a number as simple lies as near by chance in over 5 % of cases): "
                + "a law with measured constants, or a look-alike (\(fit)): \(formula)"
        case .noDependence:
            return "no law found: the target does not depend on the inputs beyond its noise; best constant (\(fit)): \(formula)"
        }
    }
}
