@testable import Discovery
import Exact
import Foundation
import Symbolic
import Testing

/// Exact gradients of a known law at random points, with a gradient error as a surrogate with
/// relative error `error` would have.
func exactGradients(
    _ f: ([Double]) -> Double, ranges: [ClosedRange<Double>], error: Double = 1e-3, count: Int = 400, seed: UInt64 = 7
) -> InputGradients {
    let data = table(f, ranges: ranges, count: count, seed: seed)
    let rows = data.target.indices.map { k in data.columns.map { $0[k] } }
    let gradients = ranges.indices.map { i in
        rows.map { row -> Double in
            // Central differences of the exact law: accurate to ~1e-10 relative.
            let h = 1e-5 * Swift.max(Swift.abs(row[i]), 1)
            var plus = row, minus = row
            plus[i] += h
            minus[i] -= h
            return (f(plus) - f(minus)) / (2 * h)
        }
    }
    return InputGradients(
        columns: data.columns, values: data.target, gradients: gradients,
        gradientErrors: Array(repeating: error, count: ranges.count), error: 0)
}

@Suite struct StructureTestsTests {
    @Test func aDifferenceMergesIntoOneInput() {
        // sin(x1 − x2) + x3: ∂₂y/∂₁y = −1 everywhere.
        let g = exactGradients({ sin($0[0] - $0[1]) * $0[2] }, ranges: [1...5, 1...5, 1...5])
        let merges = StructureTests.merges(g).map(\.merge)
        #expect(merges.contains(VariableMerge(kind: .sum, first: 0, second: 1, a: 1, b: -1)), "\(merges)")
        #expect(!merges.contains { [$0.first, $0.second].contains(2) }, "\(merges)")
    }

    @Test func aProductMergesAndASumDoesNot() {
        // exp(−x1·x2/x3) merges every pair as a monomial; x1x2 + x2x3 + x1x3 merges none
        // (while x1·x2 + x3 does merge x1 and x2, correctly).
        let merged = StructureTests.merges(exactGradients({ exp(-$0[0] * $0[1] / $0[2]) }, ranges: [1...2, 1...2, 1...2]))
            .map(\.merge)
        #expect(merged.contains(VariableMerge(kind: .product, first: 0, second: 1, a: 1, b: 1)), "\(merged)")
        #expect(merged.contains(VariableMerge(kind: .product, first: 0, second: 2, a: 1, b: -1)), "\(merged)")
        let separate = StructureTests.merges(exactGradients(
            { $0[0] * $0[1] + $0[1] * $0[2] + $0[0] * $0[2] }, ranges: [1...5, 1...5, 1...5]))
        #expect(separate.isEmpty, "\(separate.map(\.merge))")
    }

    @Test func aGradientTooUncertainTestsNothing() {
        // With gradients known only to 50 %, a constant ratio cannot be told from a varying one.
        let g = exactGradients({ $0[0] * $0[1] + $0[2] }, ranges: [1...5, 1...5, 1...5], error: 0.5)
        #expect(StructureTests.merges(g).isEmpty)
    }

    @Test func aLawOfOneMonomialArgumentReducesToOneInput() throws {
        // x1·tanh(x2·x3/x4) = P·F(m) with P = x1, m = x2·x3/x4.
        let g = exactGradients({ $0[0] * tanh($0[1] * $0[2] / $0[3]) }, ranges: [1...5, 1...5, 1...5, 1...5])
        let reduction = try #require(MonomialReduction.detect(g))
        #expect(reduction.argument == [0, 1, 1, -1].map { Rational($0) })
        #expect(reduction.prefactor == [1, 0, 0, 0].map { Rational($0) })
    }

    @Test func thePrefactorIsTheSimplestOnTheLineNotOneEndOfIt() throws {
        // Under 2x1(1 − cos x2x3) the argument is b = (0, 1, 1) and the mean elasticities of x2
        // and x3 agree only to the surrogate's error: x1 alone lies on the line through them,
        // closer than x1·√x3 or x1/√x2 (what leaving out one input of the argument gives).
        let prefactor = MonomialReduction.simplestPrefactor(
            mean: [1.02, 2.3, 2.6], argument: [0, 1, 1].map { Rational($0) }, tolerance: 0.3)
        #expect(prefactor == [1, 0, 0].map { Rational($0) })
        // Within a tight tolerance the mean is too far off that line: no prefactor then.
        #expect(MonomialReduction.simplestPrefactor(
            mean: [1.02, 2.3, 2.6], argument: [0, 1, 1].map { Rational($0) }, tolerance: 0.01) == nil)
        // x1·x2^(3/2)·F(x2·x3²) is x1·x3⁻³·G(x2·x3²) as well: the smaller exponents are kept.
        #expect(MonomialReduction.simplestPrefactor(
            mean: [1, 1.5 + 0.7, 1.4], argument: [0, 1, 2].map { Rational($0) }, tolerance: 0.01)
            == [Rational(1), try Rational(3, 2), Rational(0)])
    }

    @Test func sumsAndPowerLawsDoNotReduce() {
        // x1x2 + x2x3 + x1x3 has no monomial argument (x1·x2 + x3 = x3·(x1x2/x3 + 1) has);
        // x1²·x2 is a power law (no F to find).
        #expect(MonomialReduction.detect(exactGradients(
            { $0[0] * $0[1] + $0[1] * $0[2] + $0[0] * $0[2] }, ranges: [1...5, 1...5, 1...5])) == nil)
        #expect(MonomialReduction.detect(exactGradients({ $0[0] * $0[0] * $0[1] }, ranges: [1...5, 1...5])) == nil)
    }

    @Test func aDecompositionReducesTheDataAndLiftsFormulasBack() throws {
        let names = ["x1", "x2", "x3"]
        let merge = VariableMerge(kind: .sum, first: 1, second: 2, a: 1, b: -1)
        let decomposition = Decomposition.merging([merge], names: names)
        #expect(decomposition.names == ["x1", "u"])
        let data = FormulaData(columns: [[1, 2], [5, 4], [2, 3]], target: [3, -2])
        let reduced = try #require(decomposition.reduce(data, variables: names))
        #expect(reduced.columns == [[1, 2], [3, 1]])
        let formula = ParametricFormula(
            expression: try Expr(parsing: "x1*u"), variables: decomposition.names, parameterNames: [], parameterValues: [])
        #expect(decomposition.lift(formula, variables: names).expression == (try Expr(parsing: "x1*(x2 - x3)")))
    }

    @Test func aReductionDividesByItsPrefactor() throws {
        let reduction = MonomialReduction(prefactor: [1, 0].map { Rational($0) }, argument: [0, 2].map { Rational($0) })
        let decomposition = Decomposition.reducing(reduction, names: ["x1", "x2"])
        let reduced = try #require(decomposition.reduce(
            FormulaData(columns: [[2, 4], [3, 1]], target: [8, 2]), variables: ["x1", "x2"]))
        #expect(reduced.columns == [[9, 1]])
        #expect(reduced.target == [4, 0.5])
    }
}

/// A surrogate that splits two inputs both in a sum and in a product cannot read their
/// interaction (no function of two inputs it depends on is both), and its splits are not tried.
@Suite struct UnreadableSurrogateTests {
    let gradients = exactGradients({ $0[0] * cos($0[1] * $0[2]) }, ranges: [1...3, 1...3, 1...3])

    @Test func splittingRelevantInputsBothWaysIsUnreadable() {
        let everything = Separability(additive: [[0], [1], [2]], multiplicative: [[0], [1], [2]])
        #expect(everything.cannotRead(gradients))
    }

    @Test func aProductSplitAloneIsRead() {
        let product = Separability(additive: [[0, 1, 2]], multiplicative: [[0], [1, 2]])
        #expect(!product.cannotRead(gradients))
    }

    /// An input y does not depend on (its gradient all error) splits off both ways honestly.
    @Test func anIrrelevantInputMaySplitBothWays() {
        var vague = gradients
        vague.gradientErrors[1] = 2
        vague.gradientErrors[2] = 2
        let split = Separability(additive: [[0], [1, 2]], multiplicative: [[0], [1, 2]])
        #expect(!split.cannotRead(vague))
    }
}
