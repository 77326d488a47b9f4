import Symbolic

/// The exact formula of a network whose live edges are all symbolic: what KanLang's `formula`
/// returns for a model.
///
/// The composition (`NetworkComposition`) carries the network's constants; rationalisation
/// refits them on the data and snaps them to exact rationals and multiples of π. The snapped
/// form is kept unless it fits clearly worse than the network's own constants (RMSE above
/// 1.1 times theirs, and above a 1e-9 share of the target's scale): its refit can wander off
/// from ill-conditioned constants, and then the unsnapped formula is the better answer.
public enum NetworkFormula {
    /// The simplified formula of `parametric` (in `variables`, the columns of `data`), snapped
    /// where the data agree.
    ///
    /// - Throws: `SimplificationInterrupted` once `shouldStop` returns true.
    public static func expression(
        _ parametric: ParametricFormula, variables: [String], data: FormulaData, shouldStop: () -> Bool
    ) throws(SimplificationInterrupted) -> Expr {
        let unsnapped = try parametric.substituting().simplified(shouldStop: shouldStop)
        guard let snapped = Rationalization().rationalize(parametric, train: data)?.expression else { return unsnapped }
        let raw = rmse(unsnapped, variables, data) ?? .infinity
        let exact = rmse(snapped, variables, data) ?? .infinity
        return exact <= Swift.max(1.1 * raw, raw + 1e-9 * data.targetScale) || !raw.isFinite ? snapped : unsnapped
    }

    /// The RMSE of `expression` in `variables` on `data`; nil when it cannot be evaluated.
    static func rmse(_ expression: Expr, _ variables: [String], _ data: FormulaData) -> Double? {
        guard let compiled = try? expression.compile(variables: variables) else { return nil }
        return data.rmse(predictions: compiled.evaluate(columns: data.columns))
    }
}
