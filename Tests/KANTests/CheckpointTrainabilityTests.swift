import Foundation
import Testing
@testable import KAN

/// Frozen parameters survive a save and a load (checkpoint version 4): training resumed from
/// the loaded network leaves them bit-identical, as it would have before saving. A network
/// with nothing frozen is written as before, and a doctored `frozen` is refused naming it.
@Suite struct CheckpointTrainabilityTests {
    static func reloaded(_ network: Network) throws -> Network {
        try Checkpoint.decode(try Checkpoint(network).encoded()).network(resolver: Fixtures.resolver)
    }

    @Test func frozenFlagsSurviveSavingAndLoading() throws {
        let saved = try TrainabilityTests.frozenNetwork()
        #expect(Checkpoint(saved).version == 4)
        let loaded = try Self.reloaded(saved)
        #expect(loaded.trainability == saved.trainability)
        #expect(!loaded.trainability.isEverythingTrainable)
        // Training the loaded network leaves exactly the frozen parameters alone.
        var trained = loaded
        try trained.train(on: Fixtures.data(count: 300, seed: 7), options: TrainingOptions(steps: 12))
        TrainabilityTests.check(before: loaded, after: trained)
    }

    @Test func aNetworkWithNothingFrozenIsWrittenAsBefore() throws {
        let network = try Network(shape: [2, 3, 1], gridSize: 5, seed: 2)
        let checkpoint = Checkpoint(network)
        #expect(checkpoint.version == 2)
        #expect(checkpoint.layers.allSatisfy { $0.frozen == nil })
        let text = String(decoding: try checkpoint.encoded(), as: UTF8.self)
        #expect(!text.contains("frozen"))
        #expect(try Self.reloaded(network).trainability.isEverythingTrainable)
    }

    /// The saved JSON of the frozen network with `edit` applied to its first layer's object.
    static func doctored(version: Int? = nil, _ edit: (inout [String: Any]) -> Void) throws -> Data {
        let data = try Checkpoint(try TrainabilityTests.frozenNetwork()).encoded()
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var layers = try #require(object["layers"] as? [[String: Any]])
        edit(&layers[0])
        object["layers"] = layers
        if let version { object["version"] = version }
        return try JSONSerialization.data(withJSONObject: object)
    }

    static func failure(_ data: Data) -> KANError? {
        do {
            _ = try Checkpoint.decode(data).network(resolver: Fixtures.resolver)
            return nil
        } catch {
            return error as? KANError
        }
    }

    @Test func aDoctoredFrozenFieldIsRefusedByName() throws {
        let groups = "\"coefficients\", \"splineScales\", \"baseScales\", \"symbolicAffine\""
        #expect(Self.failure(try Self.doctored { $0["frozen"] = ["weights": [0]] })
            == .checkpointInvalid(field: "layers[0].frozen.weights", problem: "not a parameter group (\(groups))"))
        #expect(Self.failure(try Self.doctored { $0["frozen"] = ["coefficients": [6]] })
            == .checkpointInvalid(field: "layers[0].frozen.coefficients[0]", problem: "6 is not an edge of this layer (0...5)"))
        #expect(Self.failure(try Self.doctored { $0["frozen"] = ["baseScales": [1, 1]] })
            == .checkpointInvalid(field: "layers[0].frozen.baseScales[1]", problem: "edge 1 is listed twice"))
        #expect(Self.failure(try Self.doctored { $0["frozen"] = ["baseScales": ["one"]] })
            == .checkpointInvalid(field: "layers[0].frozen.baseScales[0]", problem: "expected an integer, found the string \"one\""))
        #expect(Self.failure(try Self.doctored(version: 3) { _ in })
            == .checkpointInvalid(field: "layers[0].frozen", problem: "frozen parameters need version 4; this file says version 3"))
    }
}
