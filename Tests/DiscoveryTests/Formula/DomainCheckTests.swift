@testable import Discovery
import Foundation
import Symbolic
import Testing

@Suite struct DomainCheckTests {
    let x = Expr.symbol("x")

    @Test func aRewriteThatChangesValuesOnTheDataIsRefused() {
        // √(x²) = x holds only for x ≥ 0: on data with negative x the rewrite is refused.
        let expr = Expr.sqrt(pow(x, 2))
        let negative = formulaData(dimension: 1, count: 20, in: -2...(-0.5), seed: 41) { abs($0[0]) }
        let (kept, refused) = Rationalization.simplifiedWithinDomain(
            expr, variables: ["x"], data: [negative], simplify: { _ in Expr.symbol("x") })
        #expect(refused)
        #expect(kept == expr)
        // On positive data the same rewrite is accepted.
        let positive = formulaData(dimension: 1, count: 20, in: 0.5...2, seed: 42) { $0[0] }
        let (accepted, refusedAgain) = Rationalization.simplifiedWithinDomain(
            expr, variables: ["x"], data: [positive], simplify: { _ in Expr.symbol("x") })
        #expect(!refusedAgain)
        #expect(accepted == x)
    }

    @Test func extendingTheDomainIsAllowed() {
        // exp(log x) = x: where log x is NaN (x < 0) the left side is undefined, so the
        // simplified x agrees wherever the original is defined.
        let expr = Expr.exp(Expr.log(x))
        let mixed = formulaData(dimension: 1, count: 40, in: -1...1, seed: 43) { $0[0] }
        let (result, refused) = Rationalization.simplifiedWithinDomain(expr, variables: ["x"], data: [mixed])
        #expect(!refused)
        #expect(result == x)
    }
}
