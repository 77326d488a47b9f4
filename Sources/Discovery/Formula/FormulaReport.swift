import Foundation
import Symbolic

/// A final formula with its scores, printable as text, LaTeX, SymPy or one JSON object.
///
/// ```swift
/// let report = FormulaReport(expression: f, variables: ["x1", "x2"], train: train, test: test)
/// report.text                  // "exp(x2^2 + sin(pi*x1))"
/// report.json(seconds: 1.25)   // {"complexity":9,"formula":"exp(x2**2 + sin(pi*x1))",…}
/// ```
///
/// RMSE = √(Σ (yₛ − f(xₛ))²/n) and R² = 1 − Σ (yₛ − f(xₛ))² / Σ (yₛ − ȳ)²; a score that is
/// not finite (the formula undefined at a sample, a constant target) is nil, and null in JSON.
public struct FormulaReport: Sendable, Hashable {
    public var expression: Expr
    public var variables: [String]
    /// `Symbolic`'s complexity measure (nodes of the printed expression tree).
    public var complexity: Int
    public var trainRMSE: Double?
    public var trainR2: Double?
    /// Nil without test data.
    public var testRMSE: Double?
    public var testR2: Double?
    /// Whether test data were given.
    public var hasTestData: Bool

    public init(expression: Expr, variables: [String], train: FormulaData, test: FormulaData? = nil) {
        self.expression = expression
        self.variables = variables
        complexity = expression.complexity
        let compiled = try? expression.compile(variables: variables)
        func predictions(_ data: FormulaData) -> [Double] {
            compiled?.evaluate(columns: data.columns) ?? [Double](repeating: .nan, count: data.count)
        }
        let trainPredictions = predictions(train)
        trainRMSE = train.rmse(predictions: trainPredictions)
        trainR2 = train.rSquared(predictions: trainPredictions)
        hasTestData = test != nil
        if let test {
            let testPredictions = predictions(test)
            testRMSE = test.rmse(predictions: testPredictions)
            testR2 = test.rSquared(predictions: testPredictions)
        }
    }

    /// The plain-text form, which `Expr(parsing:)` reads back.
    public var text: String { TextPrinter().print(expression) }
    public var latex: String { LatexPrinter().print(expression) }
    /// SymPy syntax (`x**2`, `sqrt(x)`, `pi`).
    public var sympy: String { SympyPrinter().print(expression) }

    /// The R² reported as `r2`: on the test data when there is some, else on the training data.
    public var r2: Double? { hasTestData ? testR2 : trainR2 }

    /// The JSON fields: `formula` (SymPy syntax), `latex`, `text`, `complexity`, `train_rmse`,
    /// `test_rmse`, `r2`, `seconds` (the caller's timing); non-finite or missing numbers null.
    public func jsonObject(seconds: Double) -> [String: Any] {
        func number(_ value: Double?) -> Any {
            guard let value, value.isFinite else { return NSNull() }
            return value
        }
        return [
            "formula": sympy, "latex": latex, "text": text, "complexity": complexity,
            "train_rmse": number(trainRMSE), "test_rmse": number(testRMSE), "r2": number(r2),
            "seconds": number(seconds),
        ]
    }

    /// One JSON object on one line, keys sorted (stable output), strings escaped by
    /// `JSONSerialization`.
    public func json(seconds: Double) -> String {
        Self.json(jsonObject(seconds: seconds))
    }

    /// `object` as one line of JSON, keys sorted; `{}` if it cannot be serialised.
    static func json(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]),
              let text = String(data: data, encoding: .utf8)
        else { return "{}" }
        return text
    }
}

extension Rationalization.Outcome {
    /// The report of the final formula on the training and (optional) test data.
    public func report(train: FormulaData, test: FormulaData? = nil) -> FormulaReport {
        FormulaReport(expression: expression, variables: formula.variables, train: train, test: test)
    }
}
