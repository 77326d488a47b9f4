import Foundation

/// The Pareto front of a `discover` run as a table, simplest first: complexity, validation
/// RMSE and formula, the chosen row marked `*`. The one printer of the front: `kan discover`
/// prints it before its formula (`DiscoverResult.description`), KanLang's `pareto` prints it
/// for a formula `discover` returned.
///
///     complexity  validation RMSE  formula
///      3          1.204e-01        x1
///     *7          3.118e-16        x2^2 + 2*x1
public struct ParetoTable: Sendable, CustomStringConvertible {
    public struct Row: Sendable {
        public var complexity: Int
        public var validationRMSE: Double
        /// The formula as printed (`TextPrinter`).
        public var formula: String
        public var isChosen: Bool

        public init(complexity: Int, validationRMSE: Double, formula: String, isChosen: Bool) {
            self.complexity = complexity
            self.validationRMSE = validationRMSE
            self.formula = formula
            self.isChosen = isChosen
        }
    }

    public var rows: [Row]

    public init(_ rows: [Row]) {
        self.rows = rows
    }

    /// The header, then one line per row.
    public var lines: [String] {
        ["complexity  validation RMSE  formula"] + rows.map { row in
            let complexity = "\(row.complexity)".padding(toLength: 10, withPad: " ", startingAt: 0)
            return "\(row.isChosen ? "*" : " ")\(complexity)  \(String(format: "%-15.3e", row.validationRMSE))  \(row.formula)"
        }
    }

    public var description: String { lines.joined(separator: "\n") }
}

extension DiscoverResult {
    /// The front as a `ParetoTable`, the chosen formula marked.
    public var paretoTable: ParetoTable {
        ParetoTable(front.map { point in
            ParetoTable.Row(complexity: point.complexity, validationRMSE: point.validationRMSE, formula: point.text,
                            isChosen: point.formula == chosen.formula)
        })
    }
}
