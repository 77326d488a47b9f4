import Foundation
import Testing

/// `kan FILE.kan [ARGS...]`, `kan -e CODE` and standard input, run as a user would.
@Suite struct BatchTests {
    let directory = ScratchFolder.make("kan-batch")

    func write(_ name: String, _ text: String) throws -> String {
        try ScratchFolder.write(text, to: name, in: directory)
    }

    @Test func scriptSeesItsArguments() throws {
        let script = try write("args.kan", "print(len(args))\nprint(args[1])\n")
        let result = try KanBinary.run([script, "first", "--second"])
        #expect(result.status == 0)
        #expect(result.standardOutput == "2\n--second\n")
    }

    @Test func executePrintsTheLastValue() throws {
        let result = try KanBinary.run(["-e", "symbols x\nsimplify((x+1)^2 - x^2)"])
        #expect(result.status == 0)
        #expect(result.standardOutput == "2*x + 1\n")
    }

    @Test func standardInputRunsAsAScript() throws {
        let result = try KanBinary.run([], input: "let a = 6\nprint(a * 7)\n")
        #expect(result.status == 0)
        #expect(result.standardOutput == "42\n")
    }

    @Test func errorsAreLocatedWithTheLineAndACaret() throws {
        let script = try write("broken.kan", "let a = 1\nlet b = a +* 2\n")
        let result = try KanBinary.run([script])
        #expect(result.status == 1)
        #expect(result.standardError.contains("broken.kan:2:"))
        #expect(result.standardError.contains("error:"))
        #expect(result.standardError.contains("let b = a +* 2"))
        #expect(result.standardError.contains("^"))
    }

    @Test func aMissingScriptIsAnError() throws {
        let result = try KanBinary.run([directory.appendingPathComponent("absent.kan").path])
        #expect(result.status == 1)
        let path = directory.appendingPathComponent("absent.kan").path
        #expect(result.standardError == "kan: error: cannot read '\(path)': the file does not exist\n")
    }

    @Test func runHelpShowsTheHelp() throws {
        for flag in ["--help", "-h"] {
            let result = try KanBinary.run(["run", flag])
            #expect(result.status == 0, "\(flag): \(result.standardError)")
            #expect(result.standardOutput.contains("USAGE: kan run"), "\(flag): \(result.standardOutput)")
            #expect(!result.standardError.contains("cannot read"))
        }
        // After a script, the words are the script's arguments.
        let script = try write("args.kan", "print(args)\n")
        #expect(try KanBinary.run(["run", script, "--help"]).standardOutput == "[\"--help\"]\n")
    }

    @Test func interruptingABatchRunExitsWith130() throws {
        // The script saves a model to args[0] once it runs (its handlers are in place), then loops.
        let script = try write("loop.kan", "save_model(kan([2, 1]), args[0])\nlet i = 0\nwhile true { i = i + 1 }\n")
        let started = try write("started.json", "")
        try FileManager.default.removeItem(atPath: started)
        let process = Process()
        process.executableURL = KanBinary.url
        process.arguments = [script, started]
        process.standardError = Pipe()
        try process.run()
        #expect(RunningKan.wait(timeout: 60) { FileManager.default.fileExists(atPath: started) })
        kill(process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            Issue.record("kan did not stop within 20 s of SIGINT")
        }
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
    }
}
