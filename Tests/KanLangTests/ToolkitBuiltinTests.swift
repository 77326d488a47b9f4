import Foundation
import Testing
@testable import KanLang
@testable import KanLangCore

/// pykan's model toolkit in KanLang (issue 19): formula to network, looking inside, surgery,
/// mixed edges, history, structure queries. Small networks and data, after std.kan.
@Suite("Toolkit builtins")
struct ToolkitBuiltinTests {
    static let paper = """
        symbols x, y
        let data = dataset(exp(sin(pi*x) + y^2), ranges: {x: [-1, 1], y: [-1, 1]}, n: 200, seed: 0)

        """

    /// A small trained model on x*y + x.
    static let trained = """
        symbols x, y
        let d = dataset(x*y + x, ranges: {x: [-1, 1], y: [-1, 1]}, n: 100, seed: 1)
        let m = train(kan([2, 3, 1], seed: 0), d, steps: 5)

        """

    func run(_ source: String) -> String { outputWithStandardLibrary(source) }

    func error(_ source: String) -> String {
        let text = run(source)
        guard let range = text.range(of: "error: ") else { return "no error: \(text)" }
        return String(text[range.upperBound...].prefix { $0 != "\n" })
    }

    // MARK: Formula to network

    @Test func kanOfAFormula() {
        #expect(run(Self.paper + """
            let m = kan(exp(sin(pi*x) + y^2))
            print(m.shape, m.variables, rmse(m, data) < 1e-12)
            print(kan(x*y).shape, kan(x, variables: ["x", "y"]).shape)
            """) == "[2, 1, 1] [\"x\", \"y\"] true\n[2, [0, 1]] [2, 1]\n")
        #expect(run(Self.paper + """
            let f = formula(train(kan(exp(sin(pi*x) + y^2)), data, steps: 1))
            print(type(f), kan(f).shape, kan(f).variables)
            """) == "formula [2, 1, 1] [\"x\", \"y\"]\n")
        #expect(error("symbols x\nkan(x^7)").hasPrefix("cannot build a network from the formula: no primitive of the function library computes x^7"))
        #expect(error("symbols x\nkan(2 + 0*x)") == "'2' has no variable: a network needs at least one input")
        #expect(error("symbols x\nkan(x^(1/3))").hasPrefix("cannot build a network from the formula: no primitive of the function library computes x^(1/3)"))
        #expect(error("symbols x, y\nkan(x + y, variables: [\"x\"])") == "cannot build a network from the formula: 'y' is not one of the variables x")
        #expect(error("symbols x\nkan(x, mult: [0, 1])") == "mult: applies to a width list; a formula places its own products")
        #expect(error("symbols x\nkan(x, arity: 3)") == "arity: a formula's multiplication nodes have two factors (more nest)")
    }

    @Test func aCompiledModelRecoversItsFormulaAfterNoise() {
        let text = run(Self.paper + """
            let m = perturb(kan(exp(sin(pi*x) + y^2)), scale: 0.05, seed: 3)
            print(rmse(m, data) > 1e-3)
            m = train(m, data, steps: 30)
            print(formula(m).text)
            """)
        #expect(text == "true\nexp(y^2 + sin(pi*x))\n", "\(text)")
    }

    // MARK: Looking inside

    @Test func edgeDataIsADataset() {
        #expect(run(Self.trained + """
            let e = edge_data(m, 0, 1, 2)
            print(type(e), e.inputs, e.target, e.n)
            print(e.x[0] == d.y[0])
            """) == "dataset [\"x\"] y 100\ntrue\n")
        #expect(error(Self.trained + "edge_data(m, 0, 2, 0)") == "input 2 out of range: layer 0 has 2 inputs")
        #expect(error("edge_data(kan([1, 1]), 0, 0, 0)") == "the model has no data: train it first or pass data:")
    }

    @Test func paramsListEveryLayer() {
        #expect(run("""
            let p = params(kan([2, 3, 1], grid: 4, k: 3))
            print(len(p), keys(p[0]))
            print(len(p[0].coefficients), len(p[0].coefficients[0]), len(p[1].scale_base), p[0].affine[0], p[0].functions[0])
            """) == "2 [\"coefficients\", \"scale_base\", \"scale_spline\", \"mask\", \"affine\", \"functions\", \"mixed\"]\n6 7 3 [1, 0, 1, 0] nil\n")
    }

    @Test func edgeParamsDescribeOneEdge() {
        #expect(run("""
            symbols x
            let e = edge_params(kan([1, 1], grid: 5, k: 3), 0, 0, 0)
            print(e.mode, e.order, len(e.grid), len(e.knots), len(e.coefficients), e.grid[0], e.grid[-1], e.function)
            let s = edge_params(kan(sin(2*x)), 0, 0, 0)
            print(s.mode, s.function, s.a, s.c)
            """) == "spline 3 6 12 8 -1 1 nil\nsymbolic sin 2 1\n")
        #expect(error("edge_params(kan([1, 1]), 1, 0, 0)") == "layer 1 out of range: the model has 1 layers (0 to 0)")
    }

    @Test func perturbIsSeeded() {
        #expect(run(Self.trained + """
            let a = perturb(m, scale: 0.1, seed: 1)
            let b = perturb(m, scale: 0.1, seed: 1)
            print(predict(a, d) == predict(b, d), predict(a, d) == predict(m, d), predict(perturb(m, scale: 0), d) == predict(m, d))
            """) == "true false true\n")
        #expect(error(Self.trained + "perturb(m, scale: -1)") == "scale must be a finite number >= 0")
        #expect(error(Self.trained + "perturb(m, scale: 1e308)") == "invalid KAN configuration: noise of scale 1e+308 makes a parameter infinite")
    }

    // MARK: Surgery

    @Test func removeEdgeAndNode() {
        #expect(run(Self.trained + """
            let r = remove_edge(m, 0, 0, 0)
            print(edge_params(r, 0, 0, 0).mode, edge_params(m, 0, 0, 0).mode)
            print(remove_node(m, 1, 2).shape, m.shape)
            """) == "removed spline\n[2, 2, 1] [2, 3, 1]\n")
        #expect(error(Self.trained + "remove_node(m, 0, 0)").hasPrefix("index out of range: level 0 is not a hidden level"))
        #expect(error("remove_node(kan([2, 1, 1]), 1, 0)") == "invalid KAN configuration: node 0 is the last node of level 1: a level needs at least one")
        #expect(error(Self.trained + "remove_edge(remove_edge(m, 0, 0, 0), 0, 0, 0)") == "edge (0, 0, 0) was pruned")
    }

    @Test func expandWidthAndDepthKeepTheFunction() {
        #expect(run(Self.trained + """
            let w = expand_width(m, 1, n: 2)
            let p = expand_width(m, 1, mult: true)
            let deep = expand_depth(m)
            print(w.shape, p.shape, deep.shape)
            print(abs(rmse(w, d) - rmse(m, d)) < 1e-12, abs(rmse(p, d) - rmse(m, d)) < 1e-12, abs(rmse(deep, d) - rmse(m, d)) < 1e-12)
            print(train(w, d, steps: 3).steps)
            """) == "[2, 5, 1] [2, [3, 1], 1] [2, 3, 1, 1]\ntrue true true\n8\n")
        #expect(error(Self.trained + "expand_width(m, 2)").hasPrefix("index out of range: level 2 is not a hidden level"))
        #expect(error(Self.trained + "expand_width(m, 1, n: 0)") == "n must be between 1 and 10000, got 0")
        #expect(error("expand_depth(kan([1, 5000]))") == "the network would have more than 20000000 spline coefficients (edges × (grid + k))")
    }

    @Test func swapAndAutoSwapKeepTheFunction() {
        #expect(run(Self.trained + """
            fn same(a, b) { max(map(range(d.n), i -> abs(predict(a, d)[i] - predict(b, d)[i]))) < 1e-12 }
            let s = swap(m, 1, 0, 2)
            print(same(s, m), edge_params(s, 1, 0, 0).coefficients == edge_params(m, 1, 2, 0).coefficients)
            let a = auto_swap(m)
            print(same(a, m), connection_cost(a) <= connection_cost(m))
            """) == "true true\ntrue true\n")
        #expect(error("auto_swap(kan([2, 3, 1]))") == "auto_swap needs the edges' scores on data: train the model first or pass data:")
        #expect(error("swap(kan([2, [1, 1], 1]), 1, 0, 1)").contains("only nodes of one kind can swap"))
    }

    @Test func initializeFromAnotherModel() {
        #expect(run(Self.trained + """
            let fine = initialize_from(kan([2, 3, 1], grid: 10), m)
            print(fine.grid, abs(rmse(fine, d) - rmse(m, d)) < 0.02)
            """) == "10 true\n")
        #expect(error(Self.trained + "initialize_from(kan([2, 2, 1]), m)").contains("must be equal"))
    }

    // MARK: Symbolic edges: given constants, a per-call library, mixed edges

    @Test func fixWithGivenConstants() {
        #expect(run("""
            symbols x
            let data = dataset(sin(2*x), ranges: {x: [-1, 1]}, n: 50)
            let m = fix(kan([1, 1]), 0, 0, 0, "sin", a: 2)
            print(rmse(m, data) < 1e-12, edge_params(m, 0, 0, 0).b)
            """) == "true 0\n")
    }

    @Test func autoSymbolicWithALibrary() {
        let text = run("""
            symbols x
            let data = dataset(x^2, ranges: {x: [-1, 1]}, n: 200, seed: 0)
            let m = train(kan([1, 1], seed: 0), data, steps: 20)
            let s = auto_symbolic(m, lib: ["sin", "exp"], quiet: true)
            print(edge_params(s, 0, 0, 0).function)
            print(edge_params(auto_symbolic(m, quiet: true), 0, 0, 0).function)
            print(edge_params(auto_symbolic(m, quiet: true, residual: true), 0, 0, 0).mode)
            """)
        #expect(text == "exp\nx^2\nmixed\n" || text == "sin\nx^2\nmixed\n", "\(text)")
        #expect(error("symbols x\nlet data = dataset(x, ranges: {x: [0, 1]}, n: 20)\nauto_symbolic(train(kan([1, 1]), data, steps: 1), lib: [\"nope\"])")
                == "no primitive named 'nope' in the library (see library())")
    }

    @Test func mixedEdgesTrainAndPrint() {
        let text = run("""
            symbols x
            let data = dataset(sin(3*x) + x^2/5, ranges: {x: [-1, 1]}, n: 200, seed: 0)
            let m = fix(kan([1, 1]), 0, 0, 0, "sin", a: 3, residual: true)
            print(edge_params(m, 0, 0, 0).mode, rmse(m, data) > 0.05)
            let t = train(m, data, steps: 20)
            print(rmse(t, data) < 0.01, edge_params(t, 0, 0, 0).mode)
            print(formula(t).text)
            print(edge_params(unfix_all(t), 0, 0, 0).mode)
            """)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(text)")
        #expect(lines.first == "mixed true")
        #expect(lines.dropFirst().first == "true mixed")
        #expect(lines.last == "spline")
    }

    @Test func mixedEdgesSurviveCheckpoints() throws {
        let folder = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("m.json").path
        #expect(run("""
            symbols x
            let data = dataset(sin(3*x) + x^2/5, ranges: {x: [-1, 1]}, n: 100, seed: 0)
            let t = train(fix(kan([1, 1]), 0, 0, 0, "sin", a: 3, residual: true), data, steps: 5)
            save_model(t, "\(path)")
            let back = load_model("\(path)")
            print(edge_params(back, 0, 0, 0).mode, predict(back, data) == predict(t, data))
            """) == "mixed true\n")
    }

    // MARK: History

    @Test func historyRecordsEveryStep() {
        #expect(run(Self.trained + """
            let p = prune(m)
            let steps = history(p, quiet: true)
            print(len(steps), steps[0].operation, steps[2].operation, steps[2].model == p)
            print(contains(steps[1].operation, "train(data: <dataset"), contains(steps[1].operation, "steps: 5)"))
            print(rewind(p) == m, checkout(p, 0).steps, rewind(p, n: 0) == p, len(history(rewind(p), quiet: true)))
            """) == "3 kan([2, 3, 1], seed: 0) prune() true\ntrue true\ntrue 0 true 2\n")
        let printed = run(Self.trained + "history(m)")
        #expect(printed.hasPrefix("0 kan([2, 3, 1], seed: 0)  <model [2, 3, 1], grid 5, k 3, untrained>\n1 train("), "\(printed)")
        #expect(error(Self.trained + "rewind(m, n: 5)") == "n must be between 0 and 1: the model remembers 1 earlier state")
        #expect(error(Self.trained + "checkout(m, 2)") == "step 2 out of range: the history has steps 0 to 1")
    }

    @Test func historyKeepsALimitedPast() {
        #expect(run(Self.trained + """
            for i in range(30) { m = perturb(m, scale: 0.001, seed: i) }
            let steps = history(m, quiet: true)
            print(len(steps), steps[-1].operation)
            """) == "21 perturb(scale: 0.001, seed: 29)\n")
    }

    // MARK: Structure

    @Test func treeAndFeatureInteraction() {
        let text = run("""
            symbols x, y, z
            let data = dataset((x + y)^2 * z, ranges: {x: [-1, 1], y: [-1, 1], z: [-1, 1]}, n: 200, seed: 0)
            let m = kan((x + y)^2 * z)
            let t = tree(m, data: data)
            print(t.text, t.tree.op, len(t.tree.parts))
            let s = feature_interaction(m, data: data)
            print(keys(s.additive), s.additive["x, y"] > 0.5, s.multiplicative["x, z"] < 1e-6)
            """)
        #expect(text == "f(x, y) * z * 2\n[\"x, y\", \"x, z\", \"y, z\"] true true\n", "\(text)")
        #expect(error("tree(kan([2, 1]))") == "the model has no data: train it first or pass data:")
    }
}
