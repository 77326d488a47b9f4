@testable import Discovery
import Foundation
import Symbolic
import Testing

@Suite struct SparseRationalSearchTests {
    @Test func recoversARelativisticVelocitySum() throws {
        // I.16.6: y·(1 + x₁x₂x₃⁻²) = x₁ + x₂.
        let result = try withoutNetworks(
            { ($0[0] + $0[1]) / (1 + $0[0] * $0[1] / ($0[2] * $0[2])) }, ranges: [-0.8...0.8, -0.8...0.8, 1...2])
        #expect(result.report.expression == (try Expr(parsing: "(x1 + x2)/(1 + x1*x2/x3^2)")), "\(result.report.text)")
        #expect(result.chosen.origin.hasPrefix("sparse ratio y·("), "\(result.chosen.origin)")
    }

    /// On [1, 5]³ the ratio's columns explain y only together, and the joint search misses
    /// them; the denominator-first search (y·x₂x₃x₁⁻² forced) finds the numerator.
    @Test func recoversARelativisticVelocitySumOnFeynmansRanges() throws {
        let result = try withoutNetworks(
            { ($0[1] + $0[2]) / (1 + $0[1] * $0[2] / ($0[0] * $0[0])) }, ranges: [1...5, 1...5, 1...5])
        #expect(result.report.expression == (try Expr(parsing: "(x2 + x3)/(1 + x2*x3/x1^2)")), "\(result.report.text)")
        #expect(result.chosen.origin.hasPrefix("sparse ratio y·("), "\(result.chosen.origin)")
    }

    /// N-slit interference, I.30.3: x₁·sin²(x₂x₃/2)/sin²(x₂/2) is y·(1 − cos x₂) = x₁ − x₁·cos x₂x₃,
    /// a ratio of the wave in x₂x₃ (found by its periodogram) over an oscillation of x₂.
    @Test func recoversARatioOfOscillations() throws {
        let law = { (x: [Double]) -> Double in
            let a = sin(x[1] * x[2] / 2), b = sin(x[1] / 2)
            return x[0] * a * a / (b * b)
        }
        let result = try withoutNetworks(law, ranges: [1...5, 1...5, 1...5])
        #expect(result.chosen.origin.hasPrefix("sparse ratio"), "\(result.chosen.origin)")
        #expect(result.verdict == .exact, "\(result.report.text)")
        let truth = try Expr(parsing: "x1*(1 - cos(x2*x3))/(1 - cos(x2))")
        let found = try result.report.expression.compile(variables: ["x1", "x2", "x3"])
        let expected = try truth.compile(variables: ["x1", "x2", "x3"])
        let probe = table(law, ranges: [1...5, 1...5, 1...5], count: 50, seed: 9)
        var a: [Double] = [], b: [Double] = []
        found.evaluate(columns: probe.columns, into: &a)
        expected.evaluate(columns: probe.columns, into: &b)
        for (u, v) in zip(a, b) { #expect(close(u, v, 1e-9), "\(result.report.text)") }
        #expect(!result.report.text.contains("."), "unsnapped constants: \(result.report.text)")
    }

    @Test func recoversARatioUnderASquareRoot() throws {
        // I.34.14: (y/x₁)²·(1 − x₂x₃⁻¹) = 1 + x₂x₃⁻¹.
        let law = { (x: [Double]) in x[0] * (1 + x[1] / x[2]) / (1 - x[1] * x[1] / (x[2] * x[2])).squareRoot() }
        let result = try withoutNetworks(law, ranges: [0...1, -0.9...0.9, 1.1...2])
        #expect(result.chosen.origin.hasPrefix("sparse ratio"), "\(result.chosen.origin)")
        let found = try result.report.expression.compile(variables: ["x1", "x2", "x3"])
        let probe = table(law, ranges: [0...1, -0.9...0.9, 1.1...2], count: 50, seed: 9)
        var output: [Double] = []
        found.evaluate(columns: probe.columns, into: &output)
        for (a, b) in zip(output, probe.target) { #expect(close(a, b, 1e-9), "\(result.report.text)") }
        #expect(!result.report.text.contains("."), "unsnapped constants: \(result.report.text)")
    }

    /// Under T = y² the root is split, √N/√Q: once snapped, 1/√(1 − x₂²/x₃²) prints as it
    /// is, where √(1/(1 − x₂²/x₃²)) came out as √(−1/(x₂²/x₃² − 1)) (and SymPy could not
    /// prove it equal to the law).
    @Test func splitsTheSquareRootOfARatio() throws {
        let (data, names) = scoring(
            { $0[0] / (1 - $0[1] * $0[1] / ($0[2] * $0[2])).squareRoot() }, ranges: [1...5, 0...0.9, 1...2])
        let results = SparseRationalSearch(variables: names, data: data).run()
        let best = try #require(results.min { $0.validationRMSE < $1.validationRMSE })
        #expect(best.validationRMSE < 1e-9, "\(best.formula.expression)")
        #expect(best.formula.expression.description.contains("/sqrt("), "\(best.formula.expression)")
        let exact = try #require(Rationalization().rationalize(best.formula, train: data.train, validation: data.validation))
        #expect(exact.expression == (try Expr(parsing: "x1/sqrt(1 - x2^2/x3^2)")), "\(exact.expression)")
    }

    @Test func findsTheNumeratorAndDenominator() throws {
        let (data, names) = scoring(
            { ($0[0] + $0[1]) / (1 + $0[0] * $0[1] / ($0[2] * $0[2])) }, ranges: [-0.8...0.8, -0.8...0.8, 1...2])
        let candidates = SparseRationalSearch(variables: names, data: data).exactSupports()
        let plain = try #require(candidates.first { $0.transform == .identity && $0.prefactor.halves == [0, 0, 0] })
        #expect(plain.numerator.count == 2 && plain.denominator.count == 1)
        for (term, c) in plain.numerator {
            #expect([SparseTerm.monomial(halves: [2, 0, 0]), .monomial(halves: [0, 2, 0])].contains(term))
            #expect(close(c, 1, 1e-9), "\(term): \(c)")
        }
        #expect(plain.denominator.first?.term == .monomial(halves: [2, 2, -4]))
        #expect(close(plain.denominator.first?.coefficient ?? .nan, 1, 1e-9))
    }

    @Test func claimsNoRatioForLawsOutsideItsDictionary() {
        let (data, names) = scoring({ exp(sin(Double.pi * $0[0]) + $0[1] * $0[1]) }, ranges: [-1.0...1, -1...1])
        let search = SparseRationalSearch(variables: names, data: data)
        #expect(search.exactSupports().isEmpty)
        #expect(search.run().isEmpty)
    }

    /// A plain sum has no denominator: its supports with one (dₖ = 0) contain the sum and are
    /// skipped. It can still be written as a ratio with a common factor, x₁ + x₂² =
    /// (x₂² − x₁²x₂⁻²)/(1 − x₁x₂⁻²), which the denominator-first search finds; whatever is
    /// found is then the law itself (and the sum stage, which runs first, is simpler).
    @Test func aRatioFoundForAPlainSumIsThatSum() throws {
        let law = { (x: [Double]) in x[0] + x[1] * x[1] }
        let (data, names) = scoring(law, ranges: [0.5...1, 0.5...1])
        let probe = table(law, ranges: [0.5...1, 0.5...1], count: 50, seed: 9)
        for found in SparseRationalSearch(variables: names, data: data).run() {
            let compiled = try found.formula.substituting(significantDigits: 17).compile(variables: names)
            var output: [Double] = []
            compiled.evaluate(columns: probe.columns, into: &output)
            for (a, b) in zip(output, probe.target) { #expect(close(a, b, 1e-9), "\(found.formula.expression)") }
        }
    }

    @Test func isDeterministic() {
        let (data, names) = scoring(
            { ($0[0] + $0[1]) / (1 + $0[0] * $0[1] / ($0[2] * $0[2])) }, ranges: [-0.8...0.8, -0.8...0.8, 1...2])
        let first = SparseRationalSearch(variables: names, data: data).run()
        let second = SparseRationalSearch(variables: names, data: data).run()
        #expect(first.map(\.formula) == second.map(\.formula))
        #expect(!first.isEmpty)
    }
}
