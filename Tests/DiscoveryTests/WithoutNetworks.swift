@testable import Discovery
import Foundation

/// Fixtures of the stages that run before any network (power laws, sparse sums, ratios).

/// `discover` with the direct stages only: no network, no decomposition.
/// With `noise` > 0, Gaussian noise of `noise` × RMS(y) is added to the target (SRBench's
/// convention).
func withoutNetworks(_ f: ([Double]) -> Double, ranges: [ClosedRange<Double>], noise: Double = 0) throws -> DiscoverResult {
    var data = table(f, ranges: ranges, count: 800, seed: 5)
    if noise > 0 {
        let rms = (data.target.reduce(0) { $0 + $1 * $1 } / Double(data.target.count)).squareRoot()
        var generator = SeededGenerator(seed: 17)
        data.target = data.target.map { $0 + noise * rms * generator.normal() }
    }
    var options = DiscoverOptions()
    options.stages = [.powerLaws, .sparseSums, .ratios, .rationalisation]
    return try discover(train: data, options: options)
}

/// The scoring data of `discover` (every 5th row held out) for a law.
func scoring(_ f: ([Double]) -> Double, ranges: [ClosedRange<Double>]) -> (data: ScoringData, names: [String]) {
    let data = table(f, ranges: ranges, count: 800, seed: 5)
    let split = DiscoverData.split(FormulaData(columns: data.columns, target: data.target), test: nil, stride: 5)
    let scoring = ScoringData(
        train: split.fit, validation: split.validation, errorFloor: 1e-9 * split.fit.targetScale,
        complexityWeight: 0.05)
    return (scoring, data.names)
}
