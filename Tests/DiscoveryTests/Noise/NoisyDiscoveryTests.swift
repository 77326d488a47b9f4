@testable import Discovery
import Foundation
import Symbolic
import Testing

/// `discover` on noisy data: laws through 1 % noise, snapped constants, the constant for pure
/// noise, and the printed formula's errors (SRBench's convention: Gaussian noise of standard
/// deviation level × RMS(y), on the training rows only).
@Suite(.serialized) struct NoisyDiscoveryTests {
    /// Training rows of `f` with noise, and noiseless test rows from the same ranges.
    func noisy(
        _ f: ([Double]) -> Double, ranges: [ClosedRange<Double>], level: Double, seed: UInt64 = 21
    ) -> (train: (columns: [[Double]], names: [String], target: [Double]), test: (columns: [[Double]], target: [Double])) {
        let train = table(f, ranges: ranges, count: 1000, seed: seed)
        let test = table(f, ranges: ranges, count: 500, seed: seed &+ 1)
        let rms = (train.target.reduce(0) { $0 + $1 * $1 } / Double(train.target.count)).squareRoot()
        var generator = SeededGenerator(seed: seed &+ 2)
        let target = train.target.map { $0 + level * rms * generator.normal() }
        return ((train.columns, train.names, target), (test.columns, test.target))
    }

    func expectLaw(_ result: DiscoverResult, _ law: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try Expr(parsing: law)
        #expect((result.report.expression - expected).simplified() == .zero,
                "\(result.report.text) from \(result.chosen.origin)\n\(result)", sourceLocation: sourceLocation)
        #expect(result.verdict == .exact, "\(result.verdict)", sourceLocation: sourceLocation)
    }

    @Test func pureNoiseGivesAConstantAndTheWarning() throws {
        var generator = SeededGenerator(seed: 5)
        let data = table({ _ in 0 }, ranges: [0...1, 0...1], count: 600, seed: 4)
        let target = data.target.map { _ in 2 + 0.5 * generator.normal() }
        var options = DiscoverOptions()
        options.seeds = [0]
        let result = try discover(train: (data.columns, data.names, target), options: options)
        #expect(result.report.expression.freeSymbols.isEmpty, "\(result)")
        #expect(result.verdict == .noDependence)
        #expect(result.warning?.hasPrefix("no law found") == true, "\(result.warning ?? "nil")")
        #expect(abs((result.noiseLevel ?? 0) / 0.5 - 1) < 0.2, "\(result.noiseLevel ?? 0)")
    }

    /// On 150 inputs the lack-of-fit test cannot see structure (`LackOfFitTest.isInformative`):
    /// a constant that is the best found is an approximation, never "no dependence".
    @Test func aConstantOnManyInputsIsNotCalledNoDependence() throws {
        let data = table({ $0[0] * $0[1] + $0[2] }, ranges: Array(repeating: -1...1, count: 150), count: 800, seed: 6)
        var options = DiscoverOptions()
        options.seeds = [0]
        options.timeBudget = 2
        let result = try discover(train: data, options: options)
        #expect(result.verdict != .noDependence, "\(result)")
        if result.report.expression.freeSymbols.isEmpty {
            #expect(result.warning?.hasPrefix("no exact law found") == true, "\(result.warning ?? "nil")")
        }
    }

    /// I.37.4's interference law is a sparse sum; at 1 % noise one-term supports of 1/y that
    /// pass the transformed test on spikes (y near 0) used to fill every scoring slot.
    @Test func interferenceThroughOnePercentNoise() throws {
        let data = noisy({ $0[0] + $0[1] + 2 * ($0[0] * $0[1]).squareRoot() * cos($0[2]) },
                         ranges: [1...5, 1...5, 1...5], level: 0.01)
        let result = try discover(train: data.train)
        try expectLaw(result, "x1 + x2 + 2*sqrt(x1)*sqrt(x2)*cos(x3)")
    }

    @Test func aConstantSnapsThroughOnePercentNoise() throws {
        let data = noisy({ 1.5 * $0[0] * $0[1] * $0[1] }, ranges: [1...5, 1...5], level: 0.01)
        let result = try discover(train: data.train)
        try expectLaw(result, "3/2*x1*x2^2")
    }

    @Test func sumOfSquaresThroughOnePercentNoise() throws {
        // Feynman I.13.4 with its original ranges.
        let data = noisy({ $0[0] * ($0[1] * $0[1] + $0[2] * $0[2] + $0[3] * $0[3]) / 2 },
                         ranges: [1...5, 1...5, 1...5, 1...5], level: 0.01)
        let result = try discover(train: data.train)
        try expectLaw(result, "x1*(x2^2 + x3^2 + x4^2)/2")
    }

    @Test func dotProductThroughOnePercentNoise() throws {
        // Feynman I.11.19.
        let data = noisy({ $0[0] * $0[3] + $0[1] * $0[4] + $0[2] * $0[5] },
                         ranges: Array(repeating: 1...5, count: 6), level: 0.01)
        let result = try discover(train: data.train)
        try expectLaw(result, "x1*x4 + x2*x5 + x3*x6")
    }

    @Test func thePrintedFormulaHasTheReportedError() throws {
        // Outside the direct stages' dictionary: networks, unsnapped constants.
        let data = noisy({ sin($0[0]) / $0[0] + 0.3 * $0[1] }, ranges: [0.5...6, -1...1], level: 0.01)
        var options = DiscoverOptions()
        options.seeds = [0]
        let result = try discover(train: data.train, test: data.test, options: options)
        let test = FormulaData(columns: data.test.columns, target: data.test.target)
        for point in result.front {
            let reread = try Expr(parsing: point.text)
            let values = try reread.compile(variables: data.train.names).evaluate(columns: test.columns)
            let error = try #require(test.rmse(predictions: values))
            #expect(abs(error - point.validationRMSE) <= 1e-9 * max(error, 1e-300), "\(point.text)")
        }
        let reread = try Expr(parsing: result.report.text)
        let values = try reread.compile(variables: data.train.names).evaluate(columns: test.columns)
        #expect(test.rmse(predictions: values) == result.report.testRMSE)
        for point in result.front {
            let problem = Conditioning().problem(point.expression, variables: data.train.names, columns: test.columns)
            #expect(problem == nil, "\(point.text): \(problem ?? "")")
        }
    }
}
