@testable import Discovery
import Foundation
import Symbolic
import Testing

@Suite struct DiscoverStageTests {
    @Test func aListNamesTheStagesThatRun() throws {
        #expect(try DiscoverStage.parse("networks, decomposition,rationalisation,selection")
            == [.networks, .decomposition, .rationalisation])
        #expect(try DiscoverStage.parse("power-laws,rationalization") == [.powerLaws, .rationalisation])
    }

    @Test func anUnknownStageIsNamedWithTheKnownOnes() {
        #expect {
            _ = try DiscoverStage.parse("networks,powerlaws")
        } throws: { error in
            "\(error)".contains("unknown stage 'powerlaws'") && "\(error)".contains("power-laws, sparse-sums")
        }
    }

    @Test func theSwitchesReadAndWriteTheStages() {
        var options = DiscoverOptions()
        #expect(options.stages == Set(DiscoverStage.allCases))
        options.sparseRatios = false
        #expect(!options.stages.contains(.ratios))
        options.stages = [.networks]
        #expect(!options.powerLaws && !options.decomposition)
    }

    @Test func withoutDirectStagesAProductComesFromTheNetworks() throws {
        // x1·x2 is the power-law stage's at once; without it, a network must find it.
        let data = table({ $0[0] * $0[1] }, ranges: [1...5, 1...5], count: 400)
        var options = DiscoverOptions()
        options.stages = [.networks, .rationalisation]
        let result = try discover(train: data, options: options)
        #expect(result.report.expression == (try Expr(parsing: "x1*x2")), "\(result.report.text)")
        #expect(!result.chosen.origin.hasPrefix("power law"), "\(result.chosen.origin)")
    }
}
