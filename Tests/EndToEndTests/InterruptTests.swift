import Foundation
import Testing

/// SIGINT (Ctrl-C) delivered to a running `kan` in the long native computations — edge
/// matching, exact simplification, `kan discover` — and during saves: a batch run stops
/// within about a second with status 130 and leaves no half-written file; the REPL goes
/// back to its prompt with its variables intact.
@Suite struct InterruptTests {
    let directory = ScratchFolder.make("kan-interrupt")

    func script(_ name: String, _ text: String) throws -> String {
        try ScratchFolder.write(text, to: name, in: directory)
    }

    /// Matching every edge of a wide network against the whole library: tens of seconds.
    static let matchingWork = """
        symbols a, b, c, d
        let data = dataset(sin(a) + b * c - exp(d), ranges: {a: [-1, 1], b: [-1, 1], c: [-1, 1], d: [-1, 1]}, n: 200)
        let m = train(kan([4, 30, 30, 1]), data, steps: 1)
        """

    /// An expression whose simplification multiplies out hundreds of thousands of terms: about
    /// 9 s on a quiet machine, so that Ctrl-C 1–2 s in always lands inside it.
    static let simplifyWork = """
        symbols x, y, z
        let e = 0
        for i in range(1, 400) { e = e + (x + i*y + z)^9 * (y - i*z + 1)^7 }
        """

    /// Starts `script` with `marker` as its argument, waits until the script has written
    /// the marker (its long step begins just after), then `delay` more seconds, and sends
    /// SIGINT. Returns the process, ended, and the seconds from SIGINT to its end.
    func interrupt(_ script: String, marker: URL, delay: Double, extra: [String] = []) throws -> (RunningKan, Double?) {
        let running = try RunningKan([script, marker.path] + extra)
        #expect(RunningKan.wait(timeout: 120) { FileManager.default.fileExists(atPath: marker.path) }, "the script did not start its work")
        usleep(useconds_t(delay * 1e6))
        #expect(running.process.isRunning, "the work ended before the interrupt: make it longer")
        running.send(SIGINT)
        let seconds = running.waitForExit(timeout: 30)
        print("SIGINT to exit, \(URL(fileURLWithPath: script).lastPathComponent): \(seconds.map { String(format: "%.3f s", $0) } ?? "time-out")")
        return (running, seconds)
    }

    @Test func controlCStopsEdgeMatchingInABatchRun() throws {
        let path = try script("match.kan", Self.matchingWork + """

            save_model(m, args[0])
            let s = auto_symbolic(m, quiet: true)
            print("finished")

            """)
        let (running, seconds) = try interrupt(path, marker: directory.appendingPathComponent("match-started.json"), delay: 1)
        #expect(seconds != nil && seconds! < 5, "auto_symbolic took \(seconds ?? -1) s to stop")
        #expect(running.exitStatus == 130, "\(running.standardError)")
        #expect(running.standardError.contains("interrupted"))
        #expect(!running.standardOutput.contains("finished"))
    }

    @Test func controlCStopsSimplificationInABatchRun() throws {
        let path = try script("simplify.kan", Self.simplifyWork + """

            save_model(kan([1, 1]), args[0])
            let s = simplify(e)
            print("finished")

            """)
        let (running, seconds) = try interrupt(path, marker: directory.appendingPathComponent("simplify-started.json"), delay: 1)
        #expect(seconds != nil && seconds! < 5, "simplify took \(seconds ?? -1) s to stop")
        #expect(running.exitStatus == 130, "\(running.standardError)")
        #expect(running.standardError.contains("interrupted"))
        #expect(!running.standardOutput.contains("finished"))
    }

    /// `train` returns the model of its last step, the program stops before the next
    /// statement, so the model it would have saved is not written at all.
    @Test func controlCStopsTrainingInABatchRunBeforeItsSave() throws {
        let output = directory.appendingPathComponent("trained.json")
        let path = try script("train.kan", """
            symbols x, y
            let data = dataset(exp(x + y), ranges: {x: [-1, 1], y: [-1, 1]}, n: 200)
            save_model(kan([1, 1]), args[0])
            let m = train(kan([2, 5, 1]), data, steps: 1000000)
            save_model(m, args[1])

            """)
        let (running, seconds) = try interrupt(path, marker: directory.appendingPathComponent("train-started.json"), delay: 1,
                                               extra: [output.path])
        #expect(seconds != nil && seconds! < 5, "train took \(seconds ?? -1) s to stop")
        #expect(running.exitStatus == 130, "\(running.standardError)")
        #expect(running.standardError.contains("training interrupted"), "\(running.standardError)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func controlCStopsDiscoverWithStatus130() throws {
        // Six inputs and no exact law within reach: the search runs every wave (about 4.5 s
        // on a quiet machine, longer under load), and the Ctrl-C comes 1.5 s in.
        var text = "u,v,w,a,b,c,target\n"
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return -1 + 2 * Double(state >> 11) / Double(1 << 53)
        }
        for _ in 0..<600 {
            let u = uniform(), v = uniform(), w = uniform(), a = uniform(), b = uniform(), c = uniform()
            let y = sin(3 * u) * exp(v) + w * w / (1.5 + u) + tanh(a * b) * cos(2 * c)
            text += "\(u),\(v),\(w),\(a),\(b),\(c),\(y)\n"
        }
        let data = directory.appendingPathComponent("hard.csv")
        try text.write(to: data, atomically: true, encoding: .utf8)
        let running = try RunningKan(["discover", data.path, "--time-limit", "300"])
        usleep(1_500_000)
        #expect(running.process.isRunning, "discover ended before the interrupt")
        running.send(SIGINT)
        let seconds = running.waitForExit(timeout: 30)
        print("SIGINT to exit, kan discover: \(seconds.map { String(format: "%.3f s", $0) } ?? "time-out")")
        #expect(seconds != nil && seconds! < 5, "discover took \(seconds ?? -1) s to stop")
        #expect(running.exitStatus == 130, "\(running.standardError)")
        #expect(running.standardError.contains("interrupted"), "\(running.standardError)")
        // With a formula found, it is still the last line of standard output.
        if running.standardError.contains("the best formula found so far follows") {
            #expect(running.standardOutput.split(separator: "\n").last.map { !$0.isEmpty } == true, "\(running.standardOutput)")
        }
    }

    /// SIGINT during a loop of saves: the save under way finishes, the program stops at its
    /// next step, and the file is one complete checkpoint.
    @Test func controlCDuringSavesLeavesACompleteCheckpoint() throws {
        let folder = directory.appendingPathComponent("saves")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent("model.json")
        let reference = folder.appendingPathComponent("reference.json")
        let path = try script("saves.kan", """
            let a = \(CheckpointKillTests.model(seed: 1))
            save_model(a, args[1])
            save_model(a, args[0])
            while true { save_model(a, args[1]) }

            """)
        for round in 0..<6 {
            try? FileManager.default.removeItem(at: target)
            let (running, seconds) = try interrupt(path, marker: target, delay: 0.05 + 0.13 * Double(round), extra: [reference.path])
            #expect(seconds != nil && seconds! < 5)
            #expect(running.exitStatus == 130, "\(running.standardError)")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            #expect(names == ["model.json", "reference.json"], "round \(round): \(names)")
            #expect(try Data(contentsOf: reference) == Data(contentsOf: target), "round \(round): the checkpoint is incomplete")
        }
    }
}

/// Ctrl-C typed at the REPL during edge matching and simplification.
@Suite(.serialized) struct REPLInterruptTests {
    let history = FileManager.default.temporaryDirectory.appendingPathComponent("kan-history-\(UUID().uuidString)").path

    /// Runs `setup`, defines `kept`, starts `work`, presses Ctrl-C two seconds in, and
    /// expects `message`, the prompt, and `kept` still defined.
    func interruptAtPrompt(setup: String, work: String, message: String = "interrupted") throws {
        let terminal = try PseudoTerminal(executable: KanBinary.url.path, arguments: [], environment: ["KAN_HISTORY": history, "TERM": "dumb"])
        #expect(terminal.waitFor("kan> "))
        // Setting up can take longer than typeAtPrompt waits on a loaded machine.
        for line in setup.split(separator: "\n").map(String.init) + ["let kept = 42"] {
            let mark = terminal.end
            terminal.type(line + "\n")
            #expect(terminal.waitFor("kan> ", after: mark, timeout: 120), "no prompt after \(line)")
        }
        usleep(100_000)
        terminal.type(work + "\n")
        usleep(2_000_000)
        var mark = terminal.end
        let pressed = Date()
        terminal.pressControlC()
        #expect(terminal.waitFor(message, after: mark, timeout: 10), "no '\(message)' after Ctrl-C: \(terminal.transcript.suffix(400))")
        #expect(terminal.waitFor("kan> ", after: mark, timeout: 10))
        print("Ctrl-C to prompt, REPL \(work): \(String(format: "%.3f s", Date().timeIntervalSince(pressed)))")
        #expect(Date().timeIntervalSince(pressed) < 5)
        mark = terminal.end
        terminal.typeAtPrompt("kept + 1\n")
        #expect(terminal.waitFor("43", after: mark))
        terminal.quitAtPrompt()
        #expect(terminal.waitForExit() == 0)
    }

    @Test func controlCStopsAutoSymbolicAndKeepsTheSession() throws {
        try interruptAtPrompt(setup: InterruptTests.matchingWork, work: "let s = auto_symbolic(m, quiet: true)")
    }

    @Test func controlCStopsSimplifyAndKeepsTheSession() throws {
        try interruptAtPrompt(setup: InterruptTests.simplifyWork, work: "let s = simplify(e)")
    }

    @Test func controlCStopsDiscoverWithTheBestFormulaSoFar() throws {
        try interruptAtPrompt(setup: """
            symbols u, v, w, a, b, c
            let data = dataset(sin(3*u) * exp(v) + w^2 / (1.5 + u) + tanh(a*b) * cos(2*c), ranges: {u: [-1, 1], v: [-1, 1], w: [-1, 1], a: [-1, 1], b: [-1, 1], c: [-1, 1]}, n: 600)
            """, work: "let r = discover(data, time_limit: 300)")
    }
}
