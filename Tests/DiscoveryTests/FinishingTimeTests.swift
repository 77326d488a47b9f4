@testable import Discovery
import Foundation
import Testing

/// The estimate of discover's finishing time, which moves the search's deadline.
@Suite struct FinishingTimeTests {
    @Test func reservesTimeInProportionToTheCandidatesComplexity() throws {
        let data = table({ $0[0] * $0[1] + sin($0[2]) }, ranges: [-1...1, -1...1, -1...1], count: 20_000, seed: 8)
        let rows = FormulaData(columns: data.columns, target: data.target)
        let scoring = ScoringData(train: rows, validation: rows, errorFloor: 1e-12, complexityWeight: 0.01)
        var finishing = FinishingTime()
        let constant = try #require(scoring.constantCandidate(variables: data.names))
        // Nothing measured: nothing to reserve.
        #expect(finishing.reserve(for: [constant], count: 64, cores: 2) == 0)
        finishing.measure([constant, constant], scoring: scoring)
        #expect(finishing.measurements == 2)
        #expect(finishing.secondsPerNode > 0)
        let one = finishing.reserve(for: [constant], count: 1, cores: 1)
        // At least `count` candidates are expected; twice the cores halve the time.
        #expect(abs(finishing.reserve(for: [constant], count: 64, cores: 1) / one - 64) < 1e-9)
        #expect(abs(finishing.reserve(for: [constant], count: 64, cores: 2) / one - 32) < 1e-9)
        var complex = constant
        complex.complexity = 10
        #expect(abs(finishing.reserve(for: [complex], count: 1, cores: 1) / one - 10) < 1e-9)
    }

    /// `interrupted` says whether the limit cut the search, not whether the finishing stages
    /// (which run past the search's deadline by design) ended after it.
    @Test func interruptedSaysWhetherTheLimitCutTheSearch() throws {
        let product = table({ $0[0] * $0[1] }, ranges: [1...2, 1...2], count: 400, seed: 2)
        #expect(try !discover(train: product).interrupted)
        let hello = table({ exp(sin(.pi * $0[0]) + $0[1] * $0[1]) }, ranges: [-1...1, -1...1], count: 400, seed: 2)
        var options = DiscoverOptions()
        options.timeBudget = 0.2
        let cut = try discover(train: hello, options: options)
        #expect(cut.interrupted)
    }
}
