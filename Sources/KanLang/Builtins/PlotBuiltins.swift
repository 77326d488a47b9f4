import Discovery
import FileIO
import Foundation
import KAN
import Plot
import Symbolic
import Table

/// Drawings as SVG files: a model's network (`plot`), one edge (`plot_edge`), the
/// training curves (`plot_loss`), a discovery run's Pareto front (`plot_pareto`) and how
/// well a formula fits data (`plot_fit`).
///
///     let m = train(kan([2, 5, 1]), data, steps: 50)
///     plot(m, "/tmp/net.svg", title: "hello")
///     plot_edge(m, 0, 0, 0, "/tmp/edge.svg", fit: suggest(m, 0, 0, 0, quiet: true)[0])
///     plot_loss(m, "/tmp/loss.svg")
///     plot_pareto(discover(data), "/tmp/front.svg")
///     plot_fit(discover(data), data, "/tmp/fit.svg")
///
/// Every builtin writes its file atomically (a reader never sees half a drawing) and
/// returns the path; a path that cannot be written is an error at the path argument.
public enum PlotBuiltins: BuiltinGroup {
    public static var builtins: [Builtin] {
        [plot, plotEdge, plotLoss, plotPareto, plotFit]
    }

    static var plot: Builtin {
        Builtin("plot", [
            .required("model", .opaque("model")),
            .required("path", .string, "the SVG file to write"),
            .optional("beta", .number, default: .number(3), "opacity sharpness: an edge's opacity is tanh(beta × its attribution score)"),
            .optional("title", .string, default: .string(""), "drawn above the network"),
            .optional("data", .opaque("dataset"), "samples for scores and edge ranges (default: the last training data)"),
        ], group: "plot",
        doc: "Draws the network as an SVG file and returns the path: each live edge a small panel with its activation, "
            + "faded by importance; symbolic edges red, labelled with their fitted c*f(a*x + b) + d.") { call in
            let model = try ModelBuiltins.model(call)
            let beta = try call.number("beta")
            guard beta.isFinite, beta > 0 else { throw call.error("beta must be a positive number", at: "beta") }
            let title = try call.string("title")
            let samples = try ModelBuiltins.samples(call, model)
            guard samples != nil || model.network.cachedInputs != nil else {
                throw call.error("the model has no data to draw its edges on: train it first or pass data:", at: "model")
            }
            let library = call.interpreter.functionLibrary
            let network = model.network
            let diagram = NetworkDiagram(network: network, samples: samples, inputNames: model.variables, beta: beta,
                                         title: title.isEmpty ? nil : title) { id in
                EdgeLabel.text(network, EdgeLocation(layer: id.layer, input: id.input, output: id.output),
                               inputName: id.layer == 0 ? model.variables[safe: id.input] : nil, library: library)
            }
            return try write(diagram, call)
        }
    }

    static var plotEdge: Builtin {
        Builtin("plot_edge", DiscoveryBuiltins.edgeParameters + [
            .required("path", .string, "the SVG file to write"),
            .optional("fit", .oneOf([.record, .string]),
                      "a candidate to overlay: a record {name, a, b, c, d} from suggest, or a primitive name (fitted here)"),
            .optional("data", .opaque("dataset"), "samples (default: the last training data)"),
        ], group: "plot",
        doc: "Draws edge (l, i, j) large, with its samples, as an SVG file and returns the path: "
            + "plot_edge(m, 0, 1, 0, \"edge.svg\"). A symbolic edge, or a given fit, is overlaid dashed with its R².") { call in
            let model = try ModelBuiltins.model(call)
            let network = model.network
            let location = try DiscoveryBuiltins.edge(call, network)
            let samples = try ModelBuiltins.samples(call, model)
            guard samples != nil || network.cachedInputs != nil else {
                throw call.error("the model has no data to draw the edge on: train it first or pass data:", at: "model")
            }
            let (l, i, j) = (location.layer, location.input, location.output)
            let (inputs, outputs) = try ModelBuiltins.kan(call) {
                try network.edgeSamples(layer: l, input: i, output: j, samples: samples)
            }
            let inputName = l == 0 ? model.variables[safe: i] : nil
            var overlay: (label: String, function: (Double) -> Double)?
            if call.has("fit") {
                overlay = try fitOverlay(call, inputs: inputs, outputs: outputs, inputName: inputName ?? "x")
            } else if let symbolic = try ModelBuiltins.kan(call, { try network.symbolicEdge(layer: l, input: i, output: j) }) {
                let f = symbolic.function.value
                let (a, b, c, d) = (symbolic.a, symbolic.b, symbolic.c, symbolic.d)
                overlay = (EdgeLabel.text(network, location, inputName: inputName, library: call.interpreter.functionLibrary)
                            ?? symbolic.function.name, { c * f(a * $0 + b) + d })
            }
            let fit = overlay.map { overlay in
                EdgeFit(label: overlay.label, rSquared: rSquared(outputs, inputs.map(overlay.function)), function: overlay.function)
            }
            let plot = try ModelBuiltins.kan(call) {
                try EdgePlot(network: network, layer: l, input: i, output: j, samples: samples, fit: fit, inputName: inputName)
            }
            return try write(plot, call)
        }
    }

    static var plotLoss: Builtin {
        Builtin("plot_loss", [
            .required("model", .opaque("model")),
            .required("path", .string, "the SVG file to write"),
            .optional("title", .string, default: .string(""), "drawn above the curves"),
        ], group: "plot",
        doc: "Draws the model's training curves (train and test RMSE per step, log scale) as an SVG file and returns "
            + "the path, with markers where the grid was updated or refined and where the model was pruned.") { call in
            let model = try ModelBuiltins.model(call)
            guard !model.history.trainLoss.isEmpty else {
                throw call.error("the model has no training history: train it first", at: "model")
            }
            let title = try call.string("title")
            return try write(LossCurvePlot(history: model.history, events: model.events, title: title.isEmpty ? nil : title), call)
        }
    }

    static var plotPareto: Builtin {
        Builtin("plot_pareto", [
            .required("front", .oneOf([.opaque("formula"), .list]),
                      "a result of discover, or a list of records {complexity, error (or rmse), label (or formula), chosen}"),
            .required("path", .string, "the SVG file to write"),
            .optional("title", .string, default: .string(""), "drawn above the front"),
        ], group: "plot",
        doc: "Draws a Pareto front, complexity against validation error, as an SVG file and returns the path: "
            + "plot_pareto(discover(data), \"front.svg\"); the chosen formula is ringed.") { call in
            let title = try call.string("title")
            let plot = ParetoPlot(points: try paretoPoints(call), title: title.isEmpty ? nil : title)
            return try write(plot, call)
        }
    }

    static var plotFit: Builtin {
        Builtin("plot_fit", [
            .required("formula", .oneOf([.opaque("formula"), .expression]),
                      "a formula (from discover or formula) or an expression in the data's input names"),
            .required("data", .opaque("dataset"), "the rows to measure the fit on (a test or validation split)"),
            .required("path", .string, "the SVG file to write"),
            .optional("title", .string, default: .string(""), "the first title line (default: target = formula)"),
        ], group: "plot",
        doc: "Draws how well a formula fits a data set as an SVG file and returns the path: its predictions against the "
            + "target with the line y = x, and the residuals against the predictions, RMSE and R² in the title; for a "
            + "formula of one input also the data and its curve: plot_fit(discover(train), test, \"fit.svg\").") { call in
            let data = try DataBuiltins.dataset(call, "data")
            let predicted = try ModelBuiltins.predictions(call, data: data, parameter: "formula")
            guard let expression = SymbolicBuilder.operand(try call.value("formula"))?.expression else {
                throw call.error("formula must be a formula or an expression", at: "formula")
            }
            // One input: the measured target against it, and the formula's curve.
            let used = expression.freeSymbols.sorted()
            let single = used.count == 1 ? used[0] : used.isEmpty && data.inputNames.count == 1 ? data.inputNames[0] : nil
            var curve: FitPlot.Curve?
            if let single, let column = data.inputColumns(named: [single])?.first,
               let compiled = try? expression.compile(variables: [single]) {
                curve = FitPlot.Curve(name: single, inputs: column) { compiled.evaluate([$0]) }
            }
            let title = try call.string("title")
            let plot = FitPlot(measured: data.targetValues, predicted: predicted, curve: curve, targetName: data.targetName,
                               title: title.isEmpty ? "\(data.targetName) = \(TextPrinter().print(expression))" : title,
                               rowsDescription: data.count == 1 ? "row" : "rows")
            return try write(plot, call)
        }
    }

    // MARK: Helpers

    /// Writes `drawing` to the `path` argument atomically; returns the path.
    static func write(_ drawing: some Drawing, _ call: BuiltinCall) throws(KanError) -> Value {
        let path = try call.path("path")
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
        let text: String
        do {
            text = try drawing.svg()
        } catch {
            throw call.error("\(call.builtinName): \(error)")
        }
        do {
            try writeAtomically(Array(text.utf8), toPath: url.path)
        } catch {
            throw call.error("cannot write '\(path)': \(error.reason)", at: "path")
        }
        return .string(path)
    }

    /// The overlay `fit:` asks for: a suggest record {name, a, b, c, d} evaluated with the
    /// library's primitive, or a primitive name fitted to the edge's samples here.
    static func fitOverlay(_ call: BuiltinCall, inputs: [Double], outputs: [Double],
                           inputName: String) throws(KanError) -> (label: String, function: (Double) -> Double) {
        let library = try DiscoveryBuiltins.library(call)
        let name: String
        var constants: (a: Double, b: Double, c: Double, d: Double)?
        switch try call.value("fit") {
        case .string(let text):
            name = text
        case .record(let record):
            guard case .string(let text) = record["name"] ?? .nil else {
                throw call.error("fit needs a field name (a primitive), as in the records of suggest", at: "fit")
            }
            name = text
            var numbers: [Double] = []
            for field in ["a", "b", "c", "d"] {
                guard let value = (record[field] ?? .nil).numberValue, value.isFinite else {
                    throw call.error("fit needs finite numbers a, b, c and d, as in the records of suggest", at: "fit")
                }
                numbers.append(value)
            }
            constants = (numbers[0], numbers[1], numbers[2], numbers[3])
        default:
            throw call.error("fit must be a record from suggest or a primitive name", at: "fit")
        }
        guard let primitive = library[name] else {
            throw call.error("no primitive named '\(name)' in the function library", at: "fit")
        }
        let f = primitive.symbolicFunction.value
        let fitted: (a: Double, b: Double, c: Double, d: Double)
        if let constants {
            fitted = constants
        } else {
            let result = AffineFit(fitting: primitive.numeric, x: inputs, y: outputs)
            if let failure = result.failure {
                throw call.error("cannot fit \(name) to the edge: \(failure)", at: "fit")
            }
            fitted = (result.a, result.b, result.c, result.d)
        }
        let (a, b, c, d) = fitted
        let label = TextPrinter().print(
            EdgeLabel.expression(function: name, a: a, b: b, c: c, d: d, variable: inputName, library: library))
        return (label, { c * f(a * $0 + b) + d })
    }

    /// R² of `predicted` against `actual`; nil when it is undefined (constant or non-finite samples).
    static func rSquared(_ actual: [Double], _ predicted: [Double]) -> Double? {
        guard !actual.isEmpty, actual.count == predicted.count else { return nil }
        let mean = actual.reduce(0, +) / Double(actual.count)
        var residual = 0.0, total = 0.0
        for index in actual.indices {
            residual += (actual[index] - predicted[index]) * (actual[index] - predicted[index])
            total += (actual[index] - mean) * (actual[index] - mean)
        }
        let value = 1 - residual / total
        return total > 0 && value.isFinite ? value : nil
    }

    /// The points of the `front` argument: a discover result's front, or records.
    static func paretoPoints(_ call: BuiltinCall) throws(KanError) -> [Plot.ParetoPoint] {
        switch try call.value("front") {
        case .opaque(let object):
            guard let formula = object as? FormulaValue, let front = formula.front else {
                throw call.error("the formula has no Pareto front: pass the result of discover", at: "front")
            }
            return front.map { entry in
                Plot.ParetoPoint(complexity: Double(entry.complexity), error: entry.validationRMSE,
                                 label: TextPrinter().print(entry.formula.expression), isChosen: entry.isChosen)
            }
        case .list(let list):
            var points: [Plot.ParetoPoint] = []
            for (index, element) in list.elements.enumerated() {
                guard case .record(let record) = element else {
                    throw call.error("front entry \(index) must be a record {complexity, error, label, chosen}, got \(element.typeName)",
                                     at: "front")
                }
                guard let complexity = (record["complexity"] ?? .nil).numberValue, complexity.isFinite,
                      let error = (record["error"] ?? record["rmse"] ?? .nil).numberValue, !error.isNaN, error >= 0 else {
                    throw call.error("front entry \(index) needs a finite number complexity and a number error (or rmse) >= 0",
                                     at: "front")
                }
                let label: String
                switch record["label"] ?? record["formula"] ?? .nil {
                case .string(let text): label = text
                case .opaque(let formula as FormulaValue): label = TextPrinter().print(formula.expression)
                case .nil: label = ""
                case let other: label = other.description
                }
                var chosen = false
                if case .boolean(let flag) = record["chosen"] ?? .nil { chosen = flag }
                points.append(Plot.ParetoPoint(complexity: complexity, error: error, label: label, isChosen: chosen))
            }
            guard !points.isEmpty else { throw call.error("the front is empty", at: "front") }
            return points
        default:
            throw call.error("front must be a result of discover or a list of records", at: "front")
        }
    }
}

extension Array {
    /// The element at `index`, or nil outside the array.
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
