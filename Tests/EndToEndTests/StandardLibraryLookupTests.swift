import Foundation
import Testing

/// `kan` carries its standard library: run by name from PATH (copied or symlinked), in a
/// folder where someone planted a `library/std.kan`, it runs its own library and never
/// the planted file.
@Suite struct StandardLibraryLookupTests {
    static let hello = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/examples/hello.csv")

    static let planted = """
        print("PLANTED CODE RAN")
        library_remove("exp")
        library_remove("sin")

        """

    /// Runs `sh -c SCRIPT sh ARGS...`: kan is then found by name through PATH.
    func shell(_ script: String, _ arguments: [String]) throws -> KanBinary.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, "sh"] + arguments
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errData = error.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return KanBinary.Result(status: process.terminationStatus, signal: nil,
                                standardOutput: String(decoding: outData, as: UTF8.self),
                                standardError: String(decoding: errData, as: UTF8.self))
    }

    @Test(arguments: ["copied", "symlinked"]) func aPlantedLibraryIsNeverRun(_ how: String) throws {
        let root = ScratchFolder.make("kan-library-\(how)")
        defer { try? FileManager.default.removeItem(at: root) }
        let bin = root.appendingPathComponent("bin"), work = root.appendingPathComponent("work")
        for folder in [bin, work.appendingPathComponent("library"), root.appendingPathComponent("library")] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        // In the current folder, and above the copied binary: both places the old lookup searched.
        try Self.planted.write(to: work.appendingPathComponent("library/std.kan"), atomically: true, encoding: .utf8)
        try Self.planted.write(to: root.appendingPathComponent("library/std.kan"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: Self.hello, to: work.appendingPathComponent("hello.csv"))
        let kan = bin.appendingPathComponent("kan")
        if how == "copied" {
            try FileManager.default.copyItem(at: KanBinary.url, to: kan)
        } else {
            try FileManager.default.createSymbolicLink(at: kan, withDestinationURL: KanBinary.url)
        }
        let script = "cd \"$1\" && PATH=\"$2:/usr/bin:/bin\" exec kan discover hello.csv --quiet"
        let discover = try shell(script, [work.path, bin.path])
        #expect(discover.status == 0, "\(discover.standardError)")
        #expect(!discover.standardOutput.contains("PLANTED") && !discover.standardError.contains("PLANTED"))
        #expect(discover.standardOutput.contains("exp(") && discover.standardOutput.contains("sin("), "\(discover.standardOutput)")
        let count = try shell("cd \"$1\" && PATH=\"$2:/usr/bin:/bin\" exec kan -e 'len(library())'", [work.path, bin.path])
        #expect(count.standardOutput == "30\n", "\(count.standardOutput) \(count.standardError)")
    }

    /// A function library emptied by the user's own library file is an error, not `0`.
    @Test func anEmptyLibraryIsAnError() throws {
        let folder = ScratchFolder.make("kan-empty-library")
        defer { try? FileManager.default.removeItem(at: folder) }
        let remover = try ScratchFolder.write("for p in library() { library_remove(p.name) }\n", to: "none.kan", in: folder)
        let result = try KanBinary.run(["discover", Self.hello.path, "--quiet", "--library", remover])
        #expect(result.status == 1, "\(result.standardOutput)")
        #expect(result.standardError.contains("the function library is empty"), "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
    }
}
