@testable import Discovery
import Foundation
import Testing

/// The Gamma test's noise estimate on laws with known noise.
@Suite struct NoiseEstimateTests {
    /// A smooth law of two inputs with Gaussian noise of `level` times the clean values' spread.
    func noisy(level: Double, seed: UInt64 = 7) -> (columns: [[Double]], target: [Double], sigma: Double) {
        let data = table({ exp(sin(.pi * $0[0]) + $0[1] * $0[1]) }, ranges: [-1...1, -1...1], count: 800, seed: seed)
        let sigma = level * FormulaData(columns: data.columns, target: data.target).targetScale
        var generator = SeededGenerator(seed: seed &+ 100)
        return (data.columns, data.target.map { $0 + sigma * generator.normal() }, sigma)
    }

    @Test func estimatesTenPercentNoise() throws {
        let data = noisy(level: 0.1)
        let estimate = try #require(NoiseEstimate(columns: data.columns, target: data.target))
        #expect(abs(estimate.standardDeviation / data.sigma - 1) < 0.3,
                "σ̂ = \(estimate.standardDeviation), σ = \(data.sigma)")
        #expect(abs(estimate.relative / 0.1 - 1) < 0.3)
    }

    @Test func noiselessDataHaveLittleNoise() throws {
        // The estimate is crude (the law's curvature is not all extrapolated away), which is
        // why `discover` decides with the lack-of-fit test and only reports this one.
        let data = noisy(level: 0)
        let estimate = try #require(NoiseEstimate(columns: data.columns, target: data.target))
        #expect(estimate.relative < 0.05, "σ̂/scale = \(estimate.relative)")
    }

    @Test func pureNoiseIsAllNoise() throws {
        var generator = SeededGenerator(seed: 11)
        let columns = (0..<2).map { _ in (0..<600).map { _ in Double.random(in: 0...1, using: &generator) } }
        let target = (0..<600).map { _ in 0.3 * generator.normal() }
        let estimate = try #require(NoiseEstimate(columns: columns, target: target))
        #expect(abs(estimate.standardDeviation / 0.3 - 1) < 0.15, "σ̂ = \(estimate.standardDeviation)")
    }

    @Test func tooFewRowsGiveNoEstimate() {
        #expect(NoiseEstimate(columns: [[1, 2, 3]], target: [1, 2, 3]) == nil)
    }

    @Test func theMarginFollowsTheValidationRows() {
        let rows = table({ $0[0] }, ranges: [0...1], count: 250, seed: 2)
        let fit = FormulaData(columns: rows.columns.map { Array($0.prefix(50)) }, target: Array(rows.target.prefix(50)))
        let validation = FormulaData(columns: rows.columns.map { Array($0.dropFirst(50)) }, target: Array(rows.target.dropFirst(50)))
        let floor = NoiseFloor(roundingFloor: 1e-9, solvedFactor: 10, fit: fit, validation: validation)
        let expected = (1 + 3.09 * (2.0 / 200).squareRoot()).squareRoot()
        #expect(abs(floor.margin - expected) < 1e-12)
        #expect(floor.selectionFloor(bestValidationRMSE: 1e-15) == 1e-9)
        #expect(abs(floor.selectionFloor(bestValidationRMSE: 0.01) - 0.01 * expected) < 1e-15)
    }
}
