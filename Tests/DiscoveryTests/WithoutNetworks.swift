@testable import Discovery
import Foundation

/// Fixtures of the stages that run before any network (power laws, sparse sums, ratios).

/// `discover` with the direct stages only: no network, no decomposition.
func withoutNetworks(_ f: ([Double]) -> Double, ranges: [ClosedRange<Double>]) throws -> DiscoverResult {
    let data = table(f, ranges: ranges, count: 800, seed: 5)
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
