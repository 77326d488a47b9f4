@testable import Discovery
import Foundation
import Symbolic
import Testing

@Suite struct PowerLawSearchTests {
    /// `discover` with the direct stages only (no network, no decomposition).
    func powerLawsOnly(_ f: ([Double]) -> Double, ranges: [ClosedRange<Double>]) throws -> DiscoverResult {
        let data = table(f, ranges: ranges, count: 600, seed: 5)
        var options = DiscoverOptions()
        options.stages = [.powerLaws, .sparseSums, .ratios, .rationalisation]
        return try discover(train: data, options: options)
    }

    @Test func recoversAProductOfThreeExactly() throws {
        let result = try powerLawsOnly({ $0[0] * $0[1] * $0[2] }, ranges: [0...1, 0...1, -1...1])
        #expect(result.report.expression == (try Expr(parsing: "x1*x2*x3")), "\(result.report.text)")
    }

    @Test func recoversCoulombsLawWithItsConstant() throws {
        // x1/(4π·x2·x3²): inputs of both signs, a π in the constant.
        let result = try powerLawsOnly(
            { $0[0] / (4 * Double.pi * $0[1] * $0[2] * $0[2]) }, ranges: [-1...1, 0.5...2, 0.5...2])
        #expect(result.report.expression == (try Expr(parsing: "x1/(4*pi*x2*x3^2)")), "\(result.report.text)")
    }

    @Test func recoversSquareRootsOfPositiveInputs() throws {
        let result = try powerLawsOnly(
            { ($0[0] * $0[1] / $0[2]).squareRoot() }, ranges: [0.1...1, 0.1...1, 0.5...2])
        #expect(result.report.expression == (try Expr(parsing: "sqrt(x1*x2/x3)")), "\(result.report.text)")
    }

    @Test func findsTheExponentsThroughNoise() throws {
        let f: ([Double]) -> Double = { 2.5 * $0[0] / $0[1] }
        let data = table(f, ranges: [0...1, 0.5...2], count: 600, seed: 5)
        var generator = SeededGenerator(seed: 9)
        let noisy = FormulaData(columns: data.columns, target: data.target.map { $0 + 0.01 * generator.normal() })
        let scoring = ScoringData(train: noisy, validation: noisy, errorFloor: 1e-12, complexityWeight: 0.05)
        let exponents = try #require(PowerLawSearch(variables: data.names, data: scoring).fittedExponents())
        #expect(exponents.map { Int(($0 * 2).rounded()) } == [2, -2], "\(exponents)")
        let best = try #require(PowerLawSearch(variables: data.names, data: scoring).run().min { $0.score < $1.score })
        #expect(best.formula.expression == ParametricFormula.parameter(0) * Expr.symbol("x1") / Expr.symbol("x2"))
    }

    @Test func proposesNothingExactForOtherLaws() throws {
        let data = table({ sin($0[0]) + $0[1] }, ranges: [-1...1, 0.5...2], count: 400, seed: 5)
        let target = FormulaData(columns: data.columns, target: data.target)
        let scoring = ScoringData(train: target, validation: target, errorFloor: 1e-12, complexityWeight: 0.05)
        let found = PowerLawSearch(variables: data.names, data: scoring).run()
        #expect(found.allSatisfy { $0.validationRMSE > 1e-3 })
    }

    @Test func findsTheCleanFactorOfAProduct() throws {
        // x1·x2·sin(x3): the exponents of x1 and x2 are 1, that of x3 is not clean.
        let data = table({ $0[0] * $0[1] * sin($0[2]) }, ranges: [-1...1, 0.5...2, 0.1...3], count: 600, seed: 5)
        let target = FormulaData(columns: data.columns, target: data.target)
        let scoring = ScoringData(train: target, validation: target, errorFloor: 1e-12, complexityWeight: 0.05)
        let factor = try #require(PowerLawSearch(variables: data.names, data: scoring).cleanFactor())
        #expect(factor.halves == [2, 2, 0])
        #expect(factor.expression == Expr.symbol("x1") * Expr.symbol("x2"))
        let quotient = try #require(factor.dividing(target, variables: data.names))
        for s in 0..<quotient.count {
            #expect(Swift.abs(quotient.target[s] - sin(data.columns[2][s])) <= 1e-12)
        }
        // y/M says nothing where M is 0.
        let withZero = FormulaData(columns: [[0, 1], [1, 1], [1, 1]], target: [0, 1])
        #expect(factor.dividing(withZero, variables: data.names) == nil)
    }

    @Test func recoversAMonomialTimesAFunction() throws {
        let data = table({ $0[0] * $0[1] * sin($0[2]) }, ranges: [-1...1, 0.5...2, 0.1...3], count: 1000, seed: 5)
        let result = try discover(train: data)
        #expect(result.report.expression == (try Expr(parsing: "x1*x2*sin(x3)")), "\(result.report.text)")
    }

    @Test func skipsTablesWithoutUsableSamples() {
        let zeros = FormulaData(columns: [[Double](repeating: 0, count: 50)], target: [Double](repeating: 1, count: 50))
        let scoring = ScoringData(train: zeros, validation: zeros, errorFloor: 1e-12, complexityWeight: 0.05)
        #expect(PowerLawSearch(variables: ["x"], data: scoring).run().isEmpty)
    }
}
