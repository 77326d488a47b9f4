import Foundation

/// A table of identities that `simplify` must know, one row a line:
///
///     input | expected simplest form | positive: x y
///     input | expected factored form | factor
///     input | expected partial fractions | apart: x
///
/// (the third field optional: names declared positive, or the operation the row is about
/// instead of `simplify`: `factor`, or `apart` in a variable), `#` starting a comment line. The
/// simplifier's proof (`Tests/SymbolicTests/Data/identities.txt`, checked by the tests) and
/// its side-by-side bench against SymPy (`scripts/bench-symbolic --sympy`) read the same
/// table, so that what is measured is what is proved.
public struct IdentityTableRow: Sendable, Hashable, CustomStringConvertible {
    /// The row's line in the table, from 1.
    public var line: Int
    public var input: String
    public var expected: String
    /// The names the row declares positive.
    public var positive: [String]
    /// What the row checks.
    public var operation: Operation = .simplify

    /// The operation a row is about.
    public enum Operation: Sendable, Hashable {
        /// `simplified(assuming:)`.
        case simplify
        /// `factored()`.
        case factor
        /// `apart(in:)` the named variable.
        case apart(String)
    }

    /// The row's operation applied to `input`, nil when it does not apply (`apart` of a
    /// non-rational function).
    public func apply(to input: Expr) -> Expr? {
        switch operation {
        case .simplify: return input.simplified(assuming: .positive(positive))
        case .factor: return input.factored()
        case .apart(let variable): return input.apart(in: variable)
        }
    }

    public var description: String { "line \(line): \(input)" }

    /// The rows of a table's text; malformed lines (fewer than two fields) are skipped.
    public static func rows(of text: String) -> [IdentityTableRow] {
        var rows: [IdentityTableRow] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 2 else { continue }
            var positive: [String] = []
            var operation = Operation.simplify
            if fields.count >= 3 {
                if fields[2].hasPrefix("positive:") {
                    positive = fields[2].dropFirst("positive:".count).split(separator: " ").map(String.init)
                } else if fields[2] == "factor" {
                    operation = .factor
                } else if fields[2].hasPrefix("apart:") {
                    operation = .apart(fields[2].dropFirst("apart:".count).trimmingCharacters(in: .whitespaces))
                }
            }
            rows.append(IdentityTableRow(line: number + 1, input: fields[0], expected: fields[1], positive: positive,
                                         operation: operation))
        }
        return rows
    }
}
