@testable import Discovery
import Foundation
import Testing

/// The lack-of-fit test tells noise from a law's leftover.
@Suite struct LackOfFitTestTests {
    let data = table({ $0[0] * $0[3] + $0[1] * $0[4] + $0[2] * $0[5] }, ranges: Array(repeating: 1...5, count: 6),
                     count: 800, seed: 9)

    func noise(_ sigma: Double, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return data.target.map { _ in sigma * generator.normal() }
    }

    @Test func noiseIsNoise() throws {
        let test = try #require(LackOfFitTest(columns: data.columns))
        for seed in 1...5 as ClosedRange<UInt64> {
            let z = test.structure(of: noise(0.3, seed: seed))
            #expect(z <= test.criticalValue, "z = \(z)")
        }
    }

    @Test func aSmoothMisfitIsNotNoise() throws {
        let test = try #require(LackOfFitTest(columns: data.columns))
        // A look-alike's leftover without noise: 2 % of the third term.
        let misfit = data.columns[2].indices.map { 0.02 * data.columns[2][$0] * data.columns[5][$0] }
        #expect(test.structure(of: misfit) > 10)
        // The same leftover, about the size of the noise, under it.
        let sigma = FormulaData(columns: [], target: misfit).targetScale
        let noisy = zip(misfit, noise(sigma, seed: 3)).map { $0 + $1 }
        let z = test.structure(of: noisy)
        #expect(z > test.criticalValue, "z = \(z)")
    }

    @Test func tooFewRowsGiveNoTest() {
        #expect(LackOfFitTest(columns: [[1, 2, 3]]) == nil)
    }
}
