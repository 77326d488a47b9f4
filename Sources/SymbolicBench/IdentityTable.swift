// The identity table of issue 15 (Tests/SymbolicTests/Data/identities.txt), timed:
// `symbolic-bench --table FILE` simplifies (or factors, or decomposes in partial fractions,
// as the row says) every row's input (best of a few runs) and
// prints one tab-separated line per row; `symbolic-bench --complexity` reads one
// expression a line (SymPy's results, in the text or SymPy syntax) and prints kan's
// complexity of each, so that both are measured alike. `scripts/bench-symbolic --sympy`
// puts the two side by side.
import Foundation
import Symbolic

/// The rows of the identity table at `path` (`IdentityTableRow`); none if it cannot be read.
func readIdentityTable(_ path: String) -> [IdentityTableRow] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    return IdentityTableRow.rows(of: text)
}

/// Prints `line, seconds, input complexity, result complexity, matches expected, result`
/// for every row, tab-separated, and the total time on standard error.
func benchIdentityTable(_ path: String, repetitions: Int) -> Int32 {
    let rows = readIdentityTable(path)
    guard !rows.isEmpty else {
        FileHandle.standardError.write(Data("no rows in \(path)\n".utf8))
        return 1
    }
    var total = 0.0
    for row in rows {
        guard let input = try? Expr(parsing: row.input), let expected = try? Expr(parsing: row.expected) else {
            print("\(row.line)\tnan\t0\t0\tfalse\tparse error")
            continue
        }
        let (time, result) = measure(repetitions: repetitions) { row.apply(to: input) ?? .undefined }
        total += time
        print("\(row.line)\t\(time)\t\(input.complexity)\t\(result.complexity)\t\(result == expected)\t\(result.text)")
    }
    FileHandle.standardError.write(Data("kan total: \(format(total * 1e3, 3)) ms over \(rows.count) rows\n".utf8))
    return 0
}

/// Prints kan's complexity of each expression read from standard input, one a line
/// (-1 for a line that does not parse).
func printComplexities() -> Int32 {
    while let line = readLine() {
        if let e = try? Expr(parsing: line) { print(e.complexity) } else { print(-1) }
    }
    return 0
}
