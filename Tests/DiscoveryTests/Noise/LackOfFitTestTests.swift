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

    /// Neighbours among 800 samples of 2,000 inputs are as far apart as any two samples: the
    /// test cannot see x₁·x₂, so it must not call what a constant leaves "noise".
    @Test func manyInputsMakeTheTestUninformative() throws {
        let wide = table({ $0[0] * $0[1] }, ranges: Array(repeating: -1...1, count: 2_000), count: 400, seed: 4)
        let test = try #require(LackOfFitTest(columns: wide.columns))
        #expect(!test.isInformative)
        #expect(test.locality > LackOfFitTest.maximumLocality, "locality \(test.locality)")
        let mean = wide.target.reduce(0, +) / Double(wide.target.count)
        #expect(!test.isNoise(wide.target.map { $0 - mean }))
        // Pure noise is not "noise" either: the test says nothing here.
        #expect(!test.isNoise(noise(0.3, seed: 1).prefix(400).map { $0 }))
        #expect(NoiseEstimate(columns: wide.columns, target: wide.target) == nil)
        // Six inputs on 800 samples are local enough.
        let six = try #require(LackOfFitTest(columns: data.columns))
        #expect(six.isInformative)
        #expect(six.locality < 0.2, "locality \(six.locality)")
    }

    @Test func tooFewRowsGiveNoTest() {
        #expect(LackOfFitTest(columns: [[1, 2, 3]]) == nil)
    }
}
