import KAN
import Table

/// The training controls a pykan user reaches for, and freezing:
///
///     let m = kan([1, 1], grid: 100, base: "zero", noise_scale: 0.1, grid_eps: 1)
///     let frozen = freeze(m, ["spline_scales", "base_scales"])     # train only the coefficients
///     let m2 = train(frozen, region, steps: 50, update_grid: false)
///     let m3 = train(m, data, lamb: 0.01, lamb_l1: 1, lamb_entropy: 2, lamb_coef: 0.1)
///     let u = train(kan([2, 10, 1]), loss: fn(m) { mean((laplacian(m, inside) - inside.f)^2) })
///
/// `kan(...)` takes the initialisation (`noise_scale`, `scale_base_mu`, `scale_base_sigma`,
/// `grid_eps`), `train(...)` the penalty weights and a custom `loss` (traced once into a
/// `DerivativeLoss`, `LossTrace`), `freeze`/`unfreeze` the trainability flags of
/// `Network.trainability`.
public enum TrainingControlBuiltins: BuiltinGroup {
    /// Extra parameters of `kan(...)`.
    static let modelParameters: [BuiltinParameter] = [
        .optional("noise_scale", .number, default: .number(0.3), "amplitude of the initial spline noise (times 1/grid), pykan noise_scale"),
        .optional("scale_base_mu", .number, default: .number(0), "mean of the initial base scales w_b (times 1/√inputs)"),
        .optional("scale_base_sigma", .number, default: .number(1), "spread of the initial base scales w_b (times 1/√inputs)"),
        .optional("grid_eps", .number, default: .number(0.02), "grid updates place knots at ε·uniform + (1 − ε)·quantiles; 1 keeps them uniform"),
    ]

    /// Extra parameters of `train(...)`.
    static let trainParameters: [BuiltinParameter] = [
        .optional("loss", .function, "a custom loss fn(m) { mean((laplacian(m, points) - points.f)^2) + ... } instead of data"),
        .optional("lamb_l1", .number, default: .number(1), "weight of the L1 norm of the activations in the penalty"),
        .optional("lamb_entropy", .number, default: .number(2), "weight of the entropy of the activations in the penalty"),
        .optional("lamb_coef", .number, default: .number(0), "weight of the mean |c| of the spline coefficients in the penalty"),
        .optional("lamb_coefdiff", .number, default: .number(0), "weight of the mean |Δc| of neighbouring coefficients in the penalty"),
        .optional("history", .integer, default: .number(10), "L-BFGS history size (pykan: 10); longer histories help ill-conditioned losses such as PDEs"),
        .optional("restarts", .integer, default: .number(0), "fresh initialisations tried besides the model's own, restart_steps steps each, the best trained on (within steps)"),
        .optional("restart_steps", .integer, default: .number(25), "steps each start gets before the starts are compared"),
    ]

    public static var builtins: [Builtin] {
        let parameters: [BuiltinParameter] = [
            .required("model", .opaque("model")),
            .optional("groups", .oneOf([.string, .list]), default: .string("all"),
                      "\"all\" or a list of \"coefficients\" (coef), \"spline_scales\" (scale_sp), \"base_scales\" (scale_base), \"affine\""),
            .optional("layer", .integer, "only this layer (from 0); default every layer"),
            .optional("edges", .list, "only these edges of the layer: [i, j] pairs (input i → node j) or edge numbers"),
        ]
        return [
            Builtin("freeze", parameters, group: "model",
                    doc: "A copy of the model whose chosen parameters training leaves unchanged: freeze(m, [\"spline_scales\", \"base_scales\"]), freeze(m, \"all\", layer: 0, edges: [[0, 1]]).") { call in
                try setFrozen(call, true)
            },
            Builtin("unfreeze", parameters, group: "model",
                    doc: "A copy of the model whose chosen parameters train again: unfreeze(m), unfreeze(m, [\"coefficients\"], layer: 1).") { call in
                try setFrozen(call, false)
            },
            Builtin("frozen", [.required("model", .opaque("model"))], group: "model",
                    doc: "The number of parameters of the model that training leaves unchanged.") { call in
                let network = try ModelBuiltins.model(call).network
                var count = 0
                for (l, layer) in network.layers.enumerated() {
                    let flags = network.trainability.layers[l]
                    for e in 0..<layer.edgeCount {
                        if flags.isFrozen(.coefficients, edge: e) { count += layer.basisCount }
                        if flags.isFrozen(.baseScales, edge: e) { count += 1 }
                        if flags.isFrozen(.splineScales, edge: e) { count += 1 }
                        if flags.isFrozen(.symbolicAffine, edge: e) { count += 4 }
                    }
                }
                return .number(Double(count))
            },
        ]
    }

    // MARK: kan(...) and train(...) options

    static func applyInitialisation(_ call: BuiltinCall, to configuration: inout Network.Configuration) throws(KanError) {
        func finite(_ name: String, _ valid: (Double) -> Bool, _ rule: String) throws(KanError) -> Double {
            let value = try call.number(name)
            guard value.isFinite, valid(value) else { throw call.error("\(name) must be \(rule), got \(ValueFormatter.format(value))", at: name) }
            return value
        }
        configuration.noiseScale = try finite("noise_scale", { $0 >= 0 }, "a finite number >= 0")
        configuration.scaleBaseMean = try finite("scale_base_mu", { _ in true }, "finite")
        configuration.scaleBaseSpread = try finite("scale_base_sigma", { $0 >= 0 }, "a finite number >= 0")
        configuration.gridEpsilon = try finite("grid_eps", { (0...1).contains($0) }, "between 0 and 1")
    }

    static func applyRegularization(_ call: BuiltinCall, to options: inout TrainingOptions) throws(KanError) {
        func weight(_ name: String) throws(KanError) -> Double {
            let value = try call.number(name)
            guard value.isFinite, value >= 0 else { throw call.error("\(name) must be a finite number >= 0", at: name) }
            return value
        }
        options.regularization.l1 = try weight("lamb_l1")
        options.regularization.entropy = try weight("lamb_entropy")
        options.regularization.coefficient = try weight("lamb_coef")
        options.regularization.coefficientDifference = try weight("lamb_coefdiff")
        let history = try call.integer("history")
        guard (1...1000).contains(history) else { throw call.error("history must be between 1 and 1000, got \(history)", at: "history") }
        if case .lbfgs(_, let rate, let iterations, let evaluations) = options.optimizer {
            options.optimizer = .lbfgs(history: history, learningRate: rate, maxIterations: iterations, maxEvaluations: evaluations)
        }
    }

    /// The `restarts` and `restart_steps` arguments (`Restarts`); 0 restarts is one start.
    static func restarts(_ call: BuiltinCall) throws(KanError) -> Restarts {
        let extra = try call.integer("restarts"), probe = try call.integer("restart_steps")
        guard (0...1000).contains(extra) else { throw call.error("restarts must be between 0 and 1000, got \(extra)", at: "restarts") }
        guard probe >= 1 else { throw call.error("restart_steps must be at least 1, got \(probe)", at: "restart_steps") }
        let steps = try call.integer("steps")
        if extra > 0, (extra + 1) * probe > steps {
            throw call.error("\(extra + 1) starts of \(probe) steps are more than the \(steps) steps given", at: "restarts")
        }
        return Restarts(starts: extra + 1, probeSteps: probe)
    }

    // MARK: freeze / unfreeze

    static func groups(_ call: BuiltinCall) throws(KanError) -> Set<Trainability.Group> {
        let names: [Value]
        switch try call.value("groups") {
        case .string(let name): names = [.string(name)]
        case .list(let list): names = list.elements
        default: names = []
        }
        var result = Set<Trainability.Group>()
        for value in names {
            guard case .string(let name) = value else { throw call.error("groups must be strings", at: "groups") }
            switch name {
            case "all": result.formUnion(Trainability.Group.allCases)
            case "coefficients", "coef": result.insert(.coefficients)
            case "spline_scales", "scale_sp": result.insert(.splineScales)
            case "base_scales", "scale_base": result.insert(.baseScales)
            case "affine", "symbolic": result.insert(.symbolicAffine)
            default:
                throw call.error("unknown group \"\(name)\": use \"all\", \"coefficients\", \"spline_scales\", \"base_scales\" or \"affine\"", at: "groups")
            }
        }
        return result
    }

    static func setFrozen(_ call: BuiltinCall, _ frozen: Bool) throws(KanError) -> Value {
        let model = try ModelBuiltins.model(call)
        var network = model.network
        let groups = try groups(call)
        let layer: Int? = call.has("layer") ? try call.integer("layer") : nil
        if let layer, !network.layers.indices.contains(layer) {
            throw call.error("layer must be from 0 to \(network.layers.count - 1), got \(layer)", at: "layer")
        }
        var edges: [Int]? = nil
        if call.has("edges") {
            guard let l = layer else { throw call.error("edges need a layer: freeze(m, \"all\", layer: 0, edges: [[0, 1]])", at: "edges") }
            let target = network.layers[l]
            edges = try call.list("edges").elements.map { (value) throws(KanError) -> Int in
                switch value {
                case .number(let number):
                    guard let e = number.integer, (0..<target.edgeCount).contains(e) else {
                        throw call.error("layer \(l) has edges 0 to \(target.edgeCount - 1)", at: "edges")
                    }
                    return e
                case .list(let pair):
                    guard pair.elements.count == 2, let i = pair.elements[0].numberValue.flatMap(Int.init(exactly:)),
                          let j = pair.elements[1].numberValue.flatMap(Int.init(exactly:)),
                          (0..<target.inputCount).contains(i), (0..<target.subnodeCount).contains(j) else {
                        throw call.error("an edge [i, j] of layer \(l) needs 0 <= i < \(target.inputCount) and 0 <= j < \(target.subnodeCount)", at: "edges")
                    }
                    return target.edgeIndex(input: i, subnode: j)
                default:
                    throw call.error("edges must be edge numbers or [i, j] pairs", at: "edges")
                }
            }
        }
        try ModelBuiltins.kan(call) { try network.trainability.set(groups, frozen: frozen, layer: layer, edges: edges) }
        return .opaque(model.with(network: network))
    }

    // MARK: train(m, loss: ...)

    /// Traces `function` with a stand-in for the model, then trains on the recorded loss.
    static func train(_ call: BuiltinCall, loss function: Function, options: TrainingOptions) throws(KanError) -> Value {
        let model = try ModelBuiltins.model(call)
        if call.has("data") {
            throw call.error("give data or a loss, not both; a data term goes into the loss: mean((m(data) - data.f)^2)", at: "data")
        }
        if call.has("test") { throw call.error("a test set is not used with a loss", at: "test") }
        guard options.regularization.lambda == 0 else {
            throw call.error("the sparsity penalty is not available with a custom loss; leave lamb at 0", at: "lamb")
        }
        guard options.batchSize == nil else { throw call.error("a custom loss trains on all its points at once", at: "batch") }
        var network = model.network
        let recorder = LossRecorder(variables: model.variables, outputCount: network.outputCount)
        let traced = try call.call(function, [.opaque(ModelTracer(recorder: recorder))])
        guard case .opaque(let object) = traced, let lossValue = object as? LossValue, lossValue.recorder === recorder else {
            throw call.error("the loss function must return a loss such as mean((laplacian(m, points) - points.f)^2) + mean(m(edge)^2), got \(traced.typeName)",
                             at: "loss")
        }
        let loss = try lossValue.derivativeLoss()
        let interpreter = call.interpreter
        var bar = ProgressBar(steps: options.steps, output: interpreter.progressSink)
        let firstStep = network.history.trainLoss.count
        let report: TrainingReport
        do {
            report = try network.train(loss: loss, options: options, progress: { bar.update($0) }, shouldStop: { interpreter.isInterrupted })
            bar.finish()
        } catch KANError.nonFiniteLoss(let step) {
            bar.finish()
            let kept = try trained(call, model, network, options, firstStep, loss)
            interpreter.setGlobal("last_model", .opaque(kept))
            throw call.error("training stopped: the loss became NaN or infinite at step \(step + 1); the model of the last finite step is in last_model")
        } catch {
            bar.finish()
            throw call.error("\(error)")
        }
        let result = try trained(call, model, network, options, firstStep, loss)
        interpreter.setGlobal("last_model", .opaque(result))
        if report.interrupted {
            interpreter.warn("\(call.location): warning: training interrupted after \(report.steps) of \(options.steps) steps; returning the model of the last completed step")
        }
        return .opaque(result)
    }

    /// The trained model, with the loss's points as its data and its own predictions as their
    /// target: `refine`, `prune`, `auto_symbolic` and `formula` then sample and refit on the
    /// function it learnt over the domain of the loss.
    static func trained(_ call: BuiltinCall, _ model: ModelValue, _ network: Network, _ options: TrainingOptions,
                        _ firstStep: Int, _ loss: DerivativeLoss) throws(KanError) -> ModelValue {
        let events = ModelBuiltins.events(model, options, from: firstStep, to: network.history.trainLoss.count)
        guard let points = network.cachedInputs, points.inputCount == model.variables.count else {
            return ModelValue(network: network, variables: model.variables, events: events)
        }
        let predicted = try ModelBuiltins.kan(call) { try network.evaluate(points).outputs }
        let outputs = network.outputCount
        let target = (0..<points.count).map { predicted[$0 * outputs] }
        let columns = (0..<points.inputCount).map { i in (0..<points.count).map { points.inputs[$0 * points.inputCount + i] } }
        var name = "u"
        while model.variables.contains(name) { name += "_" }
        let table = try? Table(columnNames: model.variables + [name], columns: columns + [target])
        let data = table.flatMap { DatasetValue(table: $0, targetIndex: model.variables.count) }
        return ModelValue(network: network, variables: model.variables, data: data, events: events)
    }
}
