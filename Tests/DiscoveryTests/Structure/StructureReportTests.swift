@testable import Discovery
import Foundation
import Symbolic
import Testing

/// The structure tests on surrogate networks trained on data (the chain the KanLang builtin
/// `structure` and `discover` use).
@Suite struct StructureReportTests {
    func report(_ f: ([Double]) -> Double, ranges: [ClosedRange<Double>]) throws -> StructureReport {
        let data = table(f, ranges: ranges, count: 600, seed: 4)
        return try #require(StructureReport.analyse(columns: data.columns, names: data.names, target: data.target))
    }

    @Test func aSumOfTwoLawsSplitsAdditivelyNotMultiplicatively() throws {
        let found = try report({ $0[0] * $0[1] + sin($0[2] - $0[3]) }, ranges: [1...2, 1...2, 1...3, 1...3])
        #expect(found.additive == [["x1", "x2"], ["x3", "x4"]])
        #expect(found.multiplicative == [["x1", "x2", "x3", "x4"]])
        #expect(found.merges.contains(try Expr(parsing: "x3 - x4")), "\(found.merges)")
    }

    @Test func aProductSplitsMultiplicativelyAndReduces() throws {
        let found = try report({ $0[0] * exp(-$0[1] * $0[2] / $0[3]) }, ranges: [1...2, 1...2, 1...2, 1...2])
        #expect(found.multiplicative == [["x1"], ["x2", "x3", "x4"]])
        #expect(found.additive == [["x1", "x2", "x3", "x4"]])
        #expect(found.reduction == "y = x1*F(u), u = x2*x3/x4")
    }

    @Test func noFalseProductSplitOnASum() throws {
        // x1·x2 + x3: additive in {x1, x2} and {x3}; no product of a function of x3 and one of
        // the others.
        let found = try report({ $0[0] * $0[1] + $0[2] }, ranges: [1...2, 1...2, 1...2])
        #expect(found.additive == [["x1", "x2"], ["x3"]])
        #expect(found.multiplicative == [["x1", "x2", "x3"]])
    }
}

/// The outer-function test y = F(g(x_A) + h(x_B) + …) and the transforms T with T(y) a sum
/// (`OuterSeparability`, `SurrogateSplit.holds`), where they must hold and where they must not.
@Suite struct OuterFunctionTests {
    func report(_ f: ([Double]) -> Double, ranges: [ClosedRange<Double>]) throws -> StructureReport {
        try StructureReportTests().report(f, ranges: ranges)
    }

    @Test func aRootOfASumOfSquaresIsAnOuterFunctionOfThreeGroups() throws {
        let found = try report({ ($0[0] * $0[0] + $0[1] * $0[1] + $0[2] * $0[2]).squareRoot() }, ranges: [1...3, 1...3, 1...3])
        #expect(found.outer == [["x1"], ["x2"], ["x3"]])
        #expect(found.transforms == ["y^2"])
        #expect(found.additive == [["x1", "x2", "x3"]])
    }

    @Test func aParallelResistanceIsTheReciprocalOfASum() throws {
        let found = try report({ 1 / (1 / $0[0] + 1 / $0[1] + 1 / $0[2]) }, ranges: [1...3, 1...3, 1...3])
        #expect(found.outer == [["x1"], ["x2"], ["x3"]])
        #expect(found.transforms == ["1/y"])
    }

    @Test func aSineOfASumHasGroupsButNoUsualTransform() throws {
        // sin(x1 + x2·x3) over several periods: F = sin is not invertible there.
        let found = try report({ sin($0[0] + $0[1] * $0[2]) }, ranges: [1...3, 1...3, 1...3])
        #expect(found.outer == [["x1"], ["x2", "x3"]])
        #expect(found.transforms.isEmpty, "\(found.transforms)")
    }

    @Test func noOuterSplitWhereTheInputsMix() throws {
        // x1·x2 + x2·x3 couples all three inputs through x2 under any F.
        let found = try report({ $0[0] * $0[1] + $0[1] * $0[2] + $0[0] * $0[2] }, ranges: [1...2, 1...2, 1...2])
        #expect(found.outer == [["x1", "x2", "x3"]])
        #expect(found.transforms.isEmpty)
    }
}
