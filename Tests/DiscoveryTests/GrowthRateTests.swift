@testable import Discovery
import Exact
import Foundation
import Symbolic
import Testing

@Suite struct GrowthRateTests {
    @Test func readsTheRateOfAnExponentialInTheReciprocal() throws {
        // 1/(e^(u/2π) − 1): 1/y = e^(u/2π) − 1, rate 1/(2π).
        let u = (0..<200).map { 0.3 + 8 * Double($0) / 199 }
        let rate = GrowthRate.dominant(of: u.map { 1 / (exp($0 / (2 * Double.pi)) - 1) }, against: u)
        #expect(rate == GrowthRate(multiple: try Rational(1, 2), piPower: -1))
        #expect(rate?.argument(.symbol("u")) == (try Expr(parsing: "u/(2*pi)")))
    }

    @Test func seesNoRateInAPowerOrAWave() {
        let x = (0..<200).map { 1 + 4 * Double($0) / 199 }
        #expect(GrowthRate.dominant(of: x.map { sin(3 * $0) }, against: x) == nil)
        #expect(GrowthRate.dominant(of: x.map { $0.squareRoot() + 1 / ($0 * $0) }, against: x) == nil)
    }

    @Test func sparseSumsRecoverOneInputLawsOfExponentials() throws {
        // II.35.18 and III.4.32 reduced to their one input.
        let cosh = try withoutNetworks({ 1 / (exp($0[0]) + exp(-$0[0])) }, ranges: [0.1...9])
        #expect(cosh.report.expression == (try Expr(parsing: "1/(2*cosh(x1))")), "\(cosh.report.text)")
        let inverse = try withoutNetworks({ 1 / (exp(1 / $0[0]) + exp(-1 / $0[0])) }, ranges: [0.1...3])
        #expect(inverse.report.expression == (try Expr(parsing: "1/(2*cosh(1/x1))")), "\(inverse.report.text)")
        let planck = try withoutNetworks({ 1 / (exp($0[0] / (2 * Double.pi)) - 1) }, ranges: [0.1...9])
        #expect(planck.report.expression == (try Expr(parsing: "1/(exp(x1/(2*pi)) - 1)")), "\(planck.report.text)")
        // Planck's x³/(eˣ − 1): the rate shows in y/x³ alone, which is also the prefactor.
        let cubed = try withoutNetworks({ pow($0[0], 3) / (exp($0[0]) - 1) }, ranges: [0.1...5])
        #expect(cubed.report.expression == (try Expr(parsing: "x1^3/(exp(x1) - 1)")), "\(cubed.report.text)")
    }

    /// Through 1 % noise: where 1/(2cosh(1/u)) comes near 0, 1/y is noise alone, and only a
    /// fit weighted by y² (`TargetTransform.noiseWeights`) still reads the exponentials in it.
    @Test func oneInputLawsOfExponentialsComeThroughNoise() throws {
        let inverse = try withoutNetworks({ 1 / (exp(1 / $0[0]) + exp(-1 / $0[0])) }, ranges: [0.18...5.4], noise: 0.01)
        #expect(inverse.report.expression == (try Expr(parsing: "1/(2*cosh(1/x1))")), "\(inverse.report.text)")
    }

    /// The snap takes the simplest rate the data allow, not the one noise favours: 3/π fits a
    /// hair better than 1 here, and both within the share kept.
    @Test func theSnapIsTheSimplestRateTheDataAllow() throws {
        let favoured = 3 / Double.pi
        let share = { (r: Double) in 0.997 - 0.01 * abs(r - favoured) }
        let rate = GrowthRate.snapped(0.96, minimumShare: 0.999 * 0.997, share: share)
        #expect(rate == GrowthRate(multiple: 1, piPower: 0))
        // Beyond the share kept, the simplest rate is not taken.
        #expect(GrowthRate.snapped(0.96, minimumShare: 0.99699, share: share) == GrowthRate(multiple: 3, piPower: -1))
    }
}
