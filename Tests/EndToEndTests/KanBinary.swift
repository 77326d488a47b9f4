import Foundation

/// Locates the `kan` executable that SwiftPM built beside the test bundle and runs it.
enum KanBinary {
    struct Result {
        var status: Int32
        /// The signal that ended `kan`, if one did (then `status` is its number).
        var signal: Int32?
        var standardOutput: String
        var standardError: String
    }

    static var url: URL {
        // The test bundle lives in .build/<configuration>/; so does `kan`.
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("kan")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/kan")
    }

    /// Runs `kan` with the arguments and optional standard input; waits for it to end.
    /// `environment` is added to the test's; `launcher` (as `["sh", "-c", "ulimit -f 64; exec \"$0\" \"$@\""]`)
    /// runs before `kan`, which it gets as its next argument.
    static func run(_ arguments: [String], input: String? = nil, workingDirectory: URL? = nil,
                    environment: [String: String] = [:], launcher: [String] = []) throws -> Result {
        let process = Process()
        if launcher.isEmpty {
            process.executableURL = url
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = launcher + [url.path] + arguments
        }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        let output = Pipe(), error = Pipe(), inputPipe = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = inputPipe
        try process.run()
        if let input { inputPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try? inputPipe.fileHandleForWriting.close()
        // Read standard error on another thread so that neither pipe can fill up
        // and stall the child while the other is being drained.
        nonisolated(unsafe) var errData = Data()
        let errorRead = DispatchGroup()
        errorRead.enter()
        DispatchQueue.global().async {
            errData = error.fileHandleForReading.readDataToEndOfFile()
            errorRead.leave()
        }
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        errorRead.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            signal: process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil,
            standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self)
        )
    }
}
