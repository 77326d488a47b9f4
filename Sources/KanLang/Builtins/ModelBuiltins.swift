import Discovery
import Foundation
import KAN
import Plot
import Symbolic
import Table

/// Kolmogorov-Arnold networks: making, training, refining, pruning, scoring,
/// predicting, and checkpoints.
///
///     let model = kan([2, 5, 1], grid: 5, seed: 0)
///     let trained = train(model, data, steps: 50, lamb: 0.001)
///     let small = prune(trained)
///     print(rmse(small, data))
///
/// Models are values: `train`, `refine` and `prune` return a new model and leave
/// their argument as it was.
public enum ModelBuiltins: BuiltinGroup {
    /// Bounds that keep a typo from allocating the machine away.
    static let maxWidth = 10_000
    static let maxGrid = 10_000
    static let maxSteps = 10_000_000
    /// Spline coefficients a network may have (edges × (grid + k)): 20 million
    /// Doubles is 160 MB, far beyond pykan-sized networks but short of exhausting memory.
    static let maxCoefficients = 20_000_000

    /// Refuses a network whose coefficients would pass `maxCoefficients`.
    static func checkSize(_ call: BuiltinCall, shape: [LayerWidth], grid: Int, order: Int, arity: Int,
                          at parameter: String) throws(KanError) {
        var edges = 0
        for level in 0..<(shape.count - 1) {
            let inputs = shape[level].nodeCount
            let subnodes = shape[level + 1].sum + shape[level + 1].mult * arity
            edges += inputs * subnodes
            guard edges <= maxCoefficients else { break }
        }
        let (coefficients, overflow) = edges.multipliedReportingOverflow(by: grid + order + 1)
        guard !overflow, coefficients <= maxCoefficients else {
            throw call.error("the network would have more than \(maxCoefficients) spline coefficients (edges × (grid + k))", at: parameter)
        }
    }

    public static var builtins: [Builtin] {
        [
            Builtin("kan", [
                .required("width", .oneOf([.list, .expression, .opaque("formula")]), "nodes per level, inputs first: [2, 5, 1]; an entry [s, m] has s sum and m multiplication nodes; or a formula, whose terms become the edges"),
                .optional("grid", .integer, default: .number(5), "grid intervals G of each spline"),
                .optional("k", .integer, default: .number(3), "spline order (3: cubic)"),
                .optional("seed", .integer, default: .number(0), "seed of the random initialisation"),
                .optional("base", .string, default: .string("silu"), "the residual function: \"silu\", \"identity\" or \"zero\""),
                .optional("mult", .list, "multiplication nodes per level, added to width: kan([2, 1, 1], mult: [0, 1, 0])"),
                .optional("arity", .integer, default: .number(2), "factors per multiplication node"),
                .optional("range", .list, default: .list([.number(-1), .number(1)]), "the initial grid range [low, high]"),
                .optional("variables", .list, "input names (default: those of the first training data)"),
            ] + TrainingControlBuiltins.modelParameters, group: "model",
                    doc: "A new network with random splines: kan([2, 5, 1]), or with a multiplication node kan([2, [0, 1], 1]); or the network of a formula, its edges the formula's terms: kan(exp(sin(pi*x) + y^2)) (pykan's kanpiler).") { call in
                try makeModel(call)
            },
            Builtin("train", [
                .required("model", .opaque("model")),
                .optional("data", .opaque("dataset"), "the samples to fit (or give loss:)"),
                .optional("opt", .string, default: .string("lbfgs"), "\"lbfgs\" or \"adam\""),
                .optional("steps", .integer, default: .number(50)),
                .optional("lamb", .number, default: .number(0), "λ, the weight of the sparsity penalty (1e-3 to 1e-2 to prune)"),
                .optional("lr", .number, "learning rate (default 1 for lbfgs, 0.001 for adam)"),
                .optional("batch", .integer, default: .number(-1), "samples per step; -1 for all"),
                .optional("update_grid", .boolean, default: .boolean(true), "move the grids to the data every 5 steps before step 50"),
                .optional("test", .opaque("dataset"), "a test set, its RMSE recorded after each step"),
                .optional("seed", .integer, default: .number(0), "seed of mini-batch sampling"),
            ] + TrainingControlBuiltins.trainParameters, group: "model",
                    doc: "Trains a copy of the model and returns it: let m2 = train(m, data, steps: 50, lamb: 0.001). On a terminal a progress bar shows on standard error. Ctrl-C stops after the current step and returns the model of the last completed step with a warning (the rest of the input then stops with 'interrupted'). A NaN or infinite loss is an error; the model of the last finite step is then in the global last_model. Every train call also sets last_model.") { call in
                try train(call)
            },
            Builtin("refine", [.required("model", .opaque("model")), .required("grid", .integer, "the new number of grid intervals")],
                    group: "model",
                    doc: "The same functions on a finer grid (grid extension), fitted on the model's last training inputs: refine(m, grid: 20). Train again afterwards.") { call in
                let model = try model(call)
                let grid = try call.integer("grid")
                guard (1...maxGrid).contains(grid) else { throw call.error("grid must be between 1 and \(maxGrid), got \(grid)", at: "grid") }
                try checkSize(call, shape: model.network.shape, grid: grid, order: model.network.configuration.splineOrder,
                              arity: model.network.configuration.multiplicationArity, at: "grid")
                let samples = try samples(call, model)
                return .opaque(model.with(network: try kan(call) { try model.network.refined(gridSize: grid, samples: samples) })
                    .adding(.refine(gridSize: grid)))
            },
            Builtin("prune", [.required("model", .opaque("model")),
                              .optional("node_threshold", .number, default: .number(0.01), "hidden nodes scoring at most this go"),
                              .optional("edge_threshold", .number, default: .number(0.03), "edges scoring at most this are masked"),
                              .optional("inputs", .boolean, default: .boolean(false), "also drop inputs scoring at most node_threshold")],
                    group: "model",
                    doc: "A smaller network computing nearly the same function, without unimportant nodes and edges (scored on the last training inputs): prune(m), prune(m, node_threshold: 0.05).") { call in
                let model = try model(call)
                let nodeThreshold = try call.number("node_threshold"), edgeThreshold = try call.number("edge_threshold")
                let samples = try samples(call, model)
                var network = try kan(call) {
                    try model.network.pruned(nodeThreshold: nodeThreshold, edgeThreshold: edgeThreshold, samples: samples)
                }
                var variables = model.variables
                if try call.boolean("inputs") {
                    let before = network.inputIndices
                    network = try kan(call) { try network.prunedInputs(threshold: nodeThreshold, samples: samples) }
                    variables = network.inputIndices.compactMap { index in
                        before.firstIndex(of: index).map { model.variables[$0] }
                    }
                }
                return .opaque(ModelValue(network: network, variables: variables, data: model.data, events: model.events)
                    .adding(.prune))
            },
            Builtin("scores", [.required("model", .opaque("model")), .optional("data", .opaque("dataset"), "samples (default: the last training data)")],
                    group: "model",
                    doc: "How much each input matters, as {name: score}, by attribution from the output (pykan's feature scores): scores(m).") { call in
                let model = try model(call)
                let attribution = try kan(call) { try model.network.attribution(samples: try samples(call, model)) }
                let inputs = attribution.nodeScores.first ?? []
                return .record(RecordStorage(model.variables.enumerated().map { ($0.element, .number(inputs.indices.contains($0.offset) ? inputs[$0.offset] : 0)) }))
            },
            Builtin("attribution", [.required("model", .opaque("model")), .optional("data", .opaque("dataset"), "samples (default: the last training data)")],
                    group: "model",
                    doc: "All attribution scores: {inputs: {name: score}, nodes: [per level 0…L, a list per node], edges: [per layer, a list per edge], scales: [per layer, σ of each edge's activation]}.") { call in
                let model = try model(call)
                let attribution = try kan(call) { try model.network.attribution(samples: try samples(call, model)) }
                func matrix(_ rows: [[Double]]) -> Value { .list(rows.map { .list($0.map { Value.number($0) }) }) }
                let inputs = attribution.nodeScores.first ?? []
                return .record(RecordStorage([
                    ("inputs", .record(RecordStorage(model.variables.enumerated().map {
                        ($0.element, .number(inputs.indices.contains($0.offset) ? inputs[$0.offset] : 0))
                    }))),
                    ("nodes", matrix(attribution.nodeScores)),
                    ("edges", matrix(attribution.edgeScores)),
                    ("scales", matrix(attribution.edgeScales)),
                ]))
            },
            Builtin("predict", [.required("predictor", predictorType), .required("data", .opaque("dataset"))], group: "model",
                    doc: "The predictions of a model, formula, expression or function at each sample, as a list: predict(m, data).") { call in
                .list(try predictions(call, data: try DataBuiltins.dataset(call, "data")).map { Value.number($0) })
            },
            Builtin("rmse", [.required("predictor", predictorType), .required("data", .opaque("dataset"))], group: "model",
                    doc: "The root-mean-square error of a model, formula, expression or function on a data set: rmse(m, data).") { call in
                let data = try DataBuiltins.dataset(call, "data")
                let predicted = try predictions(call, data: data)
                let target = data.targetValues
                var sum = 0.0
                for row in target.indices { sum += (predicted[row] - target[row]) * (predicted[row] - target[row]) }
                return .number((sum / Double(max(target.count, 1))).squareRoot())
            },
            Builtin("r2", [.required("predictor", predictorType), .required("data", .opaque("dataset"))], group: "model",
                    doc: "The coefficient of determination R² = 1 - Σ(y - ŷ)²/Σ(y - ȳ)² of a model, formula, expression or function on a data set (1 is perfect).") { call in
                let data = try DataBuiltins.dataset(call, "data")
                let predicted = try predictions(call, data: data)
                let target = data.targetValues
                let mean = target.reduce(0, +) / Double(max(target.count, 1))
                var residual = 0.0, total = 0.0
                for row in target.indices {
                    residual += (predicted[row] - target[row]) * (predicted[row] - target[row])
                    total += (target[row] - mean) * (target[row] - mean)
                }
                return .number(1 - residual / total)
            },
            Builtin("save_model", [.required("model", .opaque("model")), .required("path", .string)], group: "model",
                    doc: "Writes the model as a KAN checkpoint (JSON), with its variable names and the data it was last trained on, so that formula(load_model(path)) refits as formula(model) does: save_model(m, \"m.json\").") { call in
                let model = try model(call)
                let path = try call.path("path")
                do {
                    try model.network.save(to: URL(fileURLWithPath: path), variables: model.variables,
                                           sample: model.data.map(checkpointSample))
                } catch {
                    throw call.error("cannot save the model to '\(path)': \(error)", at: "path")
                }
                return .nil
            },
            Builtin("load_model", [.required("path", .string),
                                   .optional("variables", .list, "input names (default: those saved with the model, else x1, x2, ...)")],
                    group: "model",
                    doc: "Reads a KAN checkpoint written by save_model, with its variable names and training data when saved (version 2): load_model(\"m.json\"). variables: [\"x\", \"y\"] renames the inputs.") { call in
                let path = try call.path("path")
                let network: Network
                let checkpoint: Checkpoint
                do {
                    let library = FunctionLibrary.standard
                    checkpoint = try Checkpoint.load(from: URL(fileURLWithPath: path))
                    network = try checkpoint.network { library.symbolicFunction(named: $0) }
                } catch {
                    throw call.error("cannot load a model from '\(path)': \(error)", at: "path")
                }
                let variables: [String]
                if call.has("variables") || checkpoint.variables == nil {
                    variables = try variableNames(call, count: network.inputCount)
                } else {
                    variables = checkpoint.variables ?? []
                }
                var data: DatasetValue?
                if let sample = checkpoint.sample {
                    let columns = sample.names.indices.map { Array(sample.column($0)) }
                    var names = sample.names
                    // Renamed inputs: the sample's columns follow the names given.
                    if call.has("variables"), let saved = checkpoint.variables {
                        names = names.map { name in saved.firstIndex(of: name).map { variables[$0] } ?? name }
                    }
                    if let table = try? Table(columnNames: names, columns: columns) {
                        data = DatasetValue(table: table, targetIndex: sample.target)
                    }
                }
                return .opaque(ModelValue(network: network, variables: variables, data: data))
            },
        ]
    }

    /// The training data as a checkpoint stores them (docs/checkpoint-format.md, version 2).
    static func checkpointSample(_ data: DatasetValue) -> Checkpoint.Sample {
        let table = data.table
        var values: [Double] = []
        values.reserveCapacity(table.rowCount * table.columnCount)
        for column in 0..<table.columnCount { values.append(contentsOf: table[column: column]) }
        return Checkpoint.Sample(names: table.columnNames, target: data.targetIndex, rowCount: table.rowCount, values: values)
    }

    /// What `predict`, `rmse` and `r2` accept.
    static let predictorType: ParameterType = .oneOf([.opaque("model"), .opaque("formula"), .expression, .function])

    static func model(_ call: BuiltinCall, _ name: String = "model") throws(KanError) -> ModelValue {
        try call.object(name, as: ModelValue.self)
    }

    /// Runs a KAN operation, turning its errors into errors located at the call.
    static func kan<Result>(_ call: BuiltinCall, _ body: () throws -> Result) throws(KanError) -> Result {
        do {
            return try body()
        } catch let error as KanError {
            throw error
        } catch {
            throw call.error("\(error)")
        }
    }

    /// Names given as `variables:`, or x1, x2, ... when absent.
    static func variableNames(_ call: BuiltinCall, count: Int) throws(KanError) -> [String] {
        guard call.has("variables") else { return (1...max(count, 1)).prefix(count).map { "x\($0)" } }
        let names = try call.list("variables").elements.compactMap { value -> String? in
            if case .string(let name) = value { return name }
            return nil
        }
        guard names.count == count, Set(names).count == count, names.allSatisfy(ValueFormatter.isIdentifier) else {
            throw call.error("variables must be \(count) distinct names (strings)", at: "variables")
        }
        return names
    }

    /// The samples for pruning, scoring and refining: the `data` argument if the
    /// builtin has one and it is given, else the model's last training data.
    static func samples(_ call: BuiltinCall, _ model: ModelValue) throws(KanError) -> KAN.Dataset? {
        if (try? call.value("data")) != nil, call.has("data") {
            return try inputs(call, model, try DataBuiltins.dataset(call, "data"), at: "data").dataset
        }
        guard let data = model.data else { return nil }
        return try inputs(call, model, data, at: "model").dataset
    }

    /// The columns of `data` that feed `model`: by the model's variable names when
    /// the data has them all, else by position when the counts agree.
    static func inputs(_ call: BuiltinCall, _ model: ModelValue, _ data: DatasetValue,
                       at parameter: String) throws(KanError) -> (dataset: KAN.Dataset, variables: [String]) {
        let (columns, variables) = try inputColumns(call, model, data, at: parameter)
        let dataset = try kan(call) { try KAN.Dataset(columns: columns, targetColumns: [data.targetValues]) }
        return (dataset, variables)
    }

    /// `inputs` as columns, `columns[i][row]`, with the names they feed.
    static func inputColumns(_ call: BuiltinCall, _ model: ModelValue, _ data: DatasetValue,
                             at parameter: String) throws(KanError) -> (columns: [[Double]], variables: [String]) {
        if let named = data.inputColumns(named: model.variables) {
            return (named, model.variables)
        } else if data.inputNames.count == model.network.inputCount {
            return (data.inputColumns, data.inputNames)
        }
        throw call.error("the model takes \(model.network.inputCount) inputs (\(model.variables.joined(separator: ", "))); the data has \(data.inputNames.count) (\(data.inputNames.joined(separator: ", ")))",
                         at: parameter)
    }

    /// The predictions of the `predictor` argument (or the one named `parameter`) at each row of `data`.
    static func predictions(_ call: BuiltinCall, data: DatasetValue, parameter: String = "predictor") throws(KanError) -> [Double] {
        let predictor = try call.value(parameter)
        switch predictor {
        case .opaque(let object as ModelValue):
            let samples = try inputs(call, object, data, at: "data").dataset
            guard object.network.outputCount == 1 else {
                throw call.error("the model has \(object.network.outputCount) outputs; predictions need one", at: parameter)
            }
            let outputs = try kan(call) { try object.network.evaluate(samples).outputs }
            // Outside its grids a spline is 0 and the base function carries on, so outputs stay
            // finite far out; only overflow (a product of huge sums: 0·∞) makes NaN.
            if let row = outputs.firstIndex(where: \.isNaN) {
                let point = zip(data.inputNames, data.inputColumns)
                    .map { "\($0) = \(ValueFormatter.format($1[row]))" }.joined(separator: ", ")
                throw call.error("the model's output is nan at sample \(row + 1) (\(point)): "
                    + "the inputs are too far outside the range it was trained on", at: "data")
            }
            return outputs
        case .function(let function):
            let columns = data.inputColumns
            return try (0..<data.count).map { (row) throws(KanError) -> Double in
                let value = try call.call(function, columns.map { .number($0[row]) })
                guard let number = value.numberValue else {
                    throw call.error("the function must return a number, got \(value.typeName)", at: parameter)
                }
                return number
            }
        default:
            guard let expression = SymbolicBuilder.operand(predictor)?.expression else {
                throw call.error("\(parameter) must be a model, a formula, an expression or a function", at: parameter)
            }
            let names = data.inputNames
            if let missing = expression.freeSymbols.sorted().first(where: { !names.contains($0) }) {
                throw call.error("the expression uses '\(missing)', which is not an input of the data (\(names.joined(separator: ", ")))",
                                 at: parameter)
            }
            do {
                return try expression.compile(variables: names).evaluate(columns: data.inputColumns)
            } catch {
                throw call.error("cannot evaluate the expression: \(error)", at: parameter)
            }
        }
    }

    // MARK: kan(...)

    static func makeModel(_ call: BuiltinCall) throws(KanError) -> Value {
        guard case .list = try call.value("width") else { return try KanpilerBuiltins.makeModel(call) }
        var shape: [LayerWidth] = []
        for element in try call.list("width").elements {
            switch element {
            case .number(let number):
                guard let count = number.integer, (1...maxWidth).contains(count) else {
                    throw call.error("each width must be an integer from 1 to \(maxWidth) or a list [sum, mult]", at: "width")
                }
                shape.append(LayerWidth(sum: count))
            case .list(let pair):
                guard pair.elements.count == 2, let sum = pair.elements[0].numberValue.flatMap(Int.init(exactly:)),
                      let mult = pair.elements[1].numberValue.flatMap(Int.init(exactly:)),
                      (0...maxWidth).contains(sum), (0...maxWidth).contains(mult), sum + mult >= 1 else {
                    throw call.error("a width [sum, mult] needs two integers from 0 to \(maxWidth), not both 0", at: "width")
                }
                shape.append(LayerWidth(sum: sum, mult: mult))
            default:
                throw call.error("each width must be an integer or a list [sum, mult], got \(element.typeName)", at: "width")
            }
        }
        guard shape.count >= 2 else { throw call.error("width needs at least two levels: inputs and outputs, e.g. [2, 1]", at: "width") }
        if call.has("mult") {
            let mult = try call.list("mult").elements
            guard mult.count == shape.count else {
                throw call.error("mult needs one count per level (\(shape.count)), got \(mult.count)", at: "mult")
            }
            for (index, value) in mult.enumerated() {
                guard let count = value.numberValue.flatMap(Int.init(exactly:)), (0...maxWidth).contains(count) else {
                    throw call.error("mult counts must be integers from 0 to \(maxWidth)", at: "mult")
                }
                shape[index].mult += count
            }
        }
        var configuration = try networkConfiguration(call)
        let (grid, order) = (configuration.gridSize, configuration.splineOrder)
        let arity = try call.integer("arity")
        guard (2...16).contains(arity) else { throw call.error("arity must be between 2 and 16, got \(arity)", at: "arity") }
        try checkSize(call, shape: shape, grid: grid, order: order, arity: arity, at: "width")
        configuration.multiplicationArity = arity
        try TrainingControlBuiltins.applyInitialisation(call, to: &configuration)
        let network = try kan(call) { try Network(shape: shape, configuration: configuration) }
        return .opaque(ModelValue(network: network, variables: try variableNames(call, count: network.inputCount)))
    }

    /// The grid, spline order, base function, grid range and seed of `kan(...)`, checked: one
    /// reading for a network of widths and a network of a formula.
    static func networkConfiguration(_ call: BuiltinCall) throws(KanError) -> Network.Configuration {
        let grid = try call.integer("grid"), order = try call.integer("k")
        guard (1...maxGrid).contains(grid) else { throw call.error("grid must be between 1 and \(maxGrid), got \(grid)", at: "grid") }
        guard (0...10).contains(order) else { throw call.error("k must be between 0 and 10, got \(order)", at: "k") }
        let baseName = try call.string("base")
        guard let base = BaseFunction(rawValue: baseName) else {
            throw call.error("base must be one of \(BaseFunction.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), got \"\(baseName)\"",
                             at: "base")
        }
        let range = try call.list("range").elements.compactMap(\.numberValue)
        guard range.count == 2, range[0].isFinite, range[1].isFinite, range[0] < range[1] else {
            throw call.error("range must be [low, high] with finite low < high", at: "range")
        }
        return Network.Configuration(
            gridSize: grid, splineOrder: order, gridRange: range[0]...range[1], baseFunction: base,
            seed: UInt64(truncatingIfNeeded: try call.integer("seed")))
    }

    // MARK: train(...)

    /// The options common to training on data and on a loss.
    static func trainingOptions(_ call: BuiltinCall) throws(KanError) -> TrainingOptions {
        var options = TrainingOptions()
        options.steps = try call.integer("steps")
        guard (0...maxSteps).contains(options.steps) else {
            throw call.error("steps must be between 0 and \(maxSteps), got \(options.steps)", at: "steps")
        }
        let optimizer = try call.string("opt")
        let rate: Double? = call.has("lr") ? try call.number("lr") : nil
        if let rate, !(rate.isFinite && rate > 0) { throw call.error("lr must be a positive number", at: "lr") }
        switch optimizer.lowercased() {
        case "lbfgs": options.optimizer = .lbfgs(learningRate: rate ?? 1)
        case "adam": options.optimizer = .adam(learningRate: rate ?? 1e-3)
        default: throw call.error("opt must be \"lbfgs\" or \"adam\", got \"\(optimizer)\"", at: "opt")
        }
        let lambda = try call.number("lamb")
        guard lambda.isFinite, lambda >= 0 else { throw call.error("lamb must be a finite number >= 0", at: "lamb") }
        options.regularization.lambda = lambda
        let batch = try call.integer("batch")
        guard batch == -1 || batch >= 1 else { throw call.error("batch must be -1 (all samples) or positive, got \(batch)", at: "batch") }
        options.batchSize = batch == -1 ? nil : batch
        options.gridUpdate.enabled = try call.boolean("update_grid")
        options.seed = UInt64(truncatingIfNeeded: try call.integer("seed"))
        try TrainingControlBuiltins.applyRegularization(call, to: &options)
        return options
    }

    static func train(_ call: BuiltinCall) throws(KanError) -> Value {
        let options = try trainingOptions(call)
        if call.has("loss") { return try TrainingControlBuiltins.train(call, loss: try call.function("loss"), options: options) }
        guard call.has("data") else { throw call.error("train needs data to fit, or a loss: train(m, data) or train(m, loss: fn(m) { ... })") }
        let model = try model(call)
        let data = try DataBuiltins.dataset(call, "data")
        let (samples, variables) = try inputs(call, model, data, at: "data")

        var test: KAN.Dataset?
        if call.has("test") {
            test = try inputs(call, ModelValue(network: model.network, variables: variables),
                              try DataBuiltins.dataset(call, "test"), at: "test").dataset
        }
        let interpreter = call.interpreter
        var bar = ProgressBar(steps: options.steps, output: interpreter.progressSink)
        var network = model.network
        let report: TrainingReport
        // Grid updates happen at fixed steps of the call; those past an interruption are dropped below.
        let firstStep = network.history.trainLoss.count
        do {
            report = try network.train(on: samples, test: test, options: options, restarts: try TrainingControlBuiltins.restarts(call),
                                       progress: { bar.update($0) }, shouldStop: { interpreter.isInterrupted })
            bar.finish()
        } catch KANError.nonFiniteLoss(let step) {
            bar.finish()
            let kept = ModelValue(network: network, variables: variables, data: data,
                                  events: events(model, options, from: firstStep, to: network.history.trainLoss.count))
            interpreter.setGlobal("last_model", .opaque(kept))
            throw call.error("training stopped: the loss became NaN or infinite at step \(step + 1); the model of the last finite step is in last_model")
        } catch {
            bar.finish()
            throw call.error("\(error)")
        }
        let trained = ModelValue(network: network, variables: variables, data: data,
                                 events: events(model, options, from: firstStep, to: network.history.trainLoss.count))
        interpreter.setGlobal("last_model", .opaque(trained))
        if report.interrupted {
            interpreter.warn("\(call.location): warning: training interrupted after \(report.steps) of \(options.steps) steps; returning the model of the last completed step")
        }
        return .opaque(trained)
    }

    /// The model's events plus the grid updates of a `train` call that ran from step
    /// `first` to step `last` of the history.
    static func events(_ model: ModelValue, _ options: TrainingOptions, from first: Int, to last: Int) -> [TrainingEvent] {
        model.events + TrainingEvent.gridUpdates(options: options, firstStep: first).filter { $0.step < last }
    }
}
