import Discovery
import Symbolic

/// A discovered (or user-given) formula as a KanLang value: a symbolic
/// expression in named variables, with its scores when it was measured on data.
///
///     let f = formula(model)
///     print(f)           # exp(y^2 + sin(pi*x))   (train rmse 1.2e-12)
///     f.expression       # the expression value, usable in symbolic builtins
///     f.rmse, f.r2       # scores on the data it was extracted from
///
/// Immutable. `evaluate`, `rmse`, `r2`, `text`, `latex`, `sympy` accept formulas
/// wherever they accept expressions.
public final class FormulaValue: SymbolicOpaqueValue {
    public let expression: Expr
    /// The variables in the order the formula's data columns come in.
    public let variables: [String]
    /// Scores, when the formula was measured on data.
    public let report: FormulaReport?
    /// The Pareto front of the `discover` run that chose this formula, simplest first
    /// (what `pareto(f)` prints); nil for formulas from elsewhere.
    public let front: [ParetoEntry]?
    /// What `discover` could say of the formula (a law, an approximation, …); nil for
    /// formulas from elsewhere.
    public let verdict: DiscoverVerdict?
    /// The noise level `discover` estimated, in the target's units.
    public let noise: Double?

    public init(
        expression: Expr, variables: [String], report: FormulaReport? = nil, front: [ParetoEntry]? = nil,
        verdict: DiscoverVerdict? = nil, noise: Double? = nil
    ) {
        self.expression = expression
        self.variables = variables
        self.report = report
        self.front = front
        self.verdict = verdict
        self.noise = noise
    }

    /// A formula from a report, with its scores.
    public convenience init(
        report: FormulaReport, front: [ParetoEntry]? = nil, verdict: DiscoverVerdict? = nil, noise: Double? = nil
    ) {
        self.init(expression: report.expression, variables: report.variables, report: report, front: front,
                  verdict: verdict, noise: noise)
    }

    public var typeName: String { "formula" }

    public var summary: String {
        var text = TextPrinter().print(expression)
        if let rmse = report?.testRMSE ?? report?.trainRMSE { text += "   (rmse \(ValueFormatter.format(rmse)))" }
        return text
    }

    public var memberNames: [String] {
        ["expression", "expr", "variables", "complexity", "text", "latex", "sympy", "rmse", "r2", "train_rmse", "test_rmse",
         "exact", "noise", "unpinned"]
    }

    /// Fields: `expression` (also `expr`), `variables`, `complexity`, `text`, `latex`, `sympy`,
    /// `rmse` and `r2` (test scores if measured on test data, else train; nil if
    /// unmeasured), `train_rmse`, `test_rmse`; from `discover`, `exact` (whether it is a law at
    /// the noise floor with constants the data pin, as `"exact"` in `kan discover`'s JSON),
    /// `noise` (the estimated noise level) and `unpinned` (the constants the data do not pin);
    /// nil for formulas from elsewhere.
    public func member(_ name: String) -> Value? {
        func optional(_ value: Double?) -> Value { value.map { .number($0) } ?? .nil }
        switch name {
        case "expression", "expr": return SymbolicBuilder.value(expression)
        case "variables": return .list(variables.map(Value.string))
        case "complexity": return .number(Double(expression.complexity))
        case "text": return .string(TextPrinter().print(expression))
        case "latex": return .string(LatexPrinter().print(expression))
        case "sympy": return .string(SympyPrinter().print(expression))
        case "rmse": return optional(report.flatMap { $0.hasTestData ? $0.testRMSE : $0.trainRMSE })
        case "r2": return optional(report?.r2)
        case "train_rmse": return optional(report?.trainRMSE)
        case "test_rmse": return optional(report?.testRMSE)
        case "exact": return verdict.map { .boolean($0.isExact) } ?? .nil
        case "noise": return optional(noise)
        case "unpinned":
            guard let verdict else { return .nil }
            if case .unpinned(let constants) = verdict { return .list(constants.map(Value.string)) }
            return .list([])
        default: return nil
        }
    }
}
