import Foundation
import Testing
@testable import KanLang
@testable import KanLangCore

@Suite("Data builtins")
struct DataBuiltinTests {
    @Test func datasetFromAnExpression() {
        #expect(output(of: """
            symbols x, y
            let d = dataset(x*y, ranges: {x: [-1, 1], y: [0, 2]}, n: 50, seed: 3)
            print(d.n, d.inputs, d.target, type(d))
            print(min(d.x) >= -1, max(d.y) <= 2, len(d.f))
            print(rmse(x*y, d), column(d, "y") == d.y)
            print(d)
            """) == "50 [\"x\", \"y\"] f dataset\ntrue true 50\n0 true\n<dataset 50 samples, inputs [x, y] -> f>\n")
    }

    @Test func datasetsAreSeeded() {
        let script = "symbols x\nlet d = dataset(sin(x), ranges: {x: [0, 1]}, n: 5, seed: SEED)\nprint(d.x)"
        let a = output(of: script.replacingOccurrences(of: "SEED", with: "1"))
        #expect(a == output(of: script.replacingOccurrences(of: "SEED", with: "1")))
        #expect(a != output(of: script.replacingOccurrences(of: "SEED", with: "2")))
    }

    @Test func datasetFromAFunctionWithNoise() {
        #expect(output(of: """
            let d = dataset((a, b) -> a + b, ranges: {a: [0, 1], b: [0, 1]}, n: 200, noise: 0.1, target: "s")
            print(d.target, rmse((a, b) -> a + b, d) > 0.05, rmse((a, b) -> a + b, d) < 0.2)
            """) == "s true true\n")
    }

    @Test func datasetErrors() {
        #expect(errorMessage(of: "symbols x, y\ndataset(x*y, ranges: {x: [0, 1]})") == "the source uses 'y', which has no range")
        #expect(errorMessage(of: "symbols x\ndataset(x, ranges: {x: [1]})") == "the range of 'x' must be a list [low, high] of two numbers")
        #expect(errorMessage(of: "symbols x\ndataset(1/x, ranges: {x: [0, 0]})").hasPrefix("the source is"))
        #expect(errorMessage(of: "symbols x\ndataset(x, ranges: {x: [0, 1]}, n: 0)") == "n must be between 1 and 10000000, got 0")
        #expect(errorMessage(of: "symbols x\ndataset(x, ranges: {x: [0, 1], y: [0, 1]}, n: 10000000)")
                == "10000000 samples of 3 columns are more than 20000000 values")
        #expect(errorMessage(of: "symbols x\ncolumn(dataset(x, ranges: {x: [0, 1]}, n: 2), \"z\")") == "the data set has no column 'z'; its columns are x, f")
        #expect(errorMessage(of: "dataset(a -> \"s\", ranges: {a: [0, 1]})") == "the function must return a number, got string")
    }

    @Test func trainTestAndSplit() {
        #expect(output(of: """
            symbols x
            let parts = train_test(x^2, ranges: {x: [-1, 1]}, n: 30, test: 10)
            print(parts.train.n, parts.test.n, parts.train.x == parts.test.x)
            let halves = split_data(parts.train, test: 0.5)
            print(halves.train.n + halves.test.n, halves.test.target)
            """) == "30 10 false\n30 f\n")
        #expect(errorMessage(of: "symbols x\ntrain_test(x, ranges: {x: [0, 1]}, test: -1)") == "test must be between 1 and 10000000, got -1")
        #expect(errorMessage(of: "split_data(1)") == "split_data: argument 'data' must be dataset, got number")
    }

    @Test func csvRoundTrip() throws {
        let directory = temporaryDirectory()
        let path = directory.appendingPathComponent("d.csv").path
        #expect(output(of: """
            symbols x, y
            let d = dataset(x + 1/3, ranges: {x: [0, 1], y: [2, 3]}, n: 20)
            save_csv(d, "\(path)")
            let back = load_csv("\(path)")
            print(back.n, back.inputs, back.target, back.f == d.f)
            let other = load_csv("\(path)", target: "x")
            print(other.inputs, other.target)
            """) == "20 [\"x\", \"y\"] f true\n[\"y\", \"f\"] x\n")
    }

    @Test func csvErrorsAreLocated() throws {
        let directory = temporaryDirectory()
        let path = directory.appendingPathComponent("bad.csv")
        try "a,b\n1,2\n3,oops\n".write(to: path, atomically: true, encoding: .utf8)
        let text = output(of: "let d = load_csv(\"\(path.path)\")")
        #expect(text.contains("test.kan:1:18: error:"))
        #expect(text.contains("bad.csv:3"))
        #expect(errorMessage(of: "load_csv(\"/nonexistent/x.csv\")").contains("x.csv"))
        try "a,b\n1,2\n".write(to: path, atomically: true, encoding: .utf8)
        #expect(errorMessage(of: "load_csv(\"\(path.path)\", target: \"c\")").hasPrefix("'\(path.path)' has no column \"c\"; its columns are \"a\", \"b\""))
        try "y\n1\n2\n".write(to: path, atomically: true, encoding: .utf8)
        #expect(errorMessage(of: "load_csv(\"\(path.path)\")") == "'\(path.path)' has only the column \"y\"; a data set needs inputs and a target")
        #expect(errorMessage(of: "save_csv(1, \"x.csv\")") == "save_csv: argument 'data' must be dataset, got number")
    }

    @Test func nonFiniteRowsAreErrorsUnlessDropped() throws {
        let path = temporaryDirectory().appendingPathComponent("gaps.csv")
        try "x,y\n1,2\n2,nan\n3,6\ninf,8\n".write(to: path, atomically: true, encoding: .utf8)
        // One "error:" (the call's), then the file's place: the prefix is not doubled.
        #expect(errorMessage(of: "load_csv(\"\(path.path)\")")
            == "\(path.path):5: column 1 (\"x\"): \"inf\" is not a finite number (infinite, or too large for a Double); fix or remove the row, or leave such rows out with --drop-nonfinite (KanLang: load_csv(path, drop_nonfinite: true))")
        let warnings = OutputCapture()
        let capture = OutputCapture()
        let interpreter = makeInterpreter(capture) { $0.warningOutput = { warnings.write($0) } }
        try interpreter.run(source: "let d = load_csv(\"\(path.path)\", drop_nonfinite: true)\nprint(d.n, d.x, d.y)", fileName: "test.kan")
        #expect(capture.text == "2 [1, 3] [2, 6]\n")
        #expect(warnings.text == "test.kan:1:17: warning: \(path.path): dropped 1 row with missing values (line 3); dropped 1 row with NaN or infinite values (line 5) (missing: \"error\" refuses missing values)\n")
    }

    @Test func missingValuesAndDelimiters() throws {
        let directory = temporaryDirectory()
        let path = directory.appendingPathComponent("semi.csv")
        try "x;y\n1;2\n2;\n3;NA\n4;8\n".write(to: path, atomically: true, encoding: .utf8)
        let capture = OutputCapture()
        let interpreter = makeInterpreter(capture) { $0.warningOutput = { _ in } }
        try interpreter.run(source: "let d = load_csv(\"\(path.path)\")\nprint(d.n, d.x, d.y)", fileName: "test.kan")
        #expect(capture.text == "2 [1, 4] [2, 8]\n")
        #expect(errorMessage(of: "load_csv(\"\(path.path)\", missing: \"error\")")
            == "\(path.path):3: column 2 (\"y\"): empty cell (a missing value); fill it in, or leave such rows out with --missing drop (KanLang: load_csv(path, missing: \"drop\"))")
        #expect(errorMessage(of: "load_csv(\"\(path.path)\", missing: \"skip\")") == "missing must be \"drop\" or \"error\", not \"skip\"")
        #expect(errorMessage(of: "load_csv(\"\(path.path)\", delimiter: \",\")").contains("use --delimiter ';'"))
        #expect(errorMessage(of: "load_csv(\"\(path.path)\", delimiter: \"x\")").hasPrefix("delimiter must be one of"))
    }
}
