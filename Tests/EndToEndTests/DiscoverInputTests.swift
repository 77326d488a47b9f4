import Foundation
import Testing

/// What `kan discover` reads as a scientist's files come: semicolon and tab separators,
/// standard input, headers with units, and the messages when the columns do not fit.
@Suite struct DiscoverInputTests {
    let folder = ScratchFolder.make("kan-input")

    /// 200 rows of m, v and E = m·v²/2 with the given header and separator.
    func energy(header: [String], separator: String = ",") -> String {
        var text = header.joined(separator: separator) + "\n"
        for row in 0..<200 {
            let m = 1 + Double(row % 17) / 4, v = 1 + Double((row * 7) % 23) / 5
            text += ["\(m)", "\(v)", "\(m * v * v / 2)"].joined(separator: separator) + "\n"
        }
        return text
    }

    @Test func semicolonAndTabFilesAreDetected() throws {
        for separator in [";", "\t"] {
            let path = try ScratchFolder.write(energy(header: ["m", "v", "E"], separator: separator), to: "e.csv", in: folder)
            let result = try KanBinary.run(["discover", path, "--quiet"])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput == "m*v^2/2\n")
        }
    }

    @Test func anExplicitDelimiterAndItsHint() throws {
        let path = try ScratchFolder.write(energy(header: ["m", "v", "E"], separator: ";"), to: "e.csv", in: folder)
        let ok = try KanBinary.run(["discover", path, "--delimiter", ";", "--quiet"])
        #expect(ok.standardOutput == "m*v^2/2\n", "\(ok.standardError)")
        let wrong = try KanBinary.run(["discover", path, "--delimiter", ","])
        #expect(wrong.status == 1)
        #expect(wrong.standardError.hasPrefix("\(path):2: error: column 1 (\"m;v;E\"): "), "\(wrong.standardError)")
        #expect(wrong.standardError.hasSuffix("is not a number (the file looks ';'-separated: use --delimiter ';')\n"), "\(wrong.standardError)")
        let refused = try KanBinary.run(["discover", path, "--delimiter", "x"])
        #expect(refused.status != 0 && refused.standardError.contains("--delimiter"), "\(refused.standardError)")
    }

    @Test func standardInputAsDash() throws {
        let result = try KanBinary.run(["discover", "-", "--quiet"], input: energy(header: ["m", "v", "E"]))
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "m*v^2/2\n")
        let bad = try KanBinary.run(["discover", "-"], input: "x,y\n1,abc\n")
        #expect(bad.standardError == "<stdin>:2: error: column 2 (\"y\"): \"abc\" is not a number\n")
    }

    @Test func headersWithUnitsStayValidInEveryFormat() throws {
        let path = try ScratchFolder.write(energy(header: ["m (kg)", "v (m/s)", "E (J)"]), to: "units.csv", in: folder)
        let expected = [
            "text": "`m (kg)`*`v (m/s)`^2/2",
            "sympy": "Symbol('m (kg)')*Symbol('v (m/s)')**2/2",
            "latex": "\\frac{\\mathrm{m\\ (kg)} \\mathrm{v\\ (m/s)}^{2}}{2}",
        ]
        for (format, formula) in expected {
            let result = try KanBinary.run(["discover", path, "--format", format, "--quiet"])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput == formula + "\n", "\(format)")
        }
        let json = try KanBinary.run(["discover", path, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        #expect(object?["formula"] as? String == expected["sympy"])
        #expect(object?["variables"] as? [String] == ["m (kg)", "v (m/s)"])
        #expect(object?["target"] as? String == "E (J)")
    }

    @Test func columnMessagesNameTheFileAndTheColumns() throws {
        let path = try ScratchFolder.write(energy(header: ["m", "v", "E"]), to: "e.csv", in: folder)
        let target = try KanBinary.run(["discover", path, "--target", "Energy"])
        #expect(target.status == 1)
        #expect(target.standardError == "\(path): error: no column named \"Energy\"; the columns are \"m\", \"v\", \"E\"\n")
        let one = try ScratchFolder.write("y\n1\n2\n", to: "one.csv", in: folder)
        let single = try KanBinary.run(["discover", one])
        #expect(single.standardError == "\(one): error: the table has only the target column (\"y\"); at least one input column is needed\n")
        let other = try ScratchFolder.write(energy(header: ["a", "b", "E"]), to: "other.csv", in: folder)
        let test = try KanBinary.run(["discover", path, "--test", other, "--quiet"])
        #expect(test.status == 1)
        #expect(test.standardError == "\(other): error: its input columns \"a\", \"b\" differ from \(path)'s \"m\", \"v\" (target \"E\"); the test table needs the same columns\n")
    }

    @Test func aNegativeTimeLimitIsNamed() throws {
        let path = try ScratchFolder.write(energy(header: ["m", "v", "E"]), to: "e.csv", in: folder)
        let result = try KanBinary.run(["discover", path, "--time-limit", "-5"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("--time-limit must be a positive number of seconds"), "\(result.standardError)")
        #expect(!result.standardError.contains("Missing value"))
    }
}
