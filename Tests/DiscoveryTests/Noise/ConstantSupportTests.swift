@testable import Discovery
import Foundation
import Symbolic
import Testing

/// Noisy data pin a law's simple constants; a look-alike's elaborate ones, and fitted decimals,
/// could be chance matches.
@Suite struct ConstantSupportTests {
    /// Rows of `f` over [1, 5]² with noise of `level` × RMS(y).
    func data(_ f: ([Double]) -> Double, level: Double, count: Int = 1000, seed: UInt64 = 3) -> FormulaData {
        let clean = table(f, ranges: [1...5, 1...5], count: count, seed: seed)
        let rms = (clean.target.reduce(0) { $0 + $1 * $1 } / Double(clean.target.count)).squareRoot()
        var generator = SeededGenerator(seed: seed &+ 7)
        return FormulaData(columns: clean.columns, target: clean.target.map { $0 + level * rms * generator.normal() })
    }

    func support(_ formula: String, on data: FormulaData) throws -> ConstantSupport {
        try #require(ConstantSupport(formula: try Expr(parsing: formula), variables: ["x1", "x2"], data: data))
    }

    @Test func aLawsSimpleConstantsArePinned() throws {
        for (law, text) in [({ (x: [Double]) in 1.5 * x[0] * x[1] * x[1] }, "3/2*x1*x2^2"),
                            ({ (x: [Double]) in x[0] * x[1] / (4 * Double.pi) + 1 }, "x1*x2/(4*pi) + 1")] {
            let found = try support(text, on: data(law, level: 0.01))
            #expect(!found.constants.isEmpty)
            #expect(found.unsupported.isEmpty, "\(found.constants)")
        }
    }

    /// A look-alike's constant has the value the fit needs, to the digits the data give, and a
    /// thousand numbers as simple share its neighbourhood.
    @Test func anElaborateConstantIsAChanceMatch() throws {
        let value = 25 * 2.0.squareRoot() / (176 * pow(Double.pi, 4))
        let rows = data({ value * $0[0] * $0[1] + $0[1] }, level: 0.01)
        let found = try support("25*sqrt(2)*x1*x2/(176*pi^4) + x2", on: rows)
        let elaborate = try #require(found.constants.first { abs($0.value - value) < 1e-12 })
        #expect(elaborate.chance > 0.5, "\(elaborate)")
        #expect(found.unsupported.map(\.expression) == [elaborate.expression])
    }

    @Test func aFittedDecimalIsNotPinned() throws {
        let rows = data({ 1.34213 * exp(-$0[0] / $0[1]) }, level: 0.01)
        let found = try support("1.34213*exp(-x1/x2)", on: rows)
        #expect(found.unsupported.count == 1, "\(found.constants)")
        // Seventeen digits: the count of numbers as simple is estimated, not enumerated.
        let long = data({ 0.12345678901234567 * $0[0] * $0[1] }, level: 0.01)
        #expect(try support("0.12345678901234567*x1*x2", on: long).unsupported.count == 1)
    }

    /// Exponents are structure: x1^2·x2 has no constant to judge, and neither does √3, which the
    /// snapper never proposes.
    @Test func exponentsAndOtherIrrationalsAreNotJudged() throws {
        let rows = data({ $0[0] * $0[0] * $0[1] + 3.0.squareRoot() }, level: 0.01)
        #expect(try support("x1^2*x2", on: rows).constants.isEmpty)
        #expect(try support("x1^2*x2 + sqrt(3)", on: rows).constants.isEmpty)
    }

    /// Šidák's reading of one deviation among k: unchanged for one constant, smaller for more
    /// (2.05 standard errors among three is as likely as 1.57 alone), and never larger.
    @Test func deviationsAreReadAtTheFormulasLevel() {
        #expect(ConstantSupport.deviation(2.05, among: 1) == 2.05)
        #expect(abs(ConstantSupport.deviation(2.05, among: 3) - 1.570) < 2e-3)
        #expect(abs(ConstantSupport.deviation(-2.05, among: 3) + 1.570) < 2e-3)
        #expect(ConstantSupport.deviation(0, among: 5) == 0)
        #expect(ConstantSupport.deviation(.infinity, among: 3) == .infinity)
        // Far tails: 1 − (1 − p)ᵏ ≈ k·p, so 40 deviations of 9 read as a little over 8.
        let far = ConstantSupport.deviation(9, among: 40)
        #expect(far > 8 && far < 9, "\(far)")
        var previous = 0.0
        for delta in stride(from: 0.5, through: 6, by: 0.5) {
            let read = ConstantSupport.deviation(delta, among: 4)
            #expect(read > previous && read <= delta)
            previous = read
        }
    }

    /// A law with three simple constants is pinned through 1 % noise on nearly every sample
    /// (judged one constant at a time, it lost one of them on about one sample in eight).
    @Test func aLawWithSeveralConstantsIsPinnedOnNearlyEverySample() throws {
        let names = (1...7).map { "x\($0)" }
        let law = "x1/((x2 - x3)^2 + (x4 - x5)^2 + (x6 - x7)^2)"
        let formula = try Expr(parsing: law)
        var pinned = 0
        let samples = 40
        for seed in 0..<UInt64(samples) {
            let clean = table(
                { $0[0] / (pow($0[1] - $0[2], 2) + pow($0[3] - $0[4], 2) + pow($0[5] - $0[6], 2)) },
                ranges: Array(repeating: 1...5, count: 7), count: 1000, seed: 100 + seed)
            let rms = (clean.target.reduce(0) { $0 + $1 * $1 } / Double(clean.target.count)).squareRoot()
            var generator = SeededGenerator(seed: 200 + seed)
            let rows = FormulaData(columns: clean.columns, target: clean.target.map { $0 + 0.01 * rms * generator.normal() })
            let found = try #require(ConstantSupport(formula: formula, variables: names, data: rows))
            #expect(found.constants.count == 3)
            if found.unsupported.isEmpty { pinned += 1 }
        }
        // A 5 % level per formula: at most 4 of 40 by chance (binomial, 95 %).
        #expect(pinned >= samples - 4, "\(pinned) of \(samples)")
    }

    /// The same constant, pinned less tightly by noisier data, is likelier a coincidence.
    @Test func moreNoiseMeansMoreChance() throws {
        let law: ([Double]) -> Double = { $0[0] * $0[1] / (4 * Double.pi) }
        let quiet = try support("x1*x2/(4*pi)", on: data(law, level: 0.001)).constants[0].chance
        let loud = try support("x1*x2/(4*pi)", on: data(law, level: 0.1)).constants[0].chance
        #expect(quiet < loud)
        #expect(quiet < 0.01)
    }
}

/// The verdict at the noise floor: a law whose constants the data pin is exact; the same fit
/// printed with decimals (or a look-alike's constants) is not.
@Suite struct UnpinnedVerdictTests {
    @Test func decimalsAtTheNoiseFloorAreNotALaw() throws {
        let law: ([Double]) -> Double = { $0[0] * $0[1] / (4 * Double.pi) + 1 }
        let support = ConstantSupportTests()
        let train = support.data(law, level: 0.01, seed: 11)
        let validation = support.data(law, level: 0.01, count: 300, seed: 12)
        let noise = NoiseFloor(roundingFloor: 1e-12 * train.targetScale, solvedFactor: 10, fit: train, validation: validation)
        func verdict(_ text: String) throws -> DiscoverVerdict {
            let expression = try Expr(parsing: text)
            let formula = ParametricFormula(expression: expression, variables: ["x1", "x2"], parameterNames: [], parameterValues: [])
            let scored = ScoredFormula(
                formula: formula, trainRMSE: try #require(train.rmse(of: formula)),
                validationRMSE: try #require(validation.rmse(of: formula)), complexity: expression.complexity,
                score: 0, origin: "test", printed: expression)
            return DiscoverVerdict(chosen: scored, noise: noise, training: train)
        }
        #expect(try verdict("x1*x2/(4*pi) + 1") == .exact)
        let fitted = try verdict("0.0795775*x1*x2 + 1.00012")
        guard case .unpinned(let constants) = fitted else {
            Issue.record("\(fitted)")
            return
        }
        #expect(constants.contains("0.0795775"), "\(constants)")
        let warning = try #require(fitted.warning(r2: 0.9999, formula: "0.0795775*x1*x2 + 1.00012"))
        #expect(warning.hasPrefix("fits to the noise floor, but the data do not pin"), "\(warning)")
    }
}
