import Discovery
import Foundation
import Symbolic
import Testing

/// A table of `count` uniform samples of `f` over the given ranges.
func table(
    _ f: ([Double]) -> Double, ranges: [ClosedRange<Double>], count: Int = 1000, seed: UInt64 = 3
) -> (columns: [[Double]], names: [String], target: [Double]) {
    var generator = SeededGenerator(seed: seed)
    let rows = (0..<count).map { _ in ranges.map { Double.random(in: $0, using: &generator) } }
    let columns = ranges.indices.map { i in rows.map { $0[i] } }
    return (columns, ranges.indices.map { "x\($0 + 1)" }, rows.map(f))
}

@Suite(.serialized) struct DiscoverTests {
    let x1 = Expr.symbol("x1"), x2 = Expr.symbol("x2")

    @Test func recoversTheProductExactly() throws {
        let data = table({ $0[0] * $0[1] }, ranges: [-1...1, -1...1])
        let result = try discover(train: data)
        #expect(result.chosen.formula.parameterCount == 0, "\(result.chosen.formula.expression)")
        #expect(result.chosen.formula.expression.simplified() == x1 * x2)
        #expect(result.validationRMSE < 1e-9)
        #expect(result.report.text == "x1*x2")
        #expect(!result.front.isEmpty)
    }

    @Test func recoversHelloExactly() throws {
        let data = table({ exp(sin(.pi * $0[0]) + $0[1] * $0[1]) }, ranges: [-1...1, -1...1])
        let result = try discover(train: data)
        #expect(result.chosen.formula.expression.simplified() == Expr.exp(Expr.sin(.pi * x1) + x2 * x2),
                "\(result.chosen.formula.expression) from \(result.chosen.origin)")
        #expect(result.validationR2 > 1 - 1e-12)
    }

    @Test func oneInputIsNotPrunedToAConstant() throws {
        let data = table({ $0[0] * $0[0] + 1 }, ranges: [-1...1], count: 300)
        let result = try discover(train: data)
        #expect(result.validationR2 > 1 - 1e-9, "\(result)")
        #expect(result.report.expression.contains(symbol: "x1"))
    }

    @Test func rejectsMalformedTables() {
        #expect(throws: DiscoverError.self) {
            try discover(train: (columns: [[1, 2, 3]], names: ["a", "b"], target: [1, 2, 3]))
        }
        #expect(throws: DiscoverError.self) {
            try discover(train: (columns: [[Double](repeating: .nan, count: 20)], names: ["a"],
                                 target: [Double](repeating: 0, count: 20)))
        }
    }

    @Test func stopsWhenAsked() throws {
        let data = table({ $0[0] + $0[1] }, ranges: [-1...1, -1...1], count: 200)
        #expect(throws: DiscoverError.noFormula) {
            try discover(train: data, shouldStop: { true })
        }
    }
}
