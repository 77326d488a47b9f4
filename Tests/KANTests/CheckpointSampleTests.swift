import Foundation
import Testing
@testable import KAN

/// Version 2 checkpoints carry the inputs' names and the training sample; version 1 files
/// still load; the new fields are validated like the others.
@Suite struct CheckpointSampleTests {
    static let network = CheckpointValidationTests.network
    static let sample = Checkpoint.Sample(names: ["m (kg)", "v", "E"], target: 2, rowCount: 2, values: [1, 2, 3, 4, 5, 6])

    static func object(_ checkpoint: Checkpoint) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: checkpoint.encoded()) as? [String: Any])
    }

    static func decoded(_ object: [String: Any]) throws -> Checkpoint {
        let checkpoint = try Checkpoint.decode(try JSONSerialization.data(withJSONObject: object))
        try checkpoint.validate()
        return checkpoint
    }

    @Test func namesAndSampleRoundTrip() throws {
        let checkpoint = Checkpoint(Self.network, variables: ["m (kg)", "v"], sample: Self.sample)
        #expect(checkpoint.version == 2)
        let back = try Checkpoint.decode(try checkpoint.encoded())
        #expect(back == checkpoint)
        #expect(back.variables == ["m (kg)", "v"])
        #expect(Array(back.sample?.column(1) ?? []) == [3, 4])
        _ = try back.network(resolver: Fixtures.resolver)
    }

    @Test func versionOneFilesStillLoad() throws {
        var object = try Self.object(Checkpoint(Self.network))
        object["version"] = 1
        let old = try Self.decoded(object)
        #expect(old.variables == nil && old.sample == nil)
        // Version 1 had no such keys: ones found there are ignored, as unknown keys always were.
        object["variables"] = ["a", "b"]
        #expect(try Self.decoded(object).variables == nil)
        _ = try old.network(resolver: Fixtures.resolver)
    }

    @Test func theNewFieldsAreValidated() throws {
        let good = try Self.object(Checkpoint(Self.network, variables: ["m (kg)", "v"], sample: Self.sample))
        func failure(_ edit: (inout [String: Any]) -> Void) -> KANError? {
            var object = good
            edit(&object)
            do {
                _ = try Self.decoded(object)
                return nil
            } catch {
                return error as? KANError
            }
        }
        #expect(failure { $0["variables"] = ["a"] } == .checkpointInvalid(field: "variables", problem: "1 names for 2 inputs (inputIndices)"))
        #expect(failure { $0["variables"] = ["a", "a"] } == .checkpointInvalid(field: "variables[1]", problem: "\"a\" is repeated"))
        #expect(failure { $0["variables"] = ["a", 7] } == .checkpointInvalid(field: "variables[1]", problem: "expected a string, found 7"))
        func sample(_ key: String, _ value: Any) -> (inout [String: Any]) -> Void {
            { object in
                var sample = object["sample"] as? [String: Any] ?? [:]
                sample[key] = value
                object["sample"] = sample
            }
        }
        #expect(failure(sample("target", 3)) == .checkpointInvalid(field: "sample.target", problem: "3 is not a column index in 0..<3"))
        #expect(failure(sample("values", [1, 2, 3])) == .checkpointInvalid(field: "sample.values", problem: "3 values for 2 rows of 3 columns"))
        #expect(failure(sample("values", [1, 2, 3, 4, 5, "nan"])) == .checkpointInvalid(field: "sample.values[5]", problem: "nan is not a finite number"))
        #expect(failure(sample("names", ["x", "v", "E"])) == .checkpointInvalid(field: "sample.names", problem: "no column \"m (kg)\" for the variable of that name"))
        #expect(failure(sample("rowCount", 0)) == .checkpointInvalid(field: "sample.values", problem: "6 values for 0 rows of 3 columns"))
    }
}
