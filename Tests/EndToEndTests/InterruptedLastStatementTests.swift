import Foundation
import Testing

/// A batch program whose *last* statement is an interrupted `train` or `discover` — which
/// stop early and return what they have — still ends with status 130, from a script file,
/// `kan -e` and standard input alike (docs/interrupts.md): an interrupted run never looks
/// like a finished one.
@Suite struct InterruptedLastStatementTests {
    let directory = ScratchFolder.make("kan-interrupt-last")

    enum Source { case file, execute, standardInput }

    /// Runs `program` (its work starts once it has written the marker file) from `source`,
    /// sends SIGINT `delay` seconds after the marker appears, and returns the ended process.
    func interrupt(_ program: (String) -> String, from source: Source, delay: Double = 1) throws -> (RunningKan, Double?) {
        let marker = directory.appendingPathComponent("started-\(UUID().uuidString).json")
        let text = program(marker.path)
        let running: RunningKan
        switch source {
        case .file:
            running = try RunningKan([try ScratchFolder.write(text, to: "last-\(UUID().uuidString).kan", in: directory)])
        case .execute:
            running = try RunningKan(["-e", text])
        case .standardInput:
            let input = directory.appendingPathComponent("stdin-\(UUID().uuidString).kan")
            try text.write(to: input, atomically: true, encoding: .utf8)
            running = try RunningKan([], standardInput: input)
        }
        #expect(RunningKan.wait(timeout: 120) { FileManager.default.fileExists(atPath: marker.path) }, "the program did not start its work")
        usleep(useconds_t(delay * 1e6))
        #expect(running.process.isRunning, "the work ended before the interrupt: make it longer")
        running.send(SIGINT)
        let seconds = running.waitForExit(timeout: 30)
        print("SIGINT to exit, last statement, \(source): \(seconds.map { String(format: "%.3f s", $0) } ?? "time-out")")
        return (running, seconds)
    }

    static func training(_ marker: String) -> String {
        """
        symbols x, y
        let data = dataset(exp(x + y), ranges: {x: [-1, 1], y: [-1, 1]}, n: 200)
        save_model(kan([1, 1]), "\(marker)")
        let m = train(kan([2, 5, 1]), data, steps: 1000000)
        """
    }

    @Test(arguments: [Source.file, .execute, .standardInput])
    func interruptedTrainingAsLastStatementExits130(_ source: Source) throws {
        let (running, seconds) = try interrupt(Self.training, from: source)
        #expect(seconds != nil && seconds! < 5, "train took \(seconds ?? -1) s to stop")
        #expect(running.exitStatus == 130, "\(source): \(running.standardError)")
        #expect(running.standardError.contains("training interrupted"), "\(running.standardError)")
        #expect(running.standardError.contains("error: interrupted"), "\(running.standardError)")
    }

    /// The same for a program whose interrupted `train` is followed only by statements
    /// that neither call nor loop (they used to run to a status of 0).
    @Test func interruptedTrainingBeforePlainStatementsExits130() throws {
        let (running, _) = try interrupt({ Self.training($0) + "\nlet n = 1\nlet k = n\n" }, from: .file)
        #expect(running.exitStatus == 130, "\(running.standardError)")
        #expect(running.standardError.contains(":5:1: error: interrupted"), "\(running.standardError)")
    }

    @Test func interruptedDiscoverAsLastStatementExits130() throws {
        let (running, seconds) = try interrupt({ marker in
            """
            symbols u, v, w, a, b, c
            let data = dataset(sin(3*u) * exp(v) + w^2 / (1.5 + u) + tanh(a*b) * cos(2*c), ranges: {u: [-1, 1], v: [-1, 1], w: [-1, 1], a: [-1, 1], b: [-1, 1], c: [-1, 1]}, n: 600)
            save_model(kan([1, 1]), "\(marker)")
            discover(data, time_limit: 300)
            """
        }, from: .execute, delay: 1.5)
        #expect(seconds != nil && seconds! < 5, "discover took \(seconds ?? -1) s to stop")
        #expect(running.exitStatus == 130, "\(running.standardError)")
        #expect(running.standardError.contains("interrupted"), "\(running.standardError)")
    }
}
