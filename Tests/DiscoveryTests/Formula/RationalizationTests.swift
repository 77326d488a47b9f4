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

    @Test func quotientFromAffineFactors() throws {
        // x/y on y ∈ [0.5, 2] (pykan crashed here): c·(a·x + b)·(a′·y + b′)⁻¹ + d.
        let quotient: ([Double]) -> Double = { $0[0] / $0[1] }
        let train = formulaData(dimension: 2, count: 300, in: 0.5...2, seed: 35, quotient)
        let validation = formulaData(dimension: 2, count: 150, in: 0.5...2, seed: 36, quotient)
        let formula = parametric(
            θ(0) * (θ(1) * x1 + θ(2)) * pow(θ(3) * x2 + θ(4), -1) + θ(5), ["x1", "x2"],
            [0.9, 1.1, 0.02, 0.95, -0.03, 0.01])
        #expect(formula.canonicalized().parameterCount == 4)
        let outcome = try #require(Rationalization().rationalize(formula, train: train, validation: validation))
        #expect(outcome.expression == x1 / x2, "\(outcome.expression)")
        expectWithinTolerance(outcome, validation)
    }

    @Test func relativisticVelocityAddition() throws {
        let f: ([Double]) -> Double = { ($0[0] + $0[1]) / (1 + $0[0] * $0[1]) }
        let train = formulaData(dimension: 2, count: 300, in: -0.9...0.9, seed: 37, f)
        let validation = formulaData(dimension: 2, count: 150, in: -0.9...0.9, seed: 38, f)
        let formula = parametric(
            θ(0) * (θ(1) * x1 + θ(2) * x2 + θ(3)) * pow(θ(4) * x1 * x2 + θ(5), -1) + θ(6), ["x1", "x2"],
            [0.9, 1.1, 0.95, 0.01, 1.05, 0.98, 0.02])
        let outcome = try #require(Rationalization().rationalize(formula, train: train, validation: validation))
        #expect(outcome.expression == (x1 + x2) / (x1 * x2 + 1), "\(outcome.expression)")
    }

    @Test func spuriousTermSnapsToZeroAndDisappears() throws {
        // A third edge tanh(…) with a tiny multiplier: the multiplier snaps to 0, its inner
        // constants vanish with it.
        let f: ([Double]) -> Double = { 2 * sin($0[0]) + 0.5 * $0[1] * $0[1] }
        let train = formulaData(dimension: 2, count: 300, seed: 39, f)
        let validation = formulaData(dimension: 2, count: 150, seed: 40, f)
        let formula = parametric(
            θ(0) * Expr.sin(θ(1) * x1 + θ(2)) + θ(3) * pow(θ(4) * x2 + θ(5), 2)
                + θ(6) * Expr.tanh(θ(7) * x1 + θ(8)) + θ(9),
            ["x1", "x2"], [1.9, 1.05, 0.02, 0.45, 1.1, 0.1, 1e-4, 1.3, 0.2, 0.3])
        let outcome = try #require(Rationalization().rationalize(formula, train: train, validation: validation))
        #expect(outcome.expression == 2 * Expr.sin(x1) + pow(x2, 2) / 2, "\(outcome.expression)")
        #expect(outcome.formula.parameterCount == 0)
    }

    @Test func noisyHelloFormula() throws {
        let hello: ([Double]) -> Double = { exp(sin(Double.pi * $0[0]) + $0[1] * $0[1]) }
        let train = formulaData(dimension: 2, count: 400, noise: 1e-3, seed: 43, hello)
        let validation = formulaData(dimension: 2, count: 200, noise: 1e-3, seed: 44, hello)
        let inner = θ(1) * Expr.sin(θ(2) * x1 + θ(3)) + θ(4) + θ(5) * pow(θ(6) * x2 + θ(7), 2) + θ(8)
        // pykan's own constants for this target: 0.0099·(−10·x2 + 0.0029)² and so on.
        let formula = parametric(θ(0) * Expr.exp(inner) + θ(9), ["x1", "x2"],
                                 [0.5211, 1.0005, 3.1413, 0.0029, 0.3, 0.0099, -10.0, 0.0029, 0.35, 0.01])
        let outcome = try #require(Rationalization().rationalize(formula, train: train, validation: validation))
        #expect(outcome.expression == Expr.exp(pow(x2, 2) + Expr.sin(.pi * x1)), "\(outcome.expression)")
        expectWithinTolerance(outcome, validation)
    }

    @Test func rejectsASnapThatWorsensValidationError() throws {
        // 1.0001·sin(x) − 0.6931…·x (log 2): the simplest rationals and multiples of π or √2
        // near it are all wrong, and noiseless data tell.
        let c = Foundation.log(2.0)
        let f: ([Double]) -> Double = { 1.0001 * sin($0[0]) - c * $0[0] * $0[0] }
        let train = formulaData(dimension: 1, count: 200, seed: 25, f)
        let validation = formulaData(dimension: 1, count: 100, seed: 26, f)
        let formula = parametric(θ(0) * Expr.sin(x) + θ(1) * pow(x, 2), ["x"], [1.01, -0.7])
        let outcome = try #require(Rationalization().rationalize(formula, train: train, validation: validation))
        #expect(outcome.snaps.isEmpty, "\(outcome.snaps)")
        // Noiseless data tell 6 digits of log 2 apart from the truth: the fewest digits that
        // meet the tolerance are printed (1.0001 is exact at any of them).
        let a = try Rational(parsing: "1.0001")
        let printed = stride(from: 6, through: 16, by: 2).compactMap { digits -> Expr? in
            guard let b = Rational.decimal(-c, significantDigits: digits) else { return nil }
            return Expr(a) * Expr.sin(x) + Expr(b) * pow(x, 2)
        }
        #expect(printed.dropFirst().contains(outcome.expression), "\(outcome.expression)")
        expectWithinTolerance(outcome, validation)
        let final = try #require(outcome.finalRMSE)
        #expect(final / validation.targetScale < 1e-5)
    }

    @Test(arguments: [0.0, 1e-6, 1e-3, 1e-2])
    func keptSnapsNeverExceedTheTolerance(noise: Double) throws {
        // Constants near simple values and not: whatever snaps, the promise holds.
        var generator = SeededGenerator(seed: 50)
        for trial in 0..<4 {
            let a = [1.5, 0.6180339887, 2.0005, -1.0][trial]
            let b = Double.random(in: 0.5...2, using: &generator)
            let c = [0.0, 0.25, 1.0 / 3, 0.01][trial]
            let f: ([Double]) -> Double = { a * sin(b * $0[0]) + c }
            let seed = UInt64(60 + trial)
            let train = formulaData(dimension: 1, count: 200, noise: noise, seed: seed, f)
            let validation = formulaData(dimension: 1, count: 100, noise: noise, seed: seed + 100, f)
            let formula = parametric(θ(0) * Expr.sin(θ(1) * x + θ(2)) + θ(3), ["x"], [a * 1.05, b * 0.97, 0.05, c + 0.02])
            let outcome = try #require(Rationalization().rationalize(formula, train: train, validation: validation))
            expectWithinTolerance(outcome, validation)
        }
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
        // The window covers a formula's constants jointly (Bonferroni over p).
        #expect(abs(r.uncertainties(parameters: 1) - 3.2905) < 1e-3)
        #expect(abs(r.uncertainties(parameters: 2) - 3.4808) < 1e-3)
        #expect(abs(r.uncertainties(parameters: 5) - 3.7190) < 1e-3)
        // −1 is 3.3 standard errors from −0.99691 ± 0.00093: offered in a formula of two.
        #expect(r.candidates(for: -0.99691, standardError: 0.00093, parameters: 2).first == .minusOne)
        // Alone (3.29 standard errors, 0.00306) it is just outside.
        #expect(!r.candidates(for: -0.99691, standardError: 0.00093, parameters: 1).contains(.minusOne))
    }

    @Test func candidatesIncludeTheConstantsOfPhysics() {
        let r = Rationalization()
        /// Whether some candidate for a value near `value` is exactly `value`, free of symbols.
        func offersExactly(_ value: Double) -> Bool {
            r.candidates(for: value * (1 + 1e-4)).contains { candidate in
                candidate.freeSymbols.isEmpty && Swift.abs(candidate.evaluate([:]) - value) <= 1e-15 * value
            }
        }
        // Coulomb's 1/(4π), 1/(2π), the normal density's 1/√(2π), √π.
        #expect(r.candidates(for: 1 / (4 * Double.pi)).contains(1 / (4 * Expr.pi)))
        #expect(offersExactly(1 / (4 * Double.pi)))
        #expect(offersExactly(1 / (2 * Double.pi)))
        #expect(offersExactly(1 / (2 * Double.pi).squareRoot()))
        #expect(offersExactly(Double.pi.squareRoot()))
        #expect(offersExactly(2.0.squareRoot() / 2))
        // Whole powers of π up to the third (II.8.7, III.15.14, II.24.17, Planck's law), for a
        // value fitted to 10⁻⁶ (many simpler numbers lie within the loose 5 % window).
        for value in [3 / (20 * Double.pi), 1 / (8 * Double.pi * Double.pi), Double.pi * Double.pi,
                      1 / (2 * Double.pi * Double.pi * Double.pi)] {
            let offered = r.candidates(for: value * (1 + 1e-6), standardError: value * 1e-6)
            #expect(offered.contains { Swift.abs($0.evaluate([:]) - value) <= 1e-15 * value }, "\(value): \(offered)")
        }
        // π² and beyond only where the data pin the constant to four digits or better.
        let planck = 1 / (2 * Double.pi * Double.pi * Double.pi)
        let loose = r.candidates(for: planck * (1 + 1e-4), standardError: planck * 1e-3)
        #expect(!loose.contains { Swift.abs($0.evaluate([:]) - planck) <= 1e-15 * planck }, "\(loose)")
        // Simple rationals still come first.
        #expect(r.candidates(for: 0.5001).first == Expr(1) / Expr(2))
    }

    /// The inputs' ranges on the data are declared to the simplifier: √(x²) is x where every
    /// sample of x is positive, and stays |x| (not x) where x takes both signs.
    @Test func simplifiesWithinTheDataDomain() throws {
        let formula = parametric(θ(0) * Expr.sqrt(x * x), ["x"], [2.9])
        let positive = formulaData(dimension: 1, count: 200, in: 0.5...2, seed: 41) { 3 * $0[0] }
        let onPositive = try #require(Rationalization().rationalize(formula, train: positive))
        #expect(onPositive.expression == 3 * x, "\(onPositive.expression)")
        let signed = formulaData(dimension: 1, count: 200, in: -1...1, seed: 42) { 3 * Swift.abs($0[0]) }
        let onSigned = try #require(Rationalization().rationalize(formula, train: signed))
        #expect(onSigned.expression != 3 * x, "\(onSigned.expression)")
        #expect(onSigned.expression.evaluate(["x": -0.5]) == 1.5, "\(onSigned.expression)")
    }

    @Test func snapsCoulombsConstant() throws {
        let f: ([Double]) -> Double = { $0[0] / (4 * Double.pi) }
        let train = formulaData(dimension: 1, count: 200, in: -1...1, seed: 31, f)
        let formula = parametric(θ(0) * x, ["x"], [0.08])
        let outcome = try #require(Rationalization().rationalize(formula, train: train))
        #expect(outcome.expression == x / (4 * Expr.pi), "\(outcome.expression)")
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

    @Test func exactExponentOfALogarithmBecomesAPower() throws {
        // θ·exp(2·log x) on x > 0: θ snaps to 1 and exp(2·log x) = x² (defined on the data).
        let data = formulaData(dimension: 1, count: 50, in: 0.5...2, seed: 30) { $0[0] * $0[0] }
        let formula = parametric(θ(0) * Expr.exp(2 * Expr.log(x)), ["x"], [1.01])
        let outcome = try #require(Rationalization().rationalize(formula, train: data))
        #expect(outcome.expression == pow(x, 2), "\(outcome.expression)")
        #expect(!outcome.keptUnsimplified)
    }
}
