import Foundation
import Testing
@testable import KAN

@Suite struct CheckpointTests {
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kan-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func trainedNetwork() throws -> Network {
        let data = Fixtures.data(count: 200, seed: 1)
        var net = try Network(shape: [2, LayerWidth(sum: 2, mult: 1), 1], gridSize: 4, seed: 3)
        try net.train(on: data, options: TrainingOptions(steps: 2))
        try net.setSymbolic(layer: 0, input: 0, output: 1, function: Fixtures.sine, a: 3.1, b: 0.1, c: 1.2, d: -0.3)
        try net.setEdgeActive(layer: 0, input: 1, output: 3, false)
        return net
    }

    @Test func roundTripRestoresEverything() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let net = try trainedNetwork()
        let url = dir.appendingPathComponent("model.json")
        try net.save(to: url)
        try net.save(to: url)  // overwriting is atomic too
        let loaded = try Network.load(from: url, resolver: Fixtures.resolver)
        #expect(loaded.parameterVector() == net.parameterVector())
        #expect(loaded.shape == net.shape)
        #expect(loaded.history == net.history)
        #expect(loaded.inputIndices == net.inputIndices)
        #expect(loaded.layers.map(\.mask) == net.layers.map(\.mask))
        #expect(loaded.layers.map { $0.bases.map(\.knots) } == net.layers.map { $0.bases.map(\.knots) })
        #expect(try loaded.symbolicEdge(layer: 0, input: 0, output: 1)?.function.name == "sin")
        let data = Fixtures.data(count: 50, seed: 9)
        #expect(try loaded.evaluate(data).outputs == net.evaluate(data).outputs)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(leftovers == ["model.json"])
    }

    func expectLoadError(_ bytes: Data, resolver: @escaping (String) -> SymbolicFunction? = Fixtures.resolver,
                         matches: (KANError) -> Bool) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("bad.json")
        try bytes.write(to: url)
        do {
            _ = try Network.load(from: url, resolver: resolver)
            Issue.record("loading should have failed")
        } catch let error as KANError {
            #expect(matches(error), "unexpected error \(error)")
        }
    }

    func json() throws -> [String: Any] {
        let data = try Checkpoint(try trainedNetwork()).encoded()
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func corruptAndTruncatedFiles() throws {
        let good = try Checkpoint(try trainedNetwork()).encoded()
        try expectLoadError(Data("not json at all".utf8)) { if case .checkpointCorrupt = $0 { true } else { false } }
        try expectLoadError(good.prefix(good.count / 2)) { if case .checkpointCorrupt = $0 { true } else { false } }
        try expectLoadError(Data()) { if case .checkpointCorrupt = $0 { true } else { false } }
        var object = try json()
        object["layers"] = nil
        try expectLoadError(try JSONSerialization.data(withJSONObject: object)) { if case .checkpointCorrupt = $0 { true } else { false } }
        object = try json()
        object["format"] = "something-else"
        try expectLoadError(try JSONSerialization.data(withJSONObject: object)) { if case .checkpointCorrupt = $0 { true } else { false } }
    }

    @Test func wrongVersion() throws {
        var object = try json()
        object["version"] = 2
        try expectLoadError(try JSONSerialization.data(withJSONObject: object)) { $0 == .checkpointVersion(found: 2, supported: 1) }
    }

    @Test func mismatchedArrays() throws {
        var object = try json()
        var layers = try #require(object["layers"] as? [[String: Any]])
        var coefficients = try #require(layers[0]["coefficients"] as? [Double])
        coefficients.removeLast()
        layers[0]["coefficients"] = coefficients
        object["layers"] = layers
        try expectLoadError(try JSONSerialization.data(withJSONObject: object)) { if case .checkpointMismatch = $0 { true } else { false } }

        object = try json()
        layers = try #require(object["layers"] as? [[String: Any]])
        layers[1]["inputCount"] = 7
        object["layers"] = layers
        try expectLoadError(try JSONSerialization.data(withJSONObject: object)) { if case .checkpointMismatch = $0 { true } else { false } }
    }

    @Test func unknownSymbolicFunctionAndMissingFile() throws {
        let good = try Checkpoint(try trainedNetwork()).encoded()
        try expectLoadError(good, resolver: { _ in nil }) { $0 == .unknownSymbolicFunction("sin") }
        #expect { try Network.load(from: URL(fileURLWithPath: "/nonexistent/kan/model.json")) } throws: { error in
            if case .checkpointIO = error as? KANError { true } else { false }
        }
    }
}
