import Foundation

/// A `kan` process left running so that a test can signal it: standard output and
/// error go to files (no pipe can fill up and stall it), and the test waits for its end.
final class RunningKan {
    let process = Process()
    private let outputURL: URL
    private let errorURL: URL
    private(set) var started = Date()

    /// Starts `kan arguments`; standard input is the file `standardInput`, or empty.
    init(_ arguments: [String], environment: [String: String] = [:], standardInput: URL? = nil) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kan-running-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        outputURL = folder.appendingPathComponent("stdout")
        errorURL = folder.appendingPathComponent("stderr")
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)
        process.executableURL = KanBinary.url
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: errorURL)
        process.standardInput = try standardInput.map { try FileHandle(forReadingFrom: $0) } ?? FileHandle.nullDevice
        try process.run()
        started = Date()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: outputURL.deletingLastPathComponent())
    }

    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the end; returns the seconds it took, or nil (after killing it) on time-out.
    @discardableResult
    func waitForExit(timeout: Double) -> Double? {
        let start = Date()
        while process.isRunning && Date().timeIntervalSince(start) < timeout { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        return Date().timeIntervalSince(start)
    }

    /// Polls until `condition` holds (true) or `timeout` seconds pass (false).
    static func wait(timeout: Double, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }

    var exitStatus: Int32? { process.terminationReason == .exit ? process.terminationStatus : nil }
    var terminatingSignal: Int32? { process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil }
    var standardOutput: String { (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "" }
    var standardError: String { (try? String(contentsOf: errorURL, encoding: .utf8)) ?? "" }
}
