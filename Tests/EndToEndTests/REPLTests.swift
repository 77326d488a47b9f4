import Foundation
import Testing

/// The REPL driven through a pseudo-terminal: multi-line input, history kept across
/// sessions, Tab completion, Ctrl-C at the prompt and during a running program.
@Suite(.serialized) struct REPLTests {
    let history = FileManager.default.temporaryDirectory.appendingPathComponent("kan-history-\(UUID().uuidString)").path

    func startREPL() throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(executable: KanBinary.url.path, arguments: [], environment: ["KAN_HISTORY": history, "TERM": "dumb"])
        #expect(terminal.waitFor("kan> "))
        return terminal
    }

    @Test func evaluatesMultiLineInputAndKeepsState() throws {
        let terminal = try startREPL()
        terminal.type("fn twice(v) {\n")
        #expect(terminal.waitFor("...> "))
        terminal.type("return 2 * v\n}\n")
        let mark = terminal.end
        terminal.type("twice(21)\n")
        #expect(terminal.waitFor("42", after: mark))
        terminal.quitAtPrompt()
        #expect(terminal.waitForExit() == 0)
    }

    @Test func completesNamesWithTab() throws {
        let terminal = try startREPL()
        terminal.type("let longvariablename = 7\n")
        let mark = terminal.end
        terminal.type("longvar\t\n")
        #expect(terminal.waitFor("7", after: mark))
        terminal.typeAtPrompt(":qu\t\n")
        #expect(terminal.waitForExit() == 0)
    }

    @Test func keepsHistoryAcrossSessions() throws {
        do {
            let terminal = try startREPL()
            terminal.type("40 + 2\n")
            #expect(terminal.waitFor("42"))
            terminal.typeAtPrompt(":quit\n")
            #expect(terminal.waitForExit() == 0)
        }
        let saved = (try? String(contentsOfFile: history, encoding: .utf8)) ?? ""
        #expect(saved.contains("40 + 2"))
        let terminal = try startREPL()
        let mark = terminal.end
        // Ctrl-P (previous-history) twice: back over `:quit` to the expression.
        terminal.type("\u{10}\u{10}\n")
        #expect(terminal.waitFor("42", after: mark))
        terminal.quitAtPrompt()
        #expect(terminal.waitForExit() == 0)
    }

    @Test func controlCClearsTheLineAndStopsARunningProgram() throws {
        let terminal = try startREPL()
        var mark = terminal.end
        terminal.type("let unfinished = ")
        // The echo shows that readline has the line.
        #expect(terminal.waitFor("let unfinished = ", after: mark))
        terminal.pressControlC()
        #expect(terminal.waitFor("^C"))
        mark = terminal.end
        terminal.type("let i = 0\n")
        // The loop prints 36963 (not in its echo) once it runs.
        terminal.type("while true {\n  if i == 0 { print(12321 * 3) }\n  i = i + 1\n}\n")
        #expect(terminal.waitFor("36963", after: mark))
        terminal.pressControlC()
        #expect(terminal.waitFor("interrupted", after: mark))
        mark = terminal.end
        terminal.type("i > 0\n")
        #expect(terminal.waitFor("true", after: mark))
        terminal.quitAtPrompt()
        #expect(terminal.waitForExit() == 0)
    }
    @Test func controlCDuringTrainingKeepsTheModel() throws {
        let terminal = try startREPL()
        terminal.type("symbols x, y\n")
        terminal.typeAtPrompt("let data = dataset(exp(x + y), ranges: {x: [-1, 1], y: [-1, 1]}, n: 200)\n")
        var mark = terminal.end
        terminal.typeAtPrompt("let m = train(kan([2, 3, 1]), data, steps: 1000000)\n")
        // The progress bar (on the terminal's standard error) is drawn after a step is done.
        #expect(terminal.waitFor("steps/s", after: mark))
        mark = terminal.end
        terminal.pressControlC()
        #expect(terminal.waitFor("kan> ", after: mark))
        mark = terminal.end
        terminal.typeAtPrompt("m.steps > 0\n")
        #expect(terminal.waitFor("true", after: mark))
        terminal.quitAtPrompt()
        #expect(terminal.waitForExit() == 0)
    }
}

extension PseudoTerminal {
    /// Types once the REPL is back at its prompt: keys typed while an evaluation is
    /// still finishing reach a terminal in cooked mode, where Ctrl-D is consumed as
    /// end-of-file by the line discipline instead of reaching readline.
    func typeAtPrompt(_ text: String) {
        let start = transcript.index(transcript.endIndex, offsetBy: -min(transcript.count, 5))
        _ = waitFor("kan> ", after: start, timeout: 10)
        usleep(100_000)
        type(text)
    }

    func quitAtPrompt() {
        typeAtPrompt("\u{04}")
    }
}
