import Foundation
import Synchronization
import Testing
@testable import KanLang
@testable import KanLangCore

/// Networks in KanLang: small data and few steps, so the suite stays fast.
@Suite("Model builtins")
struct ModelBuiltinTests {
    static let data = "symbols x, y\nlet d = dataset(x*y + x, ranges: {x: [-1, 1], y: [-1, 1]}, n: 100, seed: 1)\n"

    @Test func makingModels() {
        #expect(output(of: """
            let m = kan([2, 3, 1], grid: 4, k: 3, seed: 1)
            print(m, m.shape, m.grid, m.k, m.variables, type(m))
            print(kan([2, [0, 1], 1]).shape, kan([2, 1, 1], mult: [0, 1, 0]).shape)
            print(kan([1, 1], base: "identity", variables: ["t"]).variables)
            """) == "<model [2, 3, 1], grid 4, k 3, untrained> [2, 3, 1] 4 3 [\"x1\", \"x2\"] model\n[2, [0, 1], 1] [2, [1, 1], 1]\n[\"t\"]\n")
        #expect(errorMessage(of: "kan([2])") == "width needs at least two levels: inputs and outputs, e.g. [2, 1]")
        #expect(errorMessage(of: "kan([2, \"a\"])") == "each width must be an integer or a list [sum, mult], got string")
        #expect(errorMessage(of: "kan([2, 1], base: \"relu\")") == "base must be one of \"silu\", \"identity\", \"zero\", got \"relu\"")
        #expect(errorMessage(of: "kan([2, 1], mult: [1])") == "mult needs one count per level (2), got 1")
        #expect(errorMessage(of: "kan([10000, 10000, 1])") == "the network would have more than 20000000 spline coefficients (edges × (grid + k))")
    }

    @Test func trainingReturnsANewModel() {
        #expect(output(of: Self.data + """
            let m = kan([2, 3, 1], seed: 0)
            let t = train(m, d, steps: 5)
            print(m.steps, t.steps, t.variables, len(t.history.train), t.loss < 0.5)
            let t2 = train(t, d, steps: 2, opt: "adam", lr: 0.01, batch: 20, update_grid: false, test: d)
            print(t2.steps, len(t2.history.test), last_model.steps)
            """) == "0 5 [\"x\", \"y\"] 5 true\n7 7 7\n")
        #expect(errorMessage(of: Self.data + "train(kan([2, 1]), d, opt: \"sgd\")") == "opt must be \"lbfgs\" or \"adam\", got \"sgd\"")
        #expect(errorMessage(of: Self.data + "train(kan([3, 1]), d)")
                == "the model takes 3 inputs (x1, x2, x3); the data has 2 (x, y)")
        #expect(errorMessage(of: Self.data + "train(kan([2, 1]), d, batch: 0)") == "batch must be -1 (all samples) or positive, got 0")
        #expect(errorMessage(of: Self.data + "train(d, d)") == "train: argument 'model' must be model, got dataset")
    }

    @Test func trainedModelsPrintTheirLosses() {
        let text = output(of: Self.data + "print(train(kan([2, 2, 1]), d, steps: 2, test: d))")
        #expect(text.hasPrefix("<model [2, 2, 1], grid 5, k 3, 2 steps, train rmse "))
        #expect(text.contains(", test rmse "))
    }

    @Test func refinePruneAndScores() {
        #expect(output(of: Self.data + """
            let t = train(kan([2, 3, 1], seed: 0), d, steps: 5, lamb: 0.001)
            let r = refine(t, grid: 10)
            print(r.grid, abs(rmse(r, d) - rmse(t, d)) < 0.05)
            let p = prune(t)
            print(len(p.shape), p.shape[1] <= 3, p.variables)
            let s = scores(t)
            print(keys(s), s.x > 0)
            let a = attribution(t)
            print(keys(a), len(a.nodes), len(a.edges))
            """) == "10 true\n3 true [\"x\", \"y\"]\n[\"x\", \"y\"] true\n[\"inputs\", \"nodes\", \"edges\", \"scales\"] 3 2\n")
        #expect(errorMessage(of: "refine(kan([2, 1]), grid: 10)").hasPrefix("no samples"))
        #expect(errorMessage(of: Self.data + "refine(train(kan([2, 1]), d, steps: 1), grid: 0)") == "grid must be between 1 and 10000, got 0")
        #expect(errorMessage(of: "prune(kan([2, 1]))").hasPrefix("no samples"))
        #expect(errorMessage(of: "scores(1)") == "scores: argument 'model' must be model, got number")
        #expect(errorMessage(of: "attribution(kan([2, 1]))").hasPrefix("no samples"))
    }

    @Test func pruningInputsKeepsTheirNames() {
        #expect(output(of: """
            symbols x, y
            let d = dataset(sin(2*y), ranges: {x: [-1, 1], y: [-1, 1]}, n: 100)
            let t = train(kan([2, 2, 1], seed: 0), d, steps: 10, lamb: 0.01)
            let p = prune(t, inputs: true)
            print(p.variables, p.inputs, len(predict(p, d)))
            """) == "[\"y\"] 1 100\n")
    }

    @Test func predictionsAndScores() {
        #expect(output(of: Self.data + """
            let t = train(kan([2, 3, 1], seed: 0), d, steps: 10)
            let p = predict(t, d)
            print(len(p), type(p[0]), rmse(t, d) < 0.1, r2(t, d) > 0.9)
            print(rmse(x*y + x, d), r2(x*y + x, d), r2((a, b) -> a*b + a, d))
            """) == "100 number true true\n0 1 1\n")
        #expect(errorMessage(of: Self.data + "symbols z\nrmse(z, d)") == "the expression uses 'z', which is not an input of the data (x, y)")
        #expect(errorMessage(of: Self.data + "predict(\"m\", d)")
                == "predict: argument 'predictor' must be model or formula or expression or function, got string")
        #expect(errorMessage(of: Self.data + "r2((a, b) -> nil, d)") == "the function must return a number, got nil")
    }

    @Test func checkpoints() throws {
        let path = temporaryDirectory().appendingPathComponent("m.json").path
        #expect(output(of: Self.data + """
            let t = train(kan([2, 2, 1], seed: 0), d, steps: 3)
            save_model(t, "\(path)")
            let back = load_model("\(path)", variables: ["x", "y"])
            print(back.shape, back.steps, predict(back, d) == predict(t, d), load_model("\(path)").variables)
            """) == "[2, 2, 1] 3 true [\"x\", \"y\"]\n")
        #expect(errorMessage(of: "load_model(\"/nonexistent/m.json\")").hasPrefix("cannot load a model from '/nonexistent/m.json'"))
        #expect(errorMessage(of: "save_model(kan([1, 1]), \"/nonexistent/dir/m.json\")").hasPrefix("cannot save the model to"))
        let located = output(of: "\nlet m = load_model(\"/nonexistent/m.json\")")
        #expect(located.contains("test.kan:2:20: error: cannot load"))
    }

    /// The doctored checkpoints of issue 12: each refused by `load_model` with the field
    /// named (they used to trap, allocate terabytes, give a wrong formula, load NaNs, or call
    /// a valid seed "not valid JSON"); a negative seed loads.
    @Test func doctoredCheckpointsNameTheField() throws {
        let folder = temporaryDirectory()
        let good = folder.appendingPathComponent("good.json").path
        #expect(output(of: "save_model(kan([2, [1, 1], 1], grid: 3, seed: 0), \"\(good)\")") == "")
        let text = try String(contentsOfFile: good, encoding: .utf8)
        var count = 0
        /// The good checkpoint with `old` (a regular expression matching a piece of its JSON
        /// text) replaced by `new`.
        func doctored(_ old: String, _ new: String) throws -> String {
            #expect(text.contains(try Regex(old)), "\(old)")
            count += 1
            let path = folder.appendingPathComponent("bad-\(count).json").path
            // The first match of `old` as a regular expression.
            try text.replacing(try Regex(old), with: new, maxReplacements: 1).write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let cases: [(String, String, String)] = [
            (#""inputIndices":\[0,1\]"#, #""inputIndices":[-1,0]"#, "inputIndices[0]: -1 is not in 0...1048575"),
            (#""inputIndices":\[0,1\]"#, #""inputIndices":[0,1099511627776]"#, "inputIndices[1]: 1099511627776 is not in 0...1048575"),
            (#""inputIndices":\[0,1\]"#, #""inputIndices":[0,1e8]"#, "inputIndices[1]: 100000000 is not in 0...1048575"),
            (#""inputIndices":\[0,1\]"#, #""inputIndices":[0,0]"#,
             "inputIndices[1]: 0 repeats inputIndices[0]: each input node reads a different original input"),
            (#""coefficients":\[[^,]*"#, #""coefficients":["nan""#, "layers[0].coefficients[0]: nan is not a finite number"),
            (#""coefficients":\[[^,]*"#, #""coefficients":["inf""#, "layers[0].coefficients[0]: inf is not a finite number"),
            (#""mask":\[1,"#, #""mask":[0.5,"#, "layers[0].mask[0]: 0.5 is not 0 or 1"),
            (#""mask":\[1,"#, #""mask":["nan","#, "layers[0].mask[0]: nan is not 0 or 1"),
            (#""seed":0"#, #""seed":0.5"#, "configuration.seed: 0.5 is not a seed: a seed is an integer from -2^63 to 2^64 - 1"),
        ]
        for (old, new, problem) in cases {
            let path = try doctored(old, new)
            #expect(errorMessage(of: "load_model(\"\(path)\")") == "cannot load a model from '\(path)': invalid checkpoint: \(problem)")
        }
        // (Keys are sorted, so the first "coefficients" and "mask" are layer 0's.)
        let negative = try doctored(#""seed":0"#, #""seed":-1"#)
        #expect(output(of: "let m = load_model(\"\(negative)\")\nprint(m.shape)") == "[2, [1, 1], 1]\n")
    }

    @Test func nonFiniteLossKeepsTheLastFiniteModel() {
        let text = output(of: """
            symbols x
            let d = dataset(1e200*x, ranges: {x: [-1, 1]}, n: 20)
            let m = train(kan([1, 1]), d, steps: 3)
            """)
        #expect(text.contains("test.kan:3:14: error: training stopped: the loss became NaN or infinite at step 1"))
        let interpreter = makeInterpreter(OutputCapture())
        #expect(throws: Diagnostics.self) {
            try interpreter.run(source: "symbols x\nlet d = dataset(1e200*x, ranges: {x: [-1, 1]}, n: 20)\nlet m = train(kan([1, 1]), d)",
                                fileName: "t.kan")
        }
        #expect(interpreter.global("m") == nil)
        #expect((try? interpreter.evaluateLine("type(last_model)"))??.description == "\"model\"")
    }

    @Test func progressBarGoesToTheProgressSink() {
        let progress = OutputCapture()
        let text = output(of: Self.data + "let t = train(kan([2, 1]), d, steps: 3)") { options in
            options.progressOutput = { progress.write($0) }
        }
        #expect(text == "")
        #expect(progress.text.contains("train 3/3 [====================] loss "))
        #expect(progress.text.hasSuffix("\n"))
    }

    @Test func noProgressBarOnAPipe() {
        let interpreter = makeInterpreter(OutputCapture())
        #expect((interpreter.progressSink == nil) == (isatty(STDERR_FILENO) == 0))
    }

    @Test func progressLineFormat() {
        let line = ProgressBar.line(step: 5, steps: 10, trainLoss: 0.00123, testLoss: .nan, elapsed: 2)
        #expect(line == "train  5/10 [=========>          ] loss 1.23e-03  2.5 steps/s  ETA 2s")
        #expect(ProgressBar.duration(75) == "1m15s")
    }

    /// Ctrl-C in the REPL calls `interrupt()` from another thread: training stops at
    /// the end of its step and the model of the last completed step is kept.
    @Test func interruptionKeepsTheModel() throws {
        let started = DispatchSemaphore(value: 0)
        let warnings = OutputCapture()
        let capture = OutputCapture()
        let signalled = Atomic<Bool>(false)
        let interpreter = makeInterpreter(capture) { options in
            options.progressOutput = { _ in
                if !signalled.exchange(true, ordering: .relaxed) { started.signal() }
            }
            options.warningOutput = { warnings.write($0) }
        }
        let finished = DispatchSemaphore(value: 0)
        let outcome = Mutex<String>("")
        let thread = Thread {
            do {
                try interpreter.run(source: Self.data + "let m = train(kan([2, 3, 1]), d, steps: 100000)\nprint(\"after\")",
                                    fileName: "repl.kan")
                outcome.withLock { $0 = "finished" }
            } catch let error as Diagnostics {
                outcome.withLock { $0 = error.rendered }
            } catch {
                outcome.withLock { $0 = "\(error)" }
            }
            finished.signal()
        }
        thread.stackSize = 16 << 20
        thread.start()
        #expect(started.wait(timeout: .now() + 60) == .success)
        interpreter.interrupt()
        #expect(finished.wait(timeout: .now() + 60) == .success)
        // The statement completed with the partial model; the next one stops.
        #expect(outcome.withLock { $0 }.contains("error: interrupted"))
        #expect(outcome.withLock { $0 }.contains("repl.kan:4:"))
        #expect(!capture.text.contains("after"))
        guard case .opaque(let object)? = interpreter.global("m"), let model = object as? ModelValue else {
            Issue.record("m is not a model")
            return
        }
        #expect(model.history.trainLoss.count >= 1 && model.history.trainLoss.count < 100000)
        #expect(warnings.text.contains("warning: training interrupted after"))
    }
}

/// Predictions far outside the range a model was trained on.
@Suite("Model extrapolation")
struct ModelExtrapolationTests {
    static let trained = """
        symbols x
        let d = dataset(sin(x), ranges: {x: [-1, 1]}, n: 100)
        let m = train(kan([1, 2, 1], grid: 5), d, steps: 20)
        let p = train(kan([1, [0, 1], 1], grid: 5), d, steps: 20)

        """

    /// Outside the grid a spline is 0 and the base function carries on: finite outputs.
    @Test func farInputsGiveFiniteOutputs() {
        let text = output(of: Self.trained + """
            let far = dataset(x, ranges: {x: [1e6, 1e300]}, n: 20)
            let near = dataset(x, ranges: {x: [-1e6, -10]}, n: 20)
            print(len(filter(predict(m, far) + predict(m, near) + predict(p, near), v -> v - v == 0)))
            """)
        #expect(text == "60\n", "\(text)")
    }

    /// A product of two huge sums overflows (0·∞): an error naming the sample, not NaN.
    @Test func anOverflowingOutputIsAnError() {
        let text = output(of: Self.trained + "predict(p, dataset(x, ranges: {x: [1e160, 1e170]}, n: 3))")
        #expect(text.contains("test.kan:5:12: error: the model's output is nan at sample 1 (x = "), "\(text)")
        #expect(text.contains("): the inputs are too far outside the range it was trained on"), "\(text)")
    }
}
