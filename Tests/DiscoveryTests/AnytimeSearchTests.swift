@testable import Discovery
import Foundation
import KAN
import Symbolic
import Testing

@Suite(.serialized) struct AnytimeSearchTests {
    /// e^(−0.3t)·cos 2t: no direct stage has it, and the default networks' edges on five grid
    /// intervals only give look-alikes; a later round (a finer grid, another seed) finds it.
    @Test func aDampedOscillationIsFoundByALaterRound() throws {
        let data = table({ exp(-0.3 * $0[0]) * cos(2 * $0[0]) }, ranges: [0...10], count: 1000, seed: 1)
        var options = DiscoverOptions()
        // Found after about 20 s on a quiet machine (docs/recovery.md); the limit leaves room
        // for a loaded one, as this is not a timing test.
        options.timeBudget = 600
        let result = try discover(train: (data.columns, ["t"], data.target), options: options)
        #expect(result.report.expression == (try Expr(parsing: "exp(-3*t/10)*cos(2*t)")), "\(result)")
        #expect(result.verdict == .exact)
    }

    @Test func roundsAlternateFinerGridsAndLargerShapes() {
        var options = DiscoverOptions()
        let schedule = AnytimeSchedule(options: options, inputs: 2)
        let first = schedule.round(1), second = schedule.round(2)
        #expect(first.seed == 4 && second.seed == 5)
        #expect(first.plans.allSatisfy { $0.gridSize == 10 })
        #expect(first.plans.map(\.shape) == options.shapes(inputs: 2))
        #expect(second.plans.allSatisfy { $0.gridSize == 5 })
        #expect(second.plans.contains { $0.shape == [2, LayerWidth(sum: 1, mult: 1), 1] })
        // Shapes a user chose are kept; only the seed and grid change.
        options.shapes = [[2, 1]]
        let chosen = AnytimeSchedule(options: options, inputs: 2)
        #expect(chosen.round(2).plans.map(\.shape) == [[2, 1]])
    }
}
