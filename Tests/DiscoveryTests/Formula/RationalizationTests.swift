import Discovery
import Exact
import Foundation
import Symbolic
import Testing

@Suite struct RationalizationTests {
    let x1 = Expr.symbol("x1"), x2 = Expr.symbol("x2"), x = Expr.symbol("x")

    /// The tolerance promise: never above max(1.1·e₀, e₀ + 1e-9·scale).
    func expectWithinTolerance(_ outcome: Rationalization.Outcome, _ validation: FormulaData) {
        let allowed = max(1.1 * outcome.baselineRMSE, outcome.baselineRMSE + 1e-9 * validation.targetScale)
        #expect(outcome.validationRMSE <= allowed)
    }

    @Test func helloFormulaFromPykanStyleConstants() throws {
        let hello: ([Double]) -> Double = { exp(sin(Double.pi * $0[0]) + $0[1] * $0[1]) }
        let train = formulaData(dimension: 2, count: 400, seed: 21, hello)
        let validation = formulaData(dimension: 2, count: 200, seed: 22, hello)
        // c·exp(a1·sin(a2·x1 + b2) + b1 + a3·(a4·x2 + b3)² + b4) + d, constants perturbed.
        let inner = θ(1) * Expr.sin(θ(2) * x1 + θ(3)) + θ(4) + θ(5) * pow(θ(6) * x2 + θ(7), 2) + θ(8)
        let formula = parametric(θ(0) * Expr.exp(inner) + θ(9), ["x1", "x2"],
                                 [1.02, 0.98, 3.1, 0.02, 0.1, 0.9, 1.05, -0.03, -0.1, 0.01])
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = try #require(Rationalization().rationalize(formula, train: train, validation: validation))
        let elapsed = clock.now - start
        print("hello formula rationalised in \(elapsed): \(outcome.expression); baseline RMSE \(outcome.baselineRMSE)")
        #expect(outcome.expression == Expr.exp(pow(x2, 2) + Expr.sin(.pi * x1)))
        #expect(outcome.expression.description == "exp(x2^2 + sin(pi*x1))")
        #expect(outcome.baselineRMSE / validation.targetScale < 1e-12)
        expectWithinTolerance(outcome, validation)
    }

    @Test func productFromDifferenceOfSquares() throws {
        let product: ([Double]) -> Double = { $0[0] * $0[1] }
        let train = formulaData(dimension: 2, count: 300, seed: 23, product)
        let validation = formulaData(dimension: 2, count: 150, seed: 24, product)
        // c1·(a1·x1 + a2·x2 + b1)² + c2·(a3·x1 + a4·x2 + b2)² + d.
        let formula = parametric(
            θ(0) * pow(θ(1) * x1 + θ(2) * x2 + θ(3), 2) + θ(4) * pow(θ(5) * x1 + θ(6) * x2 + θ(7), 2) + θ(8),
            ["x1", "x2"], [0.26, 1.01, 0.98, 0.01, -0.24, 0.99, -1.02, -0.02, 0.003])
        let outcome = try #require(Rationalization().rationalize(formula, train: train, validation: validation))
        #expect(outcome.expression == x1 * x2, "\(outcome.expression)")
        expectWithinTolerance(outcome, validation)
    }

    @Test func rejectsASnapThatWorsensValidationError() throws {
        // 1.0001·sin(x) − 0.7071…·x: the simplest rationals (1, 2/3, 5/7, 12/17, 70/99) are
        // all wrong, and noiseless data tell.
        let c = 0.5.squareRoot()
        let f: ([Double]) -> Double = { 1.0001 * sin($0[0]) - c * $0[0] * $0[0] }
        let train = formulaData(dimension: 1, count: 200, seed: 25, f)
        let validation = formulaData(dimension: 1, count: 100, seed: 26, f)
        let formula = parametric(θ(0) * Expr.sin(x) + θ(1) * pow(x, 2), ["x"], [1.01, -0.7])
        let outcome = try #require(Rationalization().rationalize(formula, train: train, validation: validation))
        #expect(outcome.snaps.isEmpty, "\(outcome.snaps)")
        let a = try Rational(parsing: "1.0001"), b = try Rational(parsing: "-0.707107")
        #expect(outcome.expression == Expr(a) * Expr.sin(x) + Expr(b) * pow(x, 2), "\(outcome.expression)")
        expectWithinTolerance(outcome, validation)
        let final = try #require(outcome.finalRMSE)
        #expect(final / validation.targetScale < 1e-5)
    }

    @Test func candidatesAreSimplestFirst() {
        let r = Rationalization()
        #expect(r.candidates(for: 1e-7).first == .zero)
        #expect(r.candidates(for: 0.9999).first == .one)
        #expect(r.candidates(for: 3.14159).contains(.pi))
        let half = r.candidates(for: 0.5001)
        #expect(half.first == (Expr(1) / Expr(2)))
        #expect(r.candidates(for: 0.05).contains(Expr(1) / Expr(20)))
        #expect(r.candidates(for: .nan).isEmpty)
    }

    @Test func noisyDataStillSnapsObviousConstants() throws {
        let f: ([Double]) -> Double = { 2 * sin($0[0]) + 0.5 }
        let train = formulaData(dimension: 1, count: 400, in: -2...2, noise: 1e-3, seed: 27, f)
        let validation = formulaData(dimension: 1, count: 200, in: -2...2, noise: 1e-3, seed: 28, f)
        let formula = parametric(θ(0) * Expr.sin(θ(1) * x + θ(2)) + θ(3), ["x"], [1.9, 1.05, 0.02, 0.45])
        let outcome = try #require(Rationalization().rationalize(formula, train: train, validation: validation))
        #expect(outcome.expression == 2 * Expr.sin(x) + (Expr(1) / Expr(2)), "\(outcome.expression)")
        expectWithinTolerance(outcome, validation)
    }

    @Test func formulaWithNaNOnTheDataFailsCleanly() {
        let train = formulaData(dimension: 1, count: 50, seed: 29) { $0[0] }
        let formula = parametric(θ(0) * Expr.log(x - 5), ["x"], [1])
        #expect(Rationalization().rationalize(formula, train: train) == nil)
    }

    @Test func simplificationThatLeavesTheDomainIsRefused() throws {
        // exp(log(x) + log(y)) = x·y only for x, y > 0; on data with x < 0 the left side is
        // NaN where the right is not (fine), but log(x)·0 + … style identities must agree where
        // the original is defined. Here exp(2·log(x)) = x² everywhere the left is defined.
        let data = formulaData(dimension: 1, count: 50, in: 0.5...2, seed: 30) { $0[0] * $0[0] }
        let formula = parametric(θ(0) * Expr.exp(2 * Expr.log(x)), ["x"], [1.01])
        let outcome = try #require(Rationalization().rationalize(formula, train: data))
        #expect(outcome.expression == pow(x, 2))
        #expect(!outcome.keptUnsimplified)
    }
}
