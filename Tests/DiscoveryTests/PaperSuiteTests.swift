import Discovery
import Foundation
import Symbolic
import Testing

/// The `exact` rows of `suites/paper.tsv`, run through `discover`: each must find its formula
/// exactly (no fitted constants, equal after simplification). The result is printed too.
/// Long: enabled only with `KAN_PAPER_SUITE=1`.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["KAN_PAPER_SUITE"] != nil))
struct PaperSuiteTests {
    static let rows: [(name: String, expected: String, ranges: [ClosedRange<Double>], f: @Sendable ([Double]) -> Double)] = [
        ("hello", "exp(sin(pi*x1) + x2^2)", [-1...1, -1...1], { exp(sin(.pi * $0[0]) + $0[1] * $0[1]) }),
        ("product", "x1*x2", [-1...1, -1...1], { $0[0] * $0[1] }),
        ("quotient", "x1/x2", [-1...1, 0.5...2], { $0[0] / $0[1] }),
        ("veladd", "(x1 + x2)/(1 + x1*x2)", [-0.9...0.9, -0.9...0.9], { ($0[0] + $0[1]) / (1 + $0[0] * $0[1]) }),
        ("four_d", "exp((sin(pi*(x1^2 + x2^2)) + sin(pi*(x3^2 + x4^2)))/2)", [-1...1, -1...1, -1...1, -1...1],
         { exp((sin(.pi * ($0[0] * $0[0] + $0[1] * $0[1])) + sin(.pi * ($0[2] * $0[2] + $0[3] * $0[3]))) / 2) }),
    ]

    @Test(arguments: rows.indices)
    func row(_ index: Int) throws {
        let row = Self.rows[index]
        let data = table(row.f, ranges: row.ranges)
        let progress: @Sendable (DiscoverProgress) -> Void = { print(String(format: "  %.2f s ", $0.seconds) + $0.message) }
        let result = try discover(train: data, progress: progress)
        let expected = try Expr(parsing: row.expected).simplified()
        let found = result.chosen.formula.expression.simplified()
        let exact = result.chosen.formula.parameterCount == 0 && found == expected
        var lines = ["PAPER \(row.name): \(exact ? "EXACT" : "not exact") in \(String(format: "%.2f", result.seconds)) s: \(found) (validation RMSE \(result.validationRMSE), from \(result.chosen.origin))"]
        lines.append(result.description)
        print(lines.joined(separator: "\n"))
        #expect(exact, "\(row.name): found \(found), expected \(expected)")
    }
}
