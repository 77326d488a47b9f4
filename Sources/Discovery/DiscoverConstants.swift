import Exact
import Symbolic

/// Constant columns, which `discover` settles before training any network.
///
/// A constant target is its own law: `y = 3/2` whatever the inputs, and a network trained
/// towards a flat target only fits noise (every candidate then fails to beat the error
/// floor, and the search used to end with "no formula"). A constant input cannot explain
/// any variation of the target: left in, its edge is matched to some function of a
/// constant, which the search then has to cancel, and rounding leaves a residue such as
/// `x^2 - 150481/36000000000000000000`. So constant inputs are left out of the search
/// and of the formula.
enum DiscoverConstants {
    /// Whether every value equals the first (true for no values).
    static func isConstant(_ values: [Double]) -> Bool {
        guard let first = values.first else { return true }
        return values.allSatisfy { $0 == first }
    }

    /// The exact value of a finite Double's shortest decimal text: 1.5 is 3/2, 0.1 is 1/10.
    static func exactConstant(_ value: Double) -> Expr {
        if let integer = Int(exactly: value) { return Expr(integer) }
        if let rational = try? Rational(parsing: String(value)) { return Expr(rational) }
        return Rational(exactly: value).map { Expr($0) } ?? Expr(0)
    }

    /// The result for a constant target: that constant, exact, scored on the data.
    static func constantTarget(
        _ value: Double, names: [String], train: FormulaData, test: FormulaData?, seconds: Double
    ) -> DiscoverResult {
        let expression = exactConstant(value)
        let formula = ParametricFormula(expression: expression, variables: names, parameterNames: [], parameterValues: [])
        let validation = test ?? train
        let predictions = formula.evaluate(columns: validation.columns)
        let validationRMSE = validation.rmse(predictions: predictions) ?? .infinity
        let scored = ScoredFormula(
            formula: formula, trainRMSE: train.rmse(of: formula) ?? .infinity, validationRMSE: validationRMSE,
            complexity: expression.complexity, score: 0, origin: "constant target", isRationalized: true)
        return DiscoverResult(
            front: [scored], chosen: scored,
            report: FormulaReport(expression: expression, variables: names, train: train, test: test),
            validationRMSE: validationRMSE, validationR2: validation.rSquared(predictions: predictions) ?? 0,
            candidates: [scored], seconds: seconds, interrupted: false, noiseLevel: 0)
    }
}
