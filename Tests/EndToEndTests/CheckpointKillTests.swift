import Foundation
import Testing

/// `kill -9` during `save_model`, at many points of the write: the checkpoint under its
/// name is always a complete one — the old one until the rename, then the new one.
@Suite struct CheckpointKillTests {
    let directory = ScratchFolder.make("kan-kill")

    /// A model of about a megabyte of JSON, so that its write spans many points.
    static func model(seed: Int) -> String { "kan([8, 40, 40, 1], grid: 30, seed: \(seed))" }

    func script(_ name: String, _ text: String) throws -> String {
        try ScratchFolder.write(text, to: name, in: directory)
    }

    /// The names in `folder` other than `kept`: temporary files left by killed saves.
    func leftovers(_ folder: URL, besides kept: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != kept }.sorted()
    }

    /// The checkpoint bytes `save_model` writes for the model of `seed`.
    func checkpoint(seed: Int) throws -> Data {
        let folder = directory.appendingPathComponent("reference-\(seed)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("model.json").path
        let save = try script("save-\(seed).kan", "save_model(\(Self.model(seed: seed)), args[0])\n")
        let result = try KanBinary.run([save, path])
        #expect(result.status == 0, "\(result.standardError)")
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// `kill -9` from outside once the temporary file has reached a given size: empty, one
    /// 64 KiB chunk, spread over the file, whole (after the last byte, before the rename).
    /// The test hook pauses 100 ms before the first chunk and after each, so the kill lands
    /// while the file has that size (or, on a loaded machine, a later chunk: still before
    /// the rename, which follows the last pause).
    @Test func killedAtKnownPointsOfTheWriteKeepsTheOldCheckpoint() throws {
        let old = try checkpoint(seed: 1)
        let new = try checkpoint(seed: 2)
        #expect(old != new)
        let folder = directory.appendingPathComponent("target")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent("model.json")
        try old.write(to: target)
        let save = try script("save-new.kan", "save_model(\(Self.model(seed: 2)), args[0])\n")
        let chunk = 1 << 16
        func temporarySize() -> Int? {
            guard let name = try? leftovers(folder, besides: "model.json").first(where: { $0.hasPrefix(".model.json.tmp-") })
            else { return nil }
            return try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.size] as? Int
        }
        for offset in [0, chunk, new.count / chunk / 2 * chunk, new.count] {
            for name in try leftovers(folder, besides: "model.json") {
                try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
            let running = try RunningKan([save, target.path], environment: ["KAN_TEST_WRITE_PAUSE_US": "100000"])
            #expect(RunningKan.wait(timeout: 120) { (temporarySize() ?? -1) >= offset }, "offset \(offset)")
            running.send(SIGKILL)
            #expect(running.waitForExit(timeout: 20) != nil)
            #expect(running.terminatingSignal == SIGKILL, "offset \(offset)")
            #expect(try Data(contentsOf: target) == old, "offset \(offset): the old checkpoint changed")
            // The partial temporary file shows where the write was stopped: a whole number of chunks, or all of it.
            let size = temporarySize() ?? -1
            #expect(size >= offset && (size % chunk == 0 || size == new.count), "offset \(offset): \(size) bytes")
        }
        // The old checkpoint still loads, the partial files are invisible to loading.
        let load = try KanBinary.run(["-e", "load_model(args[0]).steps == 0", target.path])
        #expect(load.status == 0 && load.standardOutput == "true\n", "\(load.standardError)")
        // The next complete save replaces it and clears the leftovers of dead processes.
        let complete = try KanBinary.run([save, target.path])
        #expect(complete.status == 0, "\(complete.standardError)")
        #expect(try Data(contentsOf: target) == new)
        #expect(try leftovers(folder, besides: "model.json").isEmpty)
    }

    /// Real `kill -9` from outside, at delays spread over a loop that saves two models in
    /// turn: after each kill the file is exactly one of the two. Writing a megabyte takes
    /// a few milliseconds against 100 ms of encoding, so the test hook pauses 20 ms after
    /// each 64 KiB, and rounds go on (24 at least, 80 at most) until 8 kills have landed
    /// inside a write.
    @Test func killedAtRandomMomentsTheFileIsAlwaysACompleteCheckpoint() throws {
        let first = try checkpoint(seed: 1)
        let second = try checkpoint(seed: 2)
        let folder = directory.appendingPathComponent("loop")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent("model.json")
        let loop = try script("loop.kan", """
            let a = \(Self.model(seed: 1))
            let b = \(Self.model(seed: 2))
            save_model(a, args[0])
            save_model(a, args[1])
            while true {
                save_model(b, args[0])
                save_model(a, args[0])
            }

            """)
        let started = folder.appendingPathComponent("started.json")
        var killedMidWrite = 0, rounds = 0
        for round in 0..<80 where round < 24 || killedMidWrite < 8 {
            rounds += 1
            try? FileManager.default.removeItem(at: started)
            let running = try RunningKan([loop, target.path, started.path], environment: ["KAN_TEST_WRITE_PAUSE_US": "20000"])
            // Wait for the loop to begin, then kill at a delay that sweeps over several saves.
            #expect(RunningKan.wait(timeout: 60) { FileManager.default.fileExists(atPath: started.path) })
            usleep(useconds_t(20_000 + (round % 24) * 37_000))
            running.send(SIGKILL)
            #expect(running.waitForExit(timeout: 20) != nil)
            #expect(running.terminatingSignal == SIGKILL)
            let bytes = try Data(contentsOf: target)
            #expect(bytes == first || bytes == second, "round \(round): the checkpoint is neither model (\(bytes.count) bytes)")
            if try !leftovers(folder, besides: "model.json").filter({ $0.hasPrefix(".model.json.tmp-") }).isEmpty {
                killedMidWrite += 1
            }
        }
        print("kill -9 at \(rounds) moments of a loop of saves: \(killedMidWrite) landed inside a write")
        #expect(killedMidWrite >= 8, "only \(killedMidWrite) of \(rounds) kills hit a write")
    }
}
