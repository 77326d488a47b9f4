import Discovery
import Foundation
import KAN
import Symbolic

/// From a trained network to a formula: edge-wise symbolic matching against the function
/// library (`suggest`, `fix`, `unfix`, `auto_symbolic`), composition into one exact formula
/// (`formula`), and the whole pipeline from data (`discover`, `pareto`).
///
///     let m = auto_symbolic(prune(train(kan([2, 5, 1]), data, lamb: 0.001)))
///     let f = formula(m)            # exp(x2^2 + sin(pi*x1))
///     print(f.latex)
///
/// Models are values: `fix`, `unfix` and `auto_symbolic` return a new model and leave their
/// argument unchanged, like `train` and `prune`. Matching samples each edge on the data the
/// model was last trained on.
public enum DiscoveryBuiltins: BuiltinGroup {
    static let edgeParameters: [BuiltinParameter] = [
        .required("model", .opaque("model")),
        .required("l", .integer, "the layer, from 0"),
        .required("i", .integer, "the edge's input node in that layer, from 0"),
        .required("j", .integer, "the edge's output node (sub-node for multiplication nodes), from 0"),
    ]

    public static var builtins: [Builtin] {
        [suggest, fix, unfix, autoSymbolic, formula, discover, structure, pareto]
    }

    // MARK: Edge matching

    static var suggest: Builtin {
        Builtin("suggest", edgeParameters + [
            .optional("top", .integer, default: .number(5), "how many candidates to list"),
            .optional("quiet", .boolean, default: .boolean(false), "true: return the records without printing the table"),
        ], group: "discovery",
        doc: "Fits every library primitive to edge (l, i, j) as c*f(a*x + b) + d, prints the best `top` ranked "
            + "(pykan's suggest_symbolic: 0.8*cost + 0.2*log2(1 - R²), lower is better) and returns them as records "
            + "{name, r2, cost, score, a, b, c, d}.") { call in
            let model = try ModelBuiltins.model(call)
            let library = try DiscoveryBuiltins.library(call)
            let edge = try DiscoveryBuiltins.edge(call, model.network)
            let top = try call.integer("top")
            guard top >= 1 else { throw call.error("top must be at least 1, got \(top)", at: "top") }
            let interpreter = call.interpreter
            let match = try DiscoveryBuiltins.failing(call) {
                try EdgeMatching.suggest(model.network, edge: edge, library: library, topK: top,
                                         samples: try ModelBuiltins.samples(call, model),
                                         shouldStop: { interpreter.isInterrupted })
            }
            let records: Value = .list(match.candidates.map { candidate in
                .record(RecordStorage([
                    ("name", .string(candidate.name)), ("r2", .number(candidate.rSquared)),
                    ("cost", .number(Double(candidate.cost))), ("score", .number(candidate.score)),
                    ("a", .number(candidate.fit.a)), ("b", .number(candidate.fit.b)),
                    ("c", .number(candidate.fit.c)), ("d", .number(candidate.fit.d)),
                ]))
            })
            if !(try call.boolean("quiet")) {
                call.write(match.description + "\n")
                call.interpreter.noteDisplayed(records)
            }
            return records
        }
    }

    static var fix: Builtin {
        Builtin("fix", edgeParameters + [
            .required("name", .string, "a primitive of the library"),
            .optional("a", .number, "given constants: no fit (those not given: a = 1, b = 0, c = 1, d = 0)"),
            .optional("b", .number), .optional("c", .number), .optional("d", .number),
            .optional("residual", .boolean, default: .boolean(false), "keep a residual spline that goes on learning (a mixed edge)"),
        ], group: "discovery",
                doc: "A copy of the model with edge (l, i, j) symbolic: c*f(a*x + b) + d with f the named primitive "
                    + "and (a, b, c, d) fitted to the edge, or as given (fix(m, 0, 0, 0, \"sin\", a: pi)). Prints the fit; "
                    + "train again to refine the constants. residual: true adds a spline that starts at zero and trains "
                    + "with the constants (pykan's \"sn\" mode).") { call in
            let model = try ModelBuiltins.model(call)
            let library = try DiscoveryBuiltins.library(call)
            let edge = try DiscoveryBuiltins.edge(call, model.network)
            let name = try call.string("name")
            guard let primitive = library[name] else {
                throw call.error("no primitive named '\(name)' in the library (see library())", at: "name")
            }
            let residual = try call.boolean("residual")
            if ["a", "b", "c", "d"].contains(where: call.has) {
                var network = model.network
                let a = call.has("a") ? try call.number("a") : 1, b = call.has("b") ? try call.number("b") : 0
                let c = call.has("c") ? try call.number("c") : 1, d = call.has("d") ? try call.number("d") : 0
                try DiscoveryBuiltins.failing(call) {
                    try network.setSymbolic(layer: edge.layer, input: edge.input, output: edge.output,
                                            function: primitive.symbolicFunction, a: a, b: b, c: c, d: d)
                    try network.setResidual(edge, residual)
                }
                return .opaque(model.with(network: network))
            }
            let only = library.restricted(to: [name])
            var network = model.network
            let match = try DiscoveryBuiltins.failing(call) {
                try EdgeMatching.suggest(network, edge: edge, library: only, topK: 1,
                                         samples: try ModelBuiltins.samples(call, model))
            }
            guard let candidate = match.best else {
                throw call.error("'\(name)' cannot be fitted to edge \(edge): its domain excludes the edge's inputs", at: "name")
            }
            try DiscoveryBuiltins.failing(call) {
                try network.fix(edge, to: candidate)
                try network.setResidual(edge, residual)
            }
            call.write("edge \(edge): \(candidate.summary)\(residual ? " + spline" : "")\n")
            return .opaque(model.with(network: network))
        }
    }

    static var unfix: Builtin {
        Builtin("unfix", edgeParameters, group: "discovery",
                doc: "A copy of the model with edge (l, i, j) back in spline mode (its spline was kept).") { call in
            let model = try ModelBuiltins.model(call)
            let edge = try DiscoveryBuiltins.edge(call, model.network)
            var network = model.network
            try DiscoveryBuiltins.failing(call) { try network.unfix(edge) }
            return .opaque(model.with(network: network))
        }
    }

    static var autoSymbolic: Builtin {
        Builtin("auto_symbolic", [
            .required("model", .opaque("model")),
            .optional("threshold", .number, default: .number(0.9), "the R² the best candidate needs"),
            .optional("quiet", .boolean, default: .boolean(false), "true: do not print the choices"),
            .optional("lib", .list, "the names of the primitives to try (default: the whole library)"),
            .optional("residual", .boolean, default: .boolean(false), "give every fixed edge a residual spline (mixed edges)"),
        ], group: "discovery",
        doc: "A copy of the model with every live spline edge fixed to the best-ranked primitive among those whose "
            + "fit reaches the R² threshold (pykan's auto_symbolic); edges that no primitive fits so well stay splines. Where some primitives fit "
            + "nearly exactly (1 - R² <= 1e-4), the cheapest of those wins, ties going to the earlier in the library, so x^2 "
            + "beats a sine that mimics it. Prints each choice.") { call in
            let model = try ModelBuiltins.model(call)
            let library = try DiscoveryBuiltins.library(call, restrictedBy: "lib")
            let threshold = try call.number("threshold")
            let residual = try call.boolean("residual")
            let samples = try ModelBuiltins.samples(call, model)
            var network = model.network
            let interpreter = call.interpreter
            let choices = try DiscoveryBuiltins.failing(call) {
                try network.autoSymbolic(library: library, threshold: threshold, residual: residual, samples: samples,
                                         shouldStop: { interpreter.isInterrupted })
            }
            if !(try call.boolean("quiet")) { call.write(choices.map { "\($0)\n" }.joined()) }
            return .opaque(model.with(network: network))
        }
    }

    // MARK: Formulas

    static var formula: Builtin {
        Builtin("formula", [
            .required("model", .opaque("model")),
            .optional("output", .integer, default: .number(0), "which output of the network, from 0"),
        ], group: "discovery",
        doc: "The formula of a model whose live edges are all symbolic: the edges composed through the network, "
            + "the constants refitted on the model's data, snapped to exact rationals (and multiples of pi) where "
            + "the data agree, and simplified exactly.") { call in
            let model = try ModelBuiltins.model(call)
            let library = try DiscoveryBuiltins.library(call)
            if model.data == nil && model.network.history.trainLoss.isEmpty {
                throw call.error("the model has no data to fit the formula's constants on: train it first", at: "model")
            }
            // NetworkComposition names a network's original inputs by position; numbered as its
            // current inputs, the model's variables name them (those pruned away are in neither).
            // Naming the original ones instead took a name and a column for every index up to
            // the largest: terabytes for a checkpoint's `inputIndices: [0, 2^40]`, minutes for
            // 2^20 (the largest a checkpoint may hold).
            let network = model.network.renumberingInputs()
            let names = model.variables
            let mixed = network.layers.enumerated().flatMap { l, layer in
                (0..<layer.edgeCount).filter { layer.mask[$0] != 0 && layer.isMixed($0) }.map {
                    EdgeLocation(layer: l, input: $0 / layer.subnodeCount, output: $0 % layer.subnodeCount).description
                }
            }
            if !mixed.isEmpty {
                call.interpreter.warn("\(call.location): warning: mixed edge\(mixed.count == 1 ? "" : "s") \(mixed.joined(separator: ", ")): "
                    + "the formula has the symbolic part; the residual spline is left out (unfix_all, or fix without residual, and train again to fold it in)")
            }
            let formulas = try DiscoveryBuiltins.failing(call) {
                try NetworkComposition.formulas(network, library: library, variables: names)
            }
            let output = try call.integer("output")
            guard formulas.indices.contains(output) else {
                throw call.error("output \(output) out of range: the model has \(formulas.count) output\(formulas.count == 1 ? "" : "s")",
                                 at: "output")
            }
            let parametric = formulas[output]
            let interpreter = call.interpreter
            guard let data = model.data else {
                // A model loaded from a version-1 checkpoint (no sample saved with it): the
                // formula with the network's own constants, neither refitted nor snapped.
                let expression: Expr
                do {
                    expression = try parametric.substituting().simplified(shouldStop: { interpreter.isInterrupted })
                } catch {
                    throw KanError("interrupted", at: call.location)
                }
                interpreter.warn("\(call.location): warning: the model has no data (a checkpoint saved without them): "
                    + "the formula keeps the network's constants, neither refitted nor snapped to exact values")
                return .opaque(FormulaValue(expression: expression, variables: names))
            }
            let columns: [[Double]]
            if let named = data.inputColumns(named: model.variables) {
                columns = named
            } else if data.inputNames.count == model.variables.count {
                columns = data.inputColumns
            } else {
                throw call.error("the model's data lack its inputs \(model.variables.joined(separator: ", "))", at: "model")
            }
            let fitData = FormulaData(columns: columns, target: data.targetValues)
            let expression: Expr
            do {
                expression = try NetworkFormula.expression(parametric, variables: names, data: fitData,
                                                           shouldStop: { interpreter.isInterrupted })
            } catch {
                throw KanError("interrupted", at: call.location)
            }
            let report = FormulaReport(expression: expression, variables: model.variables, train: fitData)
            return .opaque(FormulaValue(report: report))
        }
    }

    static var structure: Builtin {
        Builtin("structure", [
            .required("data", .opaque("dataset")),
            .optional("seed", .integer, default: .number(0), "the first of the two surrogate networks' seeds"),
        ], group: "discovery",
        doc: "The structure tests discover uses, on two surrogate networks trained on the data: a record "
            + "{additive, multiplicative, outer, transforms, merges, reduction, surrogate_rmse}: the groups of an "
            + "additive and of a multiplicative split and of y = F(g(x_A) + h(x_B)) with an unknown outer F (one "
            + "group: none), the transforms T with T(y) a sum over those groups (\"y^2\", \"log(y)\"), the pairs of inputs that enter only through one "
            + "combination (x2 - x3, x1*x2), and y = P*F(u) with one monomial argument u, or nil.") { call in
            let data = try DataBuiltins.dataset(call, "data")
            let seed = try call.integer("seed")
            guard seed >= 0 else { throw call.error("seed must not be negative", at: "seed") }
            guard data.inputNames.count >= 2 else {
                throw call.error("the structure of a law of one input is its formula: use discover", at: "data")
            }
            let interpreter = call.interpreter
            guard let report = StructureReport.analyse(
                columns: data.inputColumns, names: data.inputNames, target: data.targetValues, seed: UInt64(seed),
                shouldStop: { interpreter.isInterrupted })
            else {
                if interpreter.isInterrupted { throw KanError("interrupted", at: call.location) }
                throw call.error("the surrogate networks could not be trained on these data (too few rows, or values "
                    + "too large to fit)", at: "data")
            }
            let groups = { (groups: [[String]]) in
                Value.list(groups.map { Value.list($0.map { Value.string($0) }) })
            }
            return .record(RecordStorage([
                ("additive", groups(report.additive)),
                ("multiplicative", groups(report.multiplicative)),
                ("outer", groups(report.outer)),
                ("transforms", .list(report.transforms.map { Value.string($0) })),
                ("merges", .list(report.merges.map { Value.string($0.description) })),
                ("reduction", report.reduction.map { Value.string($0) } ?? .nil),
                ("surrogate_rmse", .number(report.surrogateRMSE)),
            ]))
        }
    }

    static var discover: Builtin {
        Builtin("discover", [
            .required("data", .opaque("dataset")),
            .optional("time_limit", .number, default: .number(DiscoverOptions.defaultTimeLimit),
                      "seconds; the best formula so far is returned"),
            .optional("seed", .integer, default: .number(Double(DiscoverOptions.defaultFirstSeed)),
                      "the first of the seeds tried per network shape (four in a row)"),
            .optional("stages", .string, "the stages to run, comma-separated (default: all): "
                + DiscoverStage.allNames.joined(separator: ", ")),
            .optional("test", .opaque("dataset"), "held-out data for validation (default: every 5th row)"),
        ], group: "discovery",
        doc: "The whole pipeline on a dataset: several small networks trained, pruned and matched, the "
            + "combinations of edge candidates refitted and scored, the best rationalised; returns the formula "
            + "chosen from the Pareto front of complexity and validation error (see pareto).") { call in
            let data = try DataBuiltins.dataset(call, "data")
            let library = try DiscoveryBuiltins.library(call)
            let limit = try call.number("time_limit")
            guard limit > 0, limit.isFinite else { throw call.error("time_limit must be a positive number of seconds", at: "time_limit") }
            let seed = try call.integer("seed")
            guard seed >= 0 else { throw call.error("seed must not be negative", at: "seed") }
            let stages = call.has("stages") ? try call.string("stages") : nil
            let options: DiscoverOptions
            do {
                options = try DiscoverOptions(timeLimit: limit, firstSeed: UInt64(seed), stages: stages)
            } catch {
                throw call.error("\(error)", at: "stages")
            }
            var test: (columns: [[Double]], target: [Double])?
            if call.has("test") {
                let held = try DataBuiltins.dataset(call, "test")
                guard let columns = held.inputColumns(named: data.inputNames) else {
                    throw call.error("the test data lack the input columns \(data.inputNames)", at: "test")
                }
                test = (columns, held.targetValues)
            }
            let interpreter = call.interpreter
            let result: DiscoverResult
            do {
                result = try Discovery.discover(
                    train: (columns: data.inputColumns, names: data.inputNames, target: data.targetValues),
                    test: test, library: library, options: options,
                    shouldStop: { interpreter.isInterrupted })
            } catch {
                if interpreter.isInterrupted { throw KanError("interrupted before any formula was found", at: call.location) }
                throw call.error("\(call.builtinName): \(error)")
            }
            if interpreter.isInterrupted {
                interpreter.warn("\(call.location): warning: discover interrupted; returning the best formula found so far")
            }
            if let warning = result.warning {
                interpreter.warn("\(call.location): warning: \(warning)")
            }
            let train = FormulaData(columns: data.inputColumns, target: data.targetValues)
            let held = test.map { FormulaData(columns: $0.columns, target: $0.target) }
            let front = result.front.map { scored in
                let isChosen = scored.formula == result.chosen.formula
                let report = isChosen ? result.report : FormulaReport(
                    expression: DiscoveryBuiltins.expression(of: scored), variables: data.inputNames, train: train, test: held)
                return ParetoEntry(formula: FormulaValue(report: report), complexity: scored.complexity,
                                   validationRMSE: scored.validationRMSE, isChosen: isChosen)
            }
            return .opaque(FormulaValue(report: result.report, front: front, verdict: result.verdict, noise: result.noiseLevel))
        }
    }

    static var pareto: Builtin {
        Builtin("pareto", [
            .required("result", .opaque("formula"), "a formula returned by discover"),
            .optional("quiet", .boolean, default: .boolean(false), "true: return the records without printing the table"),
        ], group: "discovery",
        doc: "The Pareto front of a discover run, simplest first: prints complexity, validation RMSE and formula "
            + "(the chosen one marked *) and returns records {complexity, rmse, formula, chosen}.") { call in
            guard case .opaque(let object) = try call.value("result"), let result = object as? FormulaValue,
                  let front = result.front else {
                throw call.error("the formula has no Pareto front: pass the result of discover", at: "result")
            }
            let records: Value = .list(front.map { entry in
                .record(RecordStorage([
                    ("complexity", .number(Double(entry.complexity))), ("rmse", .number(entry.validationRMSE)),
                    ("formula", .opaque(entry.formula)), ("chosen", .boolean(entry.isChosen)),
                ]))
            })
            if !(try call.boolean("quiet")) {
                let table = ParetoTable(front.map { entry in
                    ParetoTable.Row(complexity: entry.complexity, validationRMSE: entry.validationRMSE,
                                    formula: TextPrinter().print(entry.formula.expression), isChosen: entry.isChosen)
                })
                call.write(table.description + "\n")
                // The table is the records: the REPL shows it once, not again as a list.
                call.interpreter.noteDisplayed(records)
            }
            return records
        }
    }

    // MARK: Helpers

    /// The interpreter's library restricted to the names in list argument `parameter` when it
    /// is given (each must be a primitive of the library).
    static func library(_ call: BuiltinCall, restrictedBy parameter: String) throws(KanError) -> FunctionLibrary {
        let library = try library(call)
        guard call.has(parameter) else { return library }
        var names: [String] = []
        for element in try call.list(parameter).elements {
            guard case .string(let name) = element else {
                throw call.error("\(parameter) must list primitive names (strings), got \(element.typeName)", at: parameter)
            }
            guard library[name] != nil else {
                throw call.error("no primitive named '\(name)' in the library (see library())", at: parameter)
            }
            names.append(name)
        }
        guard !names.isEmpty else { throw call.error("\(parameter) must name at least one primitive", at: parameter) }
        return library.restricted(to: Set(names))
    }

    /// The interpreter's function library; an error when nothing was declared.
    static func library(_ call: BuiltinCall) throws(KanError) -> FunctionLibrary {
        let library = call.interpreter.functionLibrary
        guard !library.isEmpty else {
            throw call.error("the function library is empty: import \"std.kan\" or declare primitives")
        }
        return library
    }

    /// The edge (l, i, j), each index checked against the network with an error at its argument.
    static func edge(_ call: BuiltinCall, _ network: Network) throws(KanError) -> EdgeLocation {
        let l = try call.integer("l"), i = try call.integer("i"), j = try call.integer("j")
        let layers = network.layers
        guard layers.indices.contains(l) else {
            throw call.error("layer \(l) out of range: the model has \(layers.count) layers (0 to \(layers.count - 1))", at: "l")
        }
        let layer = layers[l]
        guard (0..<layer.inputCount).contains(i) else {
            throw call.error("input \(i) out of range: layer \(l) has \(layer.inputCount) inputs", at: "i")
        }
        guard (0..<layer.subnodeCount).contains(j) else {
            throw call.error("output \(j) out of range: layer \(l) has \(layer.subnodeCount) outputs", at: "j")
        }
        let edge = EdgeLocation(layer: l, input: i, output: j)
        guard layer.mask[layer.edgeIndex(input: i, subnode: j)] != 0 else {
            throw call.error("edge \(edge) was pruned")
        }
        return edge
    }

    /// Runs Swift code of the pipeline; its errors become KanLang errors at the call
    /// (matching stopped by Ctrl-C: the "interrupted" error that ends the program).
    static func failing<T>(_ call: BuiltinCall, _ body: () throws -> T) throws(KanError) -> T {
        do {
            return try body()
        } catch let error as KanError {
            throw error
        } catch is MatchingInterrupted {
            throw KanError("interrupted", at: call.location)
        } catch {
            throw call.error("\(call.builtinName): \(error)")
        }
    }

    /// A scored candidate as `discover` prints it (`ScoredFormula.expression`): its errors are those of this text.
    static func expression(of scored: ScoredFormula) -> Expr {
        scored.expression
    }

}

/// One formula of a `discover` run's Pareto front: what `pareto` prints.
public struct ParetoEntry: Sendable {
    /// The formula, scored on the run's data.
    public var formula: FormulaValue
    /// Its complexity (nodes of the expression tree).
    public var complexity: Int
    /// Its RMSE on the validation data of the run.
    public var validationRMSE: Double
    /// Whether `discover` chose it.
    public var isChosen: Bool
}
