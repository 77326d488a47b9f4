@testable import Discovery
import Foundation
import Symbolic
import Testing

/// The search's judge of candidates at the noise floor answers the same for the same formula,
/// however often it is asked: the decomposition asks about the formulas it lifts, then the
/// search asks again, and a second "no" used to keep a found law from ending the search.
@Suite struct SearchLawJudgeTests {
    let support = ConstantSupportTests()

    func judged(_ text: String, parameters: [String: Double], law: @escaping ([Double]) -> Double) throws
        -> (first: Bool, second: Bool, outcomes: Int)
    {
        let train = support.data(law, level: 0.01, seed: 21)
        let validation = support.data(law, level: 0.01, count: 300, seed: 22)
        let scoring = ScoringData(train: train, validation: validation, errorFloor: 1e-12 * train.targetScale,
                                  complexityWeight: 0.01)
        let noise = NoiseFloor(roundingFloor: 1e-12 * train.targetScale, solvedFactor: 10, fit: train, validation: validation)
        let names = parameters.keys.sorted()
        let formula = ParametricFormula(
            expression: try Expr(parsing: text), variables: ["x1", "x2"], parameterNames: names,
            parameterValues: names.map { parameters[$0] ?? 0 })
        let candidate = try #require(scoring.scored(formula, origin: "test"))
        #expect(noise.isSolved(candidate), "the law's fit is at the noise floor")
        var judge = SearchLawJudge(scoring: scoring, variables: ["x1", "x2"], rationalizes: true)
        let first = judge.isLaw(candidate, noise: noise, shouldStop: { false })
        let second = judge.isLaw(candidate, noise: noise, shouldStop: { false })
        return (first, second, judge.outcomes.count)
    }

    @Test func aLawIsALawEveryTimeItIsAsked() throws {
        let answer = try judged("a*x1*x2^2", parameters: ["a": 1.49]) { 1.5 * $0[0] * $0[1] * $0[1] }
        #expect(answer.first && answer.second, "\(answer)")
        #expect(answer.outcomes == 1, "rationalised once")
    }

    /// A formula without constants is pinned: nothing in it could be a chance match.
    @Test func aFormulaWithoutConstantsIsALaw() throws {
        let answer = try judged("x1*(x2 + sin(x1))", parameters: [:]) { $0[0] * ($0[1] + sin($0[0])) }
        #expect(answer.first && answer.second, "\(answer)")
    }

    /// A look-alike's fitted decimal stays unpinned on the second asking too.
    @Test func aLookAlikeIsNotALawTheSecondTimeEither() throws {
        let answer = try judged("a*exp(-x1/x2)", parameters: ["a": 1.3]) { 1.34213 * exp(-$0[0] / $0[1]) }
        #expect(!answer.first && !answer.second, "\(answer)")
    }
}
