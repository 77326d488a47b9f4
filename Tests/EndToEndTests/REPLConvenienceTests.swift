import Foundation
import Testing

/// The REPL's conveniences, typed at a real terminal: quitting by word, help for keywords,
/// short echoes, `_`, numbered inputs with a call stack, one echo of a printed table,
/// a multi-line input recalled whole, and Tab on fields and file names.
@Suite(.serialized) struct REPLConvenienceTests {
    let history = FileManager.default.temporaryDirectory.appendingPathComponent("kan-history-\(UUID().uuidString)").path

    func startREPL() throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(executable: KanBinary.url.path, arguments: [], environment: ["KAN_HISTORY": history, "TERM": "dumb"])
        #expect(terminal.waitFor("kan> "))
        return terminal
    }

    @Test func exitAndQuitLeave() throws {
        for word in ["exit", "quit", "quit()", "exit()"] {
            let terminal = try startREPL()
            terminal.typeAtPrompt("\(word)\n")
            #expect(terminal.waitForExit() == 0, "\(word)")
            #expect(!terminal.transcript.contains("undefined"), "\(word)")
        }
        // A variable of that name is the variable.
        let terminal = try startREPL()
        terminal.typeAtPrompt("let quit = 5\n")
        let mark = terminal.end
        terminal.typeAtPrompt("quit\n")
        #expect(terminal.waitFor("5", after: mark))
        terminal.quitAtPrompt()
        #expect(terminal.waitForExit() == 0)
    }

    @Test func helpForKeywordsAndShortEchoes() throws {
        let terminal = try startREPL()
        var mark = terminal.end
        terminal.typeAtPrompt(":help symbols\n")
        #expect(terminal.waitFor("binds each name to a symbol", after: mark))
        mark = terminal.end
        terminal.typeAtPrompt(":help primitive\n")
        #expect(terminal.waitFor("adds a function to the library", after: mark))
        mark = terminal.end
        terminal.typeAtPrompt("range(200000)\n")
        #expect(terminal.waitFor("(200000 elements)", after: mark))
        #expect(terminal.transcript[mark...].count < 2_000)
        mark = terminal.end
        terminal.typeAtPrompt("len(_)\n")
        #expect(terminal.waitFor("200000", after: mark))
        mark = terminal.end
        terminal.typeAtPrompt("let big = range(100000)\n")
        terminal.typeAtPrompt(":vars\n")
        #expect(terminal.waitFor("big = [0, 1, 2, 3, 4, …, 99995, 99996, 99997, 99998, 99999] (100000 elements)", after: mark))
        mark = terminal.end
        terminal.typeAtPrompt("\"kan\"\n")
        #expect(terminal.waitFor("\"kan\"", after: mark))
        terminal.quitAtPrompt()
        #expect(terminal.waitForExit() == 0)
    }

    @Test func errorsNameTheirInputAndTheCalls() throws {
        let terminal = try startREPL()
        terminal.typeAtPrompt("fn f(a) {\n")
        #expect(terminal.waitFor("...> "))
        terminal.type("a / \"x\"\n}\n")
        let mark = terminal.end
        terminal.typeAtPrompt("f(1)\n")
        #expect(terminal.waitFor("<repl-1>:2:3: error:", after: mark))
        #expect(terminal.waitFor("<repl-2>:1:2: note: in a call of 'f'", after: mark))
        terminal.quitAtPrompt()
        #expect(terminal.waitForExit() == 0)
    }

    @Test func aPrintedTableIsNotEchoedAgain() throws {
        let terminal = try startREPL()
        terminal.typeAtPrompt("symbols x, y\n")
        terminal.typeAtPrompt("let g = discover(dataset(x*y, ranges: {x: [1, 2], y: [1, 2]}, n: 200), time_limit: 10)\n")
        var mark = terminal.end
        terminal.typeAtPrompt("pareto(g)\n")
        #expect(terminal.waitFor("complexity  validation RMSE", after: mark))
        terminal.typeAtPrompt("len(_) > 0\n")
        #expect(terminal.waitFor("true", after: mark))
        #expect(!terminal.transcript[mark...].contains("[{complexity"))
        mark = terminal.end
        // Asked for quietly, the records are the value, and show.
        terminal.typeAtPrompt("pareto(g, quiet: true)\n")
        #expect(terminal.waitFor("[{complexity", after: mark))
        terminal.quitAtPrompt()
        #expect(terminal.waitForExit() == 0)
    }

    @Test func aMultiLineInputIsRecalledWhole() throws {
        let terminal = try startREPL()
        terminal.typeAtPrompt("if true {\n")
        #expect(terminal.waitFor("...> "))
        terminal.type("print(\"block\" + \"ran\")\n}\n")
        #expect(terminal.waitFor("blockran"))
        let mark = terminal.end
        // Ctrl-P (previous-history) once: the whole block, not its closing brace.
        terminal.typeAtPrompt("\u{10}\n")
        #expect(terminal.waitFor("blockran", after: mark))
        #expect(!terminal.transcript[mark...].contains("error"))
        terminal.quitAtPrompt()
        #expect(terminal.waitForExit() == 0)
        let saved = (try? String(contentsOfFile: history, encoding: .utf8)) ?? ""
        #expect(saved.contains("if true {\nprint(\"block\" + \"ran\")\n}"))
    }

    @Test func tabCompletesFieldsAndFileNames() throws {
        let folder = ScratchFolder.make("kan-tab")
        _ = try ScratchFolder.write("x,y\n1,2\n3,4\n", to: "measurements-unique.csv", in: folder)
        let terminal = try startREPL()
        terminal.typeAtPrompt("let rec = {alphabet: 26, beta: 2}\n")
        var mark = terminal.end
        terminal.typeAtPrompt("rec.alph\t\n")
        #expect(terminal.waitFor("26", after: mark))
        mark = terminal.end
        terminal.typeAtPrompt("load_csv(\"\(folder.path)/measurements-u\t)\n")
        #expect(terminal.waitFor("<dataset 2 samples", after: mark))
        terminal.quitAtPrompt()
        #expect(terminal.waitForExit() == 0)
    }
}
