import Foundation
import Testing
@testable import KanLang
@testable import KanLangCore

/// The discovery builtins on tiny networks and data (fast), after std.kan.
@Suite("Discovery builtins")
struct DiscoveryBuiltinTests {
    /// A [1, 1] network trained on sin(3x): one edge, which the library should call sin.
    static let sineModel = """
        symbols x
        let data = dataset(sin(3*x), ranges: {x: [-1, 1]}, n: 200, seed: 0)
        let m = train(kan([1, 1], grid: 5, seed: 0), data, steps: 30)

        """

    @Test func suggestRanksTheLibrary() {
        let text = outputWithStandardLibrary(Self.sineModel + """
            let rows = suggest(m, 0, 0, 0, top: 3)
            print(len(rows), rows[0].name, rows[0].r2 > 0.999, keys(rows[0]))
            """)
        #expect(text.contains("edge (0, 0, 0)\nrank  function"), "\(text)")
        #expect(text.hasSuffix("3 sin true [\"name\", \"r2\", \"cost\", \"score\", \"a\", \"b\", \"c\", \"d\"]\n"), "\(text)")
        let quiet = outputWithStandardLibrary(Self.sineModel + "print(len(suggest(m, 0, 0, 0, top: 2, quiet: true)))")
        #expect(quiet == "2\n")
    }

    @Test func aUserPrimitiveIsSearched() {
        let text = outputWithStandardLibrary("""
            symbols x
            primitive wave = sin(x) + x^3 cost 1
            let data = dataset(sin(2*x) + (2*x)^3, ranges: {x: [-1, 1]}, n: 200, seed: 0)
            let m = train(kan([1, 1], grid: 5, seed: 0), data, steps: 30)
            print(suggest(m, 0, 0, 0, top: 1, quiet: true)[0].name)
            """)
        #expect(text == "wave\n", "\(text)")
    }

    @Test func fixAndUnfix() {
        let text = outputWithStandardLibrary(Self.sineModel + """
            let s = fix(m, 0, 0, 0, "sin")
            let f = formula(s)
            print(f.text)
            let back = unfix(s, 0, 0, 0)
            print(type(back), back != s)
            """)
        #expect(text.hasPrefix("edge (0, 0, 0): sin, R² "), "\(text)")
        #expect(text.hasSuffix("sin(3*x)\nmodel true\n"), "\(text)")
        // The original model is unchanged: its edge is still a spline.
        let unchanged = outputWithStandardLibrary(Self.sineModel + "let s = fix(m, 0, 0, 0, \"sin\")\nformula(m)")
        #expect(unchanged.contains("error: formula: edge (0, 0, 0) is still a spline"), "\(unchanged)")
    }

    @Test func edgeAndNameErrorsAreLocated() {
        let text = outputWithStandardLibrary(Self.sineModel + "fix(m, 0, 0, 0, \"nope\")")
        #expect(text.contains("test.kan:4:17: error: no primitive named 'nope' in the library"), "\(text)")
        let layer = outputWithStandardLibrary(Self.sineModel + "suggest(m, 1, 0, 0)")
        #expect(layer.contains("test.kan:4:12: error: layer 1 out of range: the model has 1 layers (0 to 0)"), "\(layer)")
        let input = outputWithStandardLibrary(Self.sineModel + "unfix(m, 0, 3, 0)")
        #expect(input.contains("error: input 3 out of range: layer 0 has 1 inputs"), "\(input)")
        let empty = output(of: "let m = kan([1, 1])\nsuggest(m, 0, 0, 0)")
        #expect(empty.contains("error: the function library is empty: import \"std.kan\" or declare primitives"), "\(empty)")
        let untrained = outputWithStandardLibrary("let m = kan([1, 1])\nsuggest(m, 0, 0, 0)")
        #expect(untrained.contains("error: suggest: "), "\(untrained)")
        let noData = outputWithStandardLibrary("formula(kan([1, 1]))")
        #expect(noData.contains("error: the model has no data to fit the formula's constants on: train it first"), "\(noData)")
    }

    @Test func autoSymbolicAndFormula() {
        let text = outputWithStandardLibrary(Self.sineModel + """
            let s = auto_symbolic(m)
            let f = formula(s)
            print(f.text, "|", f.latex, "|", f.sympy, "|", f.complexity, f.rmse < 1e-9)
            print(type(f.expr), f.expr == f.expression, latex(f))
            """)
        #expect(text.hasPrefix("edge (0, 0, 0): sin, R² "), "\(text)")
        #expect(text.hasSuffix("""
            sin(3*x) | \\sin{\\left(3 x \\right)} | sin(3*x) | 4 true
            expression true \\sin{\\left(3 x \\right)}

            """), "\(text)")
    }

    /// A checkpoint keeps the variables and the training data (version 2), so the formula
    /// of a loaded model is the formula of the saved one; a version-1 file, without data,
    /// still gives one, with the network's constants and a warning.
    @Test func formulaAfterLoadModel() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kan-formula-\(UUID().uuidString).json").path
        let text = outputWithStandardLibrary(Self.sineModel + """
            let s = auto_symbolic(m, quiet: true)
            save_model(s, "\(path)")
            let back = load_model("\(path)")
            print(back.variables, back.data.n, formula(back).text == formula(s).text, formula(back).text)
            """)
        #expect(text == "[\"x\"] 200 true sin(3*x)\n", "\(text)")
        // The same file as version 1: no variables, no data.
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        object["version"] = 1
        object["variables"] = nil
        object["sample"] = nil
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        let capture = OutputCapture(), warnings = OutputCapture()
        let interpreter = makeInterpreter(capture) {
            $0.libraryPaths = [Repository.library.path]
            $0.warningOutput = { warnings.write($0) }
        }
        try interpreter.run(file: Repository.standardLibrary.path)
        try interpreter.run(source: "let old = load_model(\"\(path)\")\nprint(old.variables, old.data, formula(old).text)", fileName: "old.kan")
        #expect(capture.text.hasPrefix("[\"x1\"] nil "), "\(capture.text)")
        #expect(capture.text.contains("sin("), "\(capture.text)")
        #expect(warnings.text.hasPrefix("old.kan:2:"), "\(warnings.text)")
        #expect(warnings.text.contains("warning: the model has no data"), "\(warnings.text)")
    }

    @Test func autoSymbolicKeepsPoorFitsAsSplines() {
        let text = outputWithStandardLibrary(Self.sineModel + """
            let s = auto_symbolic(m, threshold: 1.01)
            """)
        #expect(text.hasPrefix("edge (0, 0, 0): spline (best sin, R² "), "\(text)")
        #expect(text.hasSuffix(" < 1.01)\n"), "\(text)")
    }

    @Test func discoverAndPareto() {
        let text = outputWithStandardLibrary("""
            symbols x1, x2
            let data = dataset(2*x1 + x2^2, ranges: {x1: [-1, 1], x2: [-1, 1]}, n: 200, seed: 0)
            let f = discover(data, time_limit: 20)
            print(f.text)
            let front = pareto(f)
            print(len(filter(front, e -> e.chosen)))
            """)
        #expect(text.hasPrefix("x2^2 + 2*x1\n") || text.hasPrefix("2*x1 + x2^2\n"), "\(text)")
        #expect(text.contains("complexity  validation RMSE  formula\n"), "\(text)")
        #expect(text.hasSuffix("\n1\n"), "\(text)")
        let notDiscovered = outputWithStandardLibrary("symbols x\npareto(parse(\"x\"))")
        #expect(notDiscovered.contains("error") , "\(notDiscovered)")
    }

    @Test func discoverOnAConstantTargetGivesTheConstant() {
        let text = outputWithStandardLibrary("""
            symbols x, y
            let d = dataset(x - x + 3/2, ranges: {x: [-1, 1], y: [0, 1]}, n: 50)
            let f = discover(d, time_limit: 5)
            print(f.text)
            """)
        #expect(text == "3/2\n", "\(text)")
    }

    /// discover's verdict on the formula value: a law through noise, with the noise level.
    @Test func discoverSaysWhetherTheFormulaIsALaw() {
        let text = outputWithStandardLibrary("""
            symbols x1, x2
            let data = dataset(3/2*x1*x2^2, ranges: {x1: [1, 5], x2: [1, 5]}, n: 600, seed: 0, noise: 0.5)
            let f = discover(data, time_limit: 20)
            print(f.text, f.exact, len(f.unpinned), abs(f.noise / 0.5 - 1) < 0.2)
            print(pareto(f, quiet: true)[0].formula.exact)
            """)
        #expect(text == "3*x1*x2^2/2 true 0 true\nnil\n", "\(text)")
    }

    @Test func discoverRunsTheStagesNamed() {
        // Without the rationalisation the network's constants stay fitted numbers; the power
        // law alone gives x1·x2 exactly.
        let text = outputWithStandardLibrary("""
            symbols x1, x2
            let data = dataset(x1*x2, ranges: {x1: [1, 2], x2: [1, 2]}, n: 200, seed: 0)
            print(discover(data, stages: "power-laws,rationalisation", time_limit: 10).text)
            """)
        #expect(text == "x1*x2\n", "\(text)")
        let bad = outputWithStandardLibrary("""
            symbols x1, x2
            let data = dataset(x1*x2, ranges: {x1: [1, 2], x2: [1, 2]}, n: 200, seed: 0)
            discover(data, stages: "networks,nets")
            """)
        #expect(bad.contains("unknown stage 'nets'"), "\(bad)")
    }

    @Test func structureReportsSplitsAndMerges() {
        let text = outputWithStandardLibrary("""
            symbols x1, x2, x3
            let d = dataset(x1*sin(x2 - x3), ranges: {x1: [1, 2], x2: [1, 3], x3: [1, 3]}, n: 500, seed: 0)
            let s = structure(d)
            print(s.multiplicative)
            print(s.merges[0])
            """)
        #expect(text.hasPrefix("[[\"x1\"], [\"x2\", \"x3\"]]\nx2 - x3\n"), "\(text)")
        let one = outputWithStandardLibrary("""
            symbols x
            structure(dataset(sin(x), ranges: {x: [0, 1]}, n: 50))
            """)
        #expect(one.contains("the structure of a law of one input is its formula"), "\(one)")
    }
}
