@testable import Discovery
import Foundation

/// Fixtures of the stages that run before any network (power laws, sparse sums, ratios).

/// `discover` with no network shapes: only the stages before the networks can answer.
func withoutNetworks(_ f: ([Double]) -> Double, ranges: [ClosedRange<Double>]) throws -> DiscoverResult {
    let data = table(f, ranges: ranges, count: 800, seed: 5)
    var options = DiscoverOptions()
    options.shapes = []
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
