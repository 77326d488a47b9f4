@testable import Discovery
import Foundation
import Symbolic
import Testing

@Suite struct WaveArgumentTests {
    func rows(_ f: ([Double]) -> Double, ranges: [ClosedRange<Double>]) -> FormulaData {
        let data = table(f, ranges: ranges, count: 250, seed: 9)
        return FormulaData(columns: data.columns, target: data.target)
    }

    @Test func findsThePhaseOfASquaredSine() {
        // III.8.54: sin²(2πx₁x₂/x₃) = ½ − ½·cos(4π·x₁x₂/x₃).
        let wave = WaveArgument.strongest(rows(
            { pow(sin(2 * Double.pi * $0[0] * $0[1] / $0[2]), 2) }, ranges: [1...2, 1...2, 1...4]))
        #expect(wave?.argument == [2, 2, -2])
        #expect(wave?.frequency == AngularFrequency(multiple: 4, timesPi: true))
    }

    @Test func seesNoWaveInAProductOrASum() {
        #expect(WaveArgument.strongest(rows({ $0[0] * $0[1] / $0[2] }, ranges: [1...5, 1...5, 1...5])) == nil)
        #expect(WaveArgument.strongest(rows({ $0[0] * $0[1] + exp($0[2]) }, ranges: [1...5, 1...5, 1...3])) == nil)
    }

    @Test func arePairsAndTriplesOfInputs() {
        let three = WaveArgument.arguments(inputs: 3)
        // Three pairs and one triple, each with every sign pattern.
        #expect(three.count == 3 * 4 + 8)
        #expect(three.allSatisfy { $0.filter { $0 != 0 }.count >= 2 })
    }

    @Test func sparseSumsRecoverAWaveInAProduct() throws {
        // III.15.12 and III.8.54 without a decomposition or a network.
        let cosine = try withoutNetworks({ 2 * $0[0] * (1 - cos($0[1] * $0[2])) }, ranges: [1...5, 1...5, 1...5])
        #expect(cosine.report.expression == (try Expr(parsing: "2*x1*(1 - cos(x2*x3))")), "\(cosine.report.text)")
        let square = try withoutNetworks(
            { pow(sin(2 * Double.pi * $0[0] * $0[1] / $0[2]), 2) }, ranges: [1...2, 1...2, 1...4])
        #expect(square.report.expression == (try Expr(parsing: "1/2 - cos(4*pi*x1*x2/x3)/2")), "\(square.report.text)")
    }
}
