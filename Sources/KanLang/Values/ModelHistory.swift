/// The states a model went through (pykan's `history`, `rewind`, `checkout`), designed for
/// immutable model values.
///
/// pykan mutates one model and saves every version to disk so that it can go back. In KanLang
/// each builtin returns a new model and leaves its argument as it was, so every earlier state
/// is already a value; a model only has to remember which ones it came from. When a builtin
/// returns a model it made (not one of its arguments, not an earlier state), the interpreter
/// records the step here, in one place for every builtin present and future:
///
/// - `operation`: the call with the arguments as written, the model argument left out
///   (`train(data, steps: 50, lamb: 0.01)`, `prune()`, `kan([2, 5, 1])`);
/// - `past`: the model argument's own past followed by the model argument itself, the last
///   `limit` of them.
///
///     let m = kan([2, 5, 1])
///     m = train(m, data, steps: 50)
///     m = prune(m)
///     history(m)           # 0 kan([2, 5, 1]); 1 train(data, steps: 50); 2 prune()
///     m = rewind(m)        # the trained model before prune: undo
///
/// `rewind` and `checkout` return the earlier model itself, with its own shorter past, so
/// going back and taking another path branches as pykan's rewind does; nothing is lost while
/// a variable still holds the later model. The past is not saved in checkpoints. Keeping
/// `limit` states bounds what a long loop of `train` calls holds on to.
enum ModelHistory {
    /// The most earlier states a model keeps.
    static let limit = 20

    /// `result`, with the step recorded when it is a model the builtin made.
    static func recording(_ result: Value, of builtin: Builtin, call: BuiltinCall) -> Value {
        guard case .opaque(let object) = result, let model = object as? ModelValue, model.operation == nil else {
            return result
        }
        var parent: ModelValue?
        for parameter in builtin.parameters {
            if case .opaque(let argument as ModelValue) = call.arguments[parameter.name] ?? .nil {
                if argument === model { return result }
                if parent == nil { parent = argument }
            }
        }
        let past = parent.map { Array(($0.past + [$0]).suffix(limit)) } ?? []
        return .opaque(ModelValue(
            network: model.network, variables: model.variables, data: model.data, events: model.events,
            operation: describe(builtin, call, leaving: parent), past: past))
    }

    /// `name(arguments)` as given, without the model the step started from.
    static func describe(_ builtin: Builtin, _ call: BuiltinCall, leaving parent: ModelValue?) -> String {
        var parts: [String] = []
        var positional = true
        for parameter in builtin.parameters {
            guard call.argumentLocations[parameter.name] != nil, let value = call.arguments[parameter.name] else {
                positional = false
                continue
            }
            if case .opaque(let object) = value, object === parent { continue }
            let text = ValueFormatter.describe(value, quoted: true, limit: 60)
            parts.append(positional && parameter.defaultValue == nil ? text : "\(parameter.name): \(text)")
        }
        return "\(builtin.name)(\(parts.joined(separator: ", ")))"
    }

    /// Every state from the oldest kept to `model`, with the operation that made each.
    static func states(of model: ModelValue) -> [ModelValue] {
        model.past + [model]
    }
}
