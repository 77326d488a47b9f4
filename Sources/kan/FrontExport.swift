import Discovery
import FileIO
import Foundation
import Table

/// The Pareto front of a `kan discover` run as data: one JSON document, or CSV, like
/// PySR's `equations_` table.
///
/// Each row is a formula of the front, simplest first, with its complexity, its
/// validation and training RMSE, whether it is the chosen one, where it came from, and the
/// formula in every format (text, LaTeX, SymPy). The JSON document also holds the chosen
/// formula's fields at its top level (`formula`, `latex`, `text`, `complexity`, `train_rmse`,
/// `test_rmse`, `r2`, `seconds`, `exact`, `noise`, `origin`: the command-line contract), the
/// variables and the target, so a script reads one object whatever it wants.
struct FrontExport {
    var result: DiscoverResult
    var variables: [String]
    var target: String

    /// The columns of the CSV form, in order (and the keys of each JSON row).
    static let columns = ["complexity", "validation_rmse", "train_rmse", "chosen", "text", "latex", "sympy", "origin"]

    struct Row {
        var complexity: Int
        var validationRMSE: Double
        var trainRMSE: Double
        var chosen: Bool
        var text: String
        var latex: String
        var sympy: String
        var origin: String
    }

    var rows: [Row] {
        result.front.map { point in
            let expression = point.expression
            return Row(complexity: point.complexity, validationRMSE: point.validationRMSE, trainRMSE: point.trainRMSE,
                       chosen: point.formula == result.chosen.formula, text: expression.text,
                       latex: expression.latex, sympy: expression.sympy, origin: point.origin)
        }
    }

    /// The whole run as one JSON object on one line, keys sorted.
    var json: String {
        var object = result.jsonObject
        object["variables"] = variables
        object["target"] = target
        object["front"] = rows.map { row -> [String: Any] in
            ["complexity": row.complexity, "validation_rmse": Self.number(row.validationRMSE),
             "train_rmse": Self.number(row.trainRMSE), "chosen": row.chosen, "text": row.text,
             "latex": row.latex, "sympy": row.sympy, "origin": row.origin]
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]),
              let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text
    }

    /// The front as CSV: a header of `columns`, one line per formula; cells quoted as
    /// RFC 4180 asks when they hold a comma, a quote or a line break; errors in shortest
    /// round-trip form, `nan` or `inf` when not finite.
    var csv: String {
        var lines = [Self.columns.joined(separator: ",")]
        for row in rows {
            let cells = ["\(row.complexity)", "\(row.validationRMSE)", "\(row.trainRMSE)", row.chosen ? "true" : "false",
                         row.text, row.latex, row.sympy, row.origin]
            lines.append(cells.map(Self.csvCell).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the front to `path`: JSON when the name ends in `.json`, else CSV; atomically
    /// (a reader never sees half a file), through FileIO's one writer.
    func write(toPath path: String) throws(FileWriteError) {
        let text = path.lowercased().hasSuffix(".json") ? json + "\n" : csv
        try writeAtomically(Array(text.utf8), toPath: path)
    }

    private static func number(_ value: Double) -> Any { value.isFinite ? value : NSNull() }

    private static func csvCell(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
