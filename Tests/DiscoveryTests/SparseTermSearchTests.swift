@testable import Discovery
import Foundation
import Symbolic
import Testing

@Suite struct SparseTermSearchTests {
    @Test func recoversAReciprocalSquareSum() throws {
        // I.10.7: 1/(y/x₁)² = 1 − x₂²x₃⁻².
        let result = try withoutNetworks(
            { $0[0] / (1 - $0[1] * $0[1] / ($0[2] * $0[2])).squareRoot() }, ranges: [0...1, 0...1, 1...2])
        #expect(result.report.expression == (try Expr(parsing: "x1/sqrt(1 - x2^2/x3^2)")), "\(result.report.text)")
        #expect(result.chosen.origin.hasPrefix("sparse sum"), "\(result.chosen.origin)")
    }

    @Test func carriesTheSignOfTheTargetInAMonomial() throws {
        // I.15.10: y takes the sign of x₁x₂, so 1/y² alone cannot give y back.
        let result = try withoutNetworks(
            { $0[0] * $0[1] / (1 - $0[1] * $0[1] / ($0[2] * $0[2])).squareRoot() }, ranges: [-1...1, -0.9...0.9, 1.1...2])
        #expect(result.report.expression == (try Expr(parsing: "x1*x2/sqrt(1 - x2^2/x3^2)")), "\(result.report.text)")
    }

    @Test func recoversAReciprocalSum() throws {
        // I.27.6: 1/y = x₃x₂⁻¹ + x₁⁻¹.
        let result = try withoutNetworks({ 1 / ($0[2] / $0[1] + 1 / $0[0]) }, ranges: [0.5...2, 1...2, 0.5...2])
        #expect(result.report.expression == (try Expr(parsing: "1/(x3/x2 + 1/x1)")), "\(result.report.text)")
    }

    @Test func recoversAGaussianThroughItsLogarithm() throws {
        // I.6.20: log y = c − ½x₁²x₂⁻² − log x₂, with c = −log √(2π).
        let result = try withoutNetworks(
            { exp(-$0[0] * $0[0] / (2 * $0[1] * $0[1])) / ((2 * Double.pi).squareRoot() * $0[1]) },
            ranges: [-1...1, 0.5...2])
        #expect(result.report.expression == (try Expr(parsing: "sqrt(2)*exp(-x1^2/(2*x2^2))/(2*sqrt(pi)*x2)")),
                "\(result.report.text)")
    }

    @Test func recoversAMonomialTimesACosine() throws {
        // III.17.37: y = x₁ + x₁x₂·cos x₃.
        let result = try withoutNetworks({ $0[0] * ($0[1] * cos($0[2]) + 1) }, ranges: [0...1, 0...1, 0...(2 * Double.pi)])
        #expect(result.report.expression == (try Expr(parsing: "x1*x2*cos(x3) + x1")), "\(result.report.text)")
    }

    @Test func recoversAnInterferenceTerm() throws {
        // I.37.4: y = x₁ + x₂ + 2√(x₁x₂)·cos x₃.
        let result = try withoutNetworks(
            { $0[0] + $0[1] + 2 * ($0[0] * $0[1]).squareRoot() * cos($0[2]) },
            ranges: [0.1...1, 0.1...1, 0...(2 * Double.pi)])
        #expect(result.report.expression == (try Expr(parsing: "x1 + x2 + 2*cos(x3)*sqrt(x1*x2)")),
                "\(result.report.text)")
    }

    @Test func recoversASquaredCosineThroughTheSecondHarmonic() throws {
        // I.50.26 once x₂x₃ is merged into u: x₁(x₄cos²u + cos u) = x₁x₄/2 + x₁x₄cos(2u)/2 + x₁cos u.
        let result = try withoutNetworks(
            { $0[0] * ($0[2] * cos($0[1]) * cos($0[1]) + cos($0[1])) }, ranges: [1...3, 1...9, 1...3])
        #expect(result.report.expression == (try Expr(parsing: "x1*cos(x2)*(x3*cos(x2) + 1)")),
                "\(result.report.text)")
    }

    @Test func recoversAnOscillationAtTheFrequencyTheDataShow() throws {
        // III.8.54 reduced to its one input: sin²(2πu) = ½ − ½·cos 4πu.
        let result = try withoutNetworks({ pow(sin(2 * Double.pi * $0[0]), 2) }, ranges: [0.25...4])
        #expect(result.report.expression == (try Expr(parsing: "1/2 - cos(4*pi*x1)/2")), "\(result.report.text)")
        #expect(result.chosen.origin.hasPrefix("sparse sum"), "\(result.chosen.origin)")
    }

    @Test func recoversAnArcsineOfAMonomialTimesASine() throws {
        // I.26.2: sin y = x₁·sin x₂.
        let result = try withoutNetworks({ asin($0[0] * sin($0[1])) }, ranges: [0...0.99, 0...(2 * Double.pi)])
        #expect(result.report.expression == (try Expr(parsing: "asin(x1*sin(x2))")), "\(result.report.text)")
        #expect(result.chosen.origin.hasPrefix("sparse sum sin(y)"), "\(result.chosen.origin)")
    }

    @Test func recoversAnArcsineOfAMonomial() throws {
        // I.30.5: sin y = x₁x₂⁻¹x₃⁻¹, y of both signs.
        let result = try withoutNetworks({ asin($0[0] / ($0[1] * $0[2])) }, ranges: [-1...1, 1...1.5, 1...1.5])
        #expect(result.report.expression == (try Expr(parsing: "asin(x1/(x2*x3))")), "\(result.report.text)")
    }

    @Test func triesTheSineOnlyWithinAHalfPeriod() throws {
        // y = x₁ on [0, 3.5]: sin y = sin x₁ exactly, but asin(sin x₁) is not x₁ beyond π/2.
        let (data, names) = scoring({ $0[0] + 0 * $0[1] }, ranges: [0...3.5, 0...1])
        let candidates = SparseTermSearch(variables: names, data: data).exactSupports()
        #expect(candidates.contains { $0.transform == .identity && $0.terms == [.monomial(halves: [2, 0])] })
        #expect(!candidates.contains { $0.transform == .sine })
    }

    @Test func claimsNoExactFitOutsideItsDictionary() {
        for (f, ranges) in [
            ({ (x: [Double]) in exp(sin(Double.pi * x[0]) + x[1] * x[1]) }, [-1.0...1, -1...1]),
            ({ (x: [Double]) in (x[0] + x[1]) / (x[0] * x[1] / (x[2] * x[2]) + 1) }, [-0.8...0.8, -0.8...0.8, 1...2]),
        ] {
            let (data, names) = scoring(f, ranges: ranges)
            let search = SparseTermSearch(variables: names, data: data)
            #expect(search.exactSupports().isEmpty)
            #expect(search.run().isEmpty)
        }
    }

    @Test func findsTheSupportAndItsCoefficients() throws {
        let (data, names) = scoring({ 1 / $0[0] - $0[1] / ($0[0] * $0[2]) }, ranges: [0.5...1, 0...0.9, 1.1...2])
        let candidates = SparseTermSearch(variables: names, data: data).exactSupports()
        let identity = try #require(candidates.first { $0.transform == .identity && $0.prefactor.halves == [0, 0, 0] })
        #expect(Set(identity.terms) == [.monomial(halves: [-2, 0, 0]), .monomial(halves: [-2, 2, -2])])
        for (term, c) in zip(identity.terms, identity.coefficients) {
            #expect(close(c, term == .monomial(halves: [-2, 0, 0]) ? 1 : -1, 1e-9), "\(term): \(c)")
        }
        // No exact support contains a smaller exact one of the same problem.
        let same = candidates.filter { $0.transform == .identity && $0.prefactor == identity.prefactor }
        #expect(same.count == 1)
    }

    @Test func isDeterministic() {
        let (data, names) = scoring({ $0[0] * ($0[1] * cos($0[2]) + 1) }, ranges: [0...1, 0...1, 0...6])
        let first = SparseTermSearch(variables: names, data: data).run()
        let second = SparseTermSearch(variables: names, data: data).run()
        #expect(first.map(\.formula) == second.map(\.formula))
        #expect(!first.isEmpty)
    }

    @Test func dropsTransformsTheTargetsSignCannotFollow() {
        // x₁ + x₂ changes sign on no monomial's pattern: y², 1/y² and log y have no prefactor.
        let (data, names) = scoring({ $0[0] + $0[1] }, ranges: [-1...1, -1...1])
        let search = SparseTermSearch(variables: names, data: data)
        let columns = data.train.columns.indices.map { data.train.columns[$0] + data.validation.columns[$0] }
        #expect(search.prefactor([0, 0], for: .square, columns: columns) == nil)
        #expect(search.prefactor([0, 0], for: .identity, columns: columns) != nil)
        // x₁·x₂·(1 + x₂²): the sign monomial x₁x₂.
        let (product, productNames) = scoring({ $0[0] * $0[1] * (1 + $0[1] * $0[1]) }, ranges: [-1...1, -1...1])
        let productColumns = product.train.columns.indices.map { product.train.columns[$0] + product.validation.columns[$0] }
        let prefactor = SparseTermSearch(variables: productNames, data: product)
            .prefactor([0, 0], for: .reciprocalSquare, columns: productColumns)
        #expect(prefactor?.halves == [2, 2])
        #expect(prefactor?.sign == 1)
    }

    @Test func transformsInvertOnlyWhereDefined() {
        #expect(TargetTransform.logarithm.apply(0) == nil)
        #expect(TargetTransform.reciprocalSquare.apply(-2) == nil)
        #expect(TargetTransform.square.apply(-1) == nil)
        #expect(TargetTransform.reciprocal.apply(0) == nil)
        #expect(TargetTransform.sine.apply(1.6) == nil)
        #expect(TargetTransform.sine.apply(-1.6) == nil)
        let s = Expr.symbol("s")
        for transform in TargetTransform.allCases {
            let z = 1.3
            guard let t = transform.apply(z),
                  let back = try? transform.inverse(s).compile(variables: ["s"])
            else { Issue.record("\(transform)"); continue }
            var output: [Double] = []
            back.evaluate(columns: [[t]], into: &output)
            #expect(close(output.first ?? .nan, z, 1e-12), "\(transform)")
        }
    }

    @Test func boundsTheDictionary() {
        let three = TermDictionary(
            inputs: 3, nonNegative: [true, true, true], positive: [true, true, true], angular: [false, false, true])
        let monomials = three.terms.filter { if case .monomial = $0 { true } else { false } }
        #expect(monomials.count == 125)
        #expect(monomials.first == .monomial(halves: [0, 0, 0]))
        #expect(three.terms.contains(.oscillation(.cos, input: 2, halves: [1, 1, 0])))
        // Cosines and sines of x₃ and of 2x₃, each with 25 amplitudes.
        #expect(three.terms.contains(.oscillation(.sin, input: 2, halves: [2, 0, 0], frequency: AngularFrequency(multiple: 2, timesPi: false))))
        #expect(three.terms.count == 125 + 3 + 50 + 50)
        for n in 1...8 {
            let dictionary = TermDictionary(
                inputs: n, nonNegative: Array(repeating: true, count: n), positive: Array(repeating: true, count: n),
                angular: Array(repeating: true, count: n))
            #expect(dictionary.terms.count <= TermDictionary.monomialBudget + n + TermDictionary.oscillationBudget)
            #expect(dictionary.terms.contains(.monomial(halves: Array(repeating: 0, count: n))))
        }
        // No half-integer powers of an input that takes negative values.
        let signed = TermDictionary(inputs: 2, nonNegative: [false, true], positive: [false, true], angular: [false, true])
        for term in signed.terms {
            if case .wave(_, _, let halves, _) = term { #expect(halves[0] % 2 == 0) }
            #expect(term != .logarithm(input: 0))
        }
    }
}
