@testable import Discovery
import Foundation
import Testing

/// `EdgeRanking`, the one ranking of a library's primitives on an edge, on one sample set
/// at a time (what `suggest` shows for an edge).
@Suite struct EdgeRankingTests {
    /// One ranked candidate: the primitive's name and its entry.
    struct Ranked {
        var name: String
        var entry: EdgeRanking.Entry
    }

    /// The standard library's primitives ranked on the samples, best first.
    func ranking(_ data: (x: [Double], y: [Double]), weights: SuggestionWeights = SuggestionWeights()) -> [Ranked] {
        let library = NumericPrimitive.standard
        let entries = EdgeRanking.rank(
            [AffineFitSamples(x: data.x, y: data.y)], primitives: library, weights: weights,
            options: AffineFitOptions())[0]
        return entries.map { Ranked(name: library[$0.libraryIndex].name, entry: $0) }
    }

    /// The ranked table, for failure messages.
    func table(_ ranked: [Ranked]) -> String {
        CandidateTable.lines(ranked.map {
            ($0.name, NumericPrimitive.standard[$0.entry.libraryIndex].cost, $0.entry.fit, $0.entry.score)
        }).joined(separator: "\n")
    }

    @Test(arguments: [
        ("sin", -1.0...1.0, ["sin", "cos"]),
        ("x^2", -1.0...1.0, ["x^2"]),
        ("exp", -1.0...2.0, ["exp"]),
        ("gaussian", -2.5...2.5, ["gaussian"]),
        ("1/x", 0.5...3.0, ["1/x"]),
    ])
    func picksTheGeneratingPrimitive(target: String, range: ClosedRange<Double>, accepted: [String]) throws {
        let curves: [String: (Double) -> Double] = [
            "sin": { sin(.pi * $0) }, "x^2": { 2 * $0 * $0 - 0.5 }, "exp": { exp(0.8 * $0) },
            "gaussian": { exp(-$0 * $0) }, "1/x": { 1 / $0 },
        ]
        let curve = try #require(curves[target])
        let ranked = ranking(samples(curve, in: range))
        let best = try #require(ranked.first)
        #expect(accepted.contains(best.name), "\(table(ranked))")
        #expect(best.entry.fit.rSquared > 1 - 1e-9)
    }

    @Test(arguments: [
        ("sin", -1.0...1.0, ["sin", "cos"]),
        ("exp", -1.0...2.0, ["exp"]),
        ("gaussian", -2.5...2.5, ["gaussian"]),
        ("1/x", 0.5...3.0, ["1/x"]),
    ])
    func picksTheGeneratingPrimitiveDespiteOnePercentNoise(
        target: String, range: ClosedRange<Double>, accepted: [String]
    ) throws {
        // Not x²: with noise, cos and sin with a vanishing inner slope (c → ∞) fit a parabola
        // as well as x² does, to within 10⁻⁹ of R²; choosing between such look-alikes is the job
        // of the validation error after refitting, not of one edge's R².
        let curves: [String: (Double) -> Double] = [
            "sin": { sin(.pi * $0) }, "exp": { exp(0.8 * $0) }, "gaussian": { exp(-$0 * $0) },
            "1/x": { 1 / $0 },
        ]
        let curve = try #require(curves[target])
        for seed: UInt64 in [1, 2] {
            let ranked = ranking(samples(curve, in: range, count: 500, noise: 0.01, seed: seed))
            #expect(accepted.contains(try #require(ranked.first).name), "\(table(ranked))")
        }
    }

    @Test func rankingFollowsPykanScore() throws {
        let ranked = ranking(samples({ sin(.pi * $0) }, in: -1...1))
        #expect(ranked.count == NumericPrimitive.standard.count)
        // Scores ascend, compared as the ranking compares them (to 1e-6).
        let scores = ranked.map { ($0.entry.score * 1e6).rounded() }
        #expect(scores == scores.sorted())
        let best = try #require(ranked.first)
        let expected = 0.8 * 2 + 0.2 * log2(1 + 1e-5 - best.entry.fit.rSquared)
        #expect(abs(best.entry.score - expected) < 1e-9)
    }

    @Test func simplicityWeightIsAdjustable() throws {
        // y = x²: with all weight on simplicity the zero primitive (cost 0) wins.
        let data = samples({ $0 * $0 }, in: -1...1)
        #expect(ranking(data, weights: SuggestionWeights(simplicity: 1)).first?.name == "0")
        let accurate = try #require(ranking(data, weights: SuggestionWeights(simplicity: 0)).first)
        #expect(accurate.entry.fit.rSquared > 1 - 1e-9)
    }

    @Test func resultIsDeterministic() {
        let data = samples({ tanh(2 * $0) + 0.1 * $0 }, in: -2...2, noise: 0.01)
        let first = ranking(data)
        for _ in 0..<3 {
            let again = ranking(data)
            #expect(again.map(\.name) == first.map(\.name))
            #expect(again.map(\.entry.fit) == first.map(\.entry.fit))
        }
    }

    @Test func constantEdgeRanksZeroFirstAndFailedFitsLast() {
        let x = (0..<40).map { Double($0) / 20 - 1 }
        let ranked = ranking((x, [Double](repeating: 0.25, count: 40)))
        #expect(ranked.first?.name == "0")
        #expect(ranked.first?.entry.fit.d == 0.25)
        #expect(ranked.dropFirst().allSatisfy { $0.entry.score == .infinity })
    }
}
