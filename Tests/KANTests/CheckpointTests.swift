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
        try expectLoadError(try JSONSerialization.data(withJSONObject: object)) { $0 == .checkpointInvalid(field: "layers", problem: "missing") }
        object = try json()
        object["format"] = "something-else"
        try expectLoadError(try JSONSerialization.data(withJSONObject: object)) { if case .checkpointCorrupt = $0 { true } else { false } }
    }

    @Test func wrongVersion() throws {
        var object = try json()
        object["version"] = 5
        try expectLoadError(try JSONSerialization.data(withJSONObject: object)) { $0 == .checkpointVersion(found: 5, supported: 4) }
    }

    @Test func mismatchedArrays() throws {
        var object = try json()
        var layers = try #require(object["layers"] as? [[String: Any]])
        var coefficients = try #require(layers[0]["coefficients"] as? [Double])
        coefficients.removeLast()
        layers[0]["coefficients"] = coefficients
        object["layers"] = layers
        try expectLoadError(try JSONSerialization.data(withJSONObject: object)) {
            if case .checkpointInvalid(field: "layers[0].coefficients", _) = $0 { true } else { false }
        }

        object = try json()
        layers = try #require(object["layers"] as? [[String: Any]])
        layers[1]["inputCount"] = 7
        object["layers"] = layers
        try expectLoadError(try JSONSerialization.data(withJSONObject: object)) {
            $0 == .checkpointInvalid(field: "layers[1].inputCount", problem: "7, but layers[0] has 3 output nodes (sumCount + multCount)")
        }
    }

    @Test func unknownSymbolicFunctionAndMissingFile() throws {
        let good = try Checkpoint(try trainedNetwork()).encoded()
        try expectLoadError(good, resolver: { _ in nil }) {
            $0 == .checkpointInvalid(field: "layers[0].symbolic[0].name", problem: "'sin' is not a known symbolic function")
        }
        #expect { try Network.load(from: URL(fileURLWithPath: "/nonexistent/kan/model.json")) } throws: { error in
            if case .checkpointIO = error as? KANError { true } else { false }
        }
    }

    /// The message a load of `bytes` fails with; records an issue when it loads, or fails
    /// with anything but a `KANError`.
    func loadFailure(_ bytes: Data) throws -> KANError? {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("bad.json")
        try bytes.write(to: url)
        do {
            _ = try Network.load(from: url, resolver: Fixtures.resolver)
            return nil
        } catch let error as KANError {
            return error
        } catch {
            Issue.record("not a KANError: \(error)")
            return nil
        }
    }

    @Test func truncationAtAnyOffsetIsACorruptFile() throws {
        let good = try Checkpoint(try trainedNetwork()).encoded()
        // Every offset near both ends (headers, closing brackets) and a spread in between.
        var offsets = Set(0..<Swift.min(80, good.count))
        offsets.formUnion(Swift.max(0, good.count - 80)..<good.count)
        offsets.formUnion(stride(from: 0, to: good.count, by: Swift.max(1, good.count / 300)))
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("truncated.json")
        for offset in offsets.sorted() {
            try good.prefix(offset).write(to: url)
            do {
                _ = try Network.load(from: url, resolver: Fixtures.resolver)
                Issue.record("a checkpoint truncated to \(offset) of \(good.count) bytes loaded")
            } catch let error as KANError {
                guard case .checkpointCorrupt(let message) = error else {
                    Issue.record("truncated to \(offset): \(error)")
                    continue
                }
                #expect(message.contains(offset == 0 ? "empty" : "not valid JSON"), "truncated to \(offset): \(message)")
            }
        }
    }

    @Test func corruptedBytesNeverCrash() throws {
        let good = try Checkpoint(try trainedNetwork()).encoded()
        let replacements: [UInt8] = [0x00, 0xFF, UInt8(ascii: "x"), UInt8(ascii: "]"), UInt8(ascii: "\""),
                                     UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "e"), UInt8(ascii: ",")]
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("corrupt.json")
        var failures = 0, loads = 0
        for (k, position) in stride(from: 0, to: good.count, by: Swift.max(1, good.count / 150)).enumerated() {
            var bytes = good
            bytes[position] = replacements[k % replacements.count]
            try bytes.write(to: url)
            do {
                // A changed digit can still be a valid checkpoint: then it must load whole.
                let loaded = try Network.load(from: url, resolver: Fixtures.resolver)
                #expect(loaded.layers.count == 2)
                loads += 1
            } catch let error as KANError {
                #expect(!error.description.isEmpty)
                failures += 1
            }
        }
        #expect(failures > 0)
    }

    @Test func otherFilesAreNotCheckpoints() throws {
        let texts: [String] = [
            "x,y\n1,2\n3,4\n",  // a CSV
            "[1, 2, 3]",  // a JSON array
            "\"kan-checkpoint\"",  // a JSON string
            "null",
            "{}",
            "{\"name\": \"package\", \"version\": \"1.0.0\"}",  // someone else's JSON
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ]
        for text in texts {
            let error = try loadFailure(Data(text.utf8))
            guard case .checkpointCorrupt(let message) = error else {
                Issue.record("\(text): \(String(describing: error))")
                continue
            }
            #expect(!message.isEmpty)
        }
        let array = try loadFailure(Data("[1, 2, 3]".utf8))
        #expect(array?.description.contains("not a JSON object") == true, "\(String(describing: array))")
        let binary = try loadFailure(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF]))
        if case .checkpointCorrupt = binary {} else { Issue.record("binary: \(String(describing: binary))") }
    }

    @Test func versionsOtherThanTheCurrentOneAreRefused() throws {
        for version in [0, 5, -1, 999_999] {
            var object = try json()
            object["version"] = version
            let error = try loadFailure(try JSONSerialization.data(withJSONObject: object))
            #expect(error == .checkpointVersion(found: version, supported: 4))
        }
        var object = try json()
        object["version"] = "1"
        let error = try loadFailure(try JSONSerialization.data(withJSONObject: object))
        #expect(error?.description.contains("version") == true, "\(String(describing: error))")
        object["version"] = nil
        #expect(try loadFailure(try JSONSerialization.data(withJSONObject: object)) == .checkpointCorrupt("missing \"version\""))
    }

    @Test func wrongTypesNameTheirPlace() throws {
        var object = try json()
        var layers = try #require(object["layers"] as? [[String: Any]])
        layers[1]["coefficients"] = "many"
        object["layers"] = layers
        let error = try loadFailure(try JSONSerialization.data(withJSONObject: object))
        #expect(error == .checkpointInvalid(field: "layers[1].coefficients", problem: "expected a list [...], found the string \"many\""))
    }

    /// Shapes a doctored file could declare: none may trap (overflow, huge allocation).
    @Test func absurdShapesAreInvalidNotCrashes() throws {
        let edits: [(String, Any)] = [
            ("inputCount", Int.max), ("sumCount", Int.max), ("multCount", Int.max), ("arity", Int.max),
            ("inputCount", -3), ("sumCount", -1), ("order", Int.max), ("order", -1), ("arity", 0),
            ("inputCount", 0), ("sumCount", 0),
        ]
        for (key, value) in edits {
            var object = try json()
            var layers = try #require(object["layers"] as? [[String: Any]])
            layers[0][key] = value
            object["layers"] = layers
            let error = try loadFailure(try JSONSerialization.data(withJSONObject: object))
            guard case .checkpointInvalid(let field, _) = error else {
                Issue.record("\(key) = \(value): \(String(describing: error))")
                continue
            }
            // Where the problem shows: the layer, or the next one's inputs (sumCount 0 of
            // layer 0 is valid alone: 1 multiplication node).
            #expect(field.hasPrefix(key == "sumCount" && value as? Int == 0 ? "layers[1].inputCount" : "layers[0]"), "\(String(describing: error))")
        }
        var object = try json()
        var layers = try #require(object["layers"] as? [[String: Any]])
        var knots = try #require(layers[0]["knots"] as? [[Double]])
        knots[1].reverse()
        layers[0]["knots"] = knots
        object["layers"] = layers
        let decreasing = try loadFailure(try JSONSerialization.data(withJSONObject: object))
        let (second, first) = (knots[1][1], knots[1][0])
        #expect(decreasing == .checkpointInvalid(field: "layers[0].knots[1][1]",
                                                 problem: "\(CheckpointFields.show(second)) is below the knot before it, \(CheckpointFields.show(first)): knots must not decrease"))

        object = try json()
        object["cachedInputs"] = ["count": Int.max, "inputCount": 2, "outputCount": 0, "inputs": [0.5, 0.5], "targets": []]
        let cached = try loadFailure(try JSONSerialization.data(withJSONObject: object))
        #expect(cached == .checkpointInvalid(field: "cachedInputs.inputs", problem: "2 entries, expected count 9223372036854775807 × inputCount 2"))
    }

    @Test func foldersAndDevicesAreNotRead() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (url, reason) in [(dir, "it is a folder"), (URL(fileURLWithPath: "/dev/zero"), "not a regular file")] {
            #expect { try Network.load(from: url) } throws: { error in
                guard case .checkpointIO(let message) = error as? KANError else { return false }
                return message.contains(url.path) && message.contains(reason)
            }
        }
    }

    @Test func aFailedSaveLeavesTheOldFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let net = try trainedNetwork()
        let url = dir.appendingPathComponent("model.json")
        try net.save(to: url)
        let before = try Data(contentsOf: url)
        // A "folder" that is a file: the temporary file cannot be created.
        let blocked = url.appendingPathComponent("inside.json")
        #expect { try net.save(to: blocked) } throws: { error in
            guard case .checkpointIO(let message) = error as? KANError else { return false }
            return message.contains(blocked.path) && message.contains("Not a directory")
        }
        #expect(try Data(contentsOf: url) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["model.json"])
    }

    @Test func abandonedTemporaryFilesAreIgnoredAndThenRemoved() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let net = try trainedNetwork()
        let url = dir.appendingPathComponent("model.json")
        try net.save(to: url)
        // What a save killed mid-write leaves: a partial temporary file of a process that is
        // gone (pid_max is at most 2^22 on Linux, so this pid cannot run), and one of a
        // process that runs (ours: a save in progress elsewhere).
        let abandoned = dir.appendingPathComponent(".model.json.tmp-99999999-0")
        let live = dir.appendingPathComponent(".model.json.tmp-\(getpid())-77")
        try Data("{\"format\": \"kan-chec".utf8).write(to: abandoned)
        try Data("{".utf8).write(to: live)
        let loaded = try Network.load(from: url, resolver: Fixtures.resolver)
        #expect(loaded.parameterVector() == net.parameterVector())
        try net.save(to: url)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == [live.lastPathComponent, "model.json"])
    }
}
