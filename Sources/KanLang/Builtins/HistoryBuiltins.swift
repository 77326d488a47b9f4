/// A model's history of states (pykan's `history`, `rewind`, `checkout`; design in
/// `ModelHistory`): every builtin that returns a new model records its call.
///
///     m = train(m, data)
///     m = prune(m)
///     history(m)            # prints the steps; returns {step, operation, model} records
///     m = rewind(m)         # undo the prune
public enum HistoryBuiltins: BuiltinGroup {
    public static var builtins: [Builtin] { [history, rewind, checkout] }

    static var history: Builtin {
        Builtin("history", [
            .required("model", .opaque("model")),
            .optional("quiet", .boolean, default: .boolean(false), "true: return the records without printing them"),
        ], group: "history",
        doc: "The states the model came from, oldest first, and itself last (at most \(ModelHistory.limit + 1)): prints "
            + "one line per step and returns records {step, operation, model}. checkout(m, step) returns a state.") { call in
            let model = try ModelBuiltins.model(call)
            let states = ModelHistory.states(of: model)
            let records: Value = .list(states.enumerated().map { index, state in
                .record(RecordStorage([
                    ("step", .number(Double(index))),
                    ("operation", state.operation.map { Value.string($0) } ?? .nil),
                    ("model", .opaque(state)),
                ]))
            })
            if !(try call.boolean("quiet")) {
                call.write(states.enumerated().map { index, state in
                    "\(index) \(state.operation ?? "(not recorded)")  \(state.summary)\n"
                }.joined())
                call.interpreter.noteDisplayed(records)
            }
            return records
        }
    }

    static var rewind: Builtin {
        Builtin("rewind", [
            .required("model", .opaque("model")),
            .optional("n", .integer, default: .number(1), "how many steps back"),
        ], group: "history",
        doc: "The model as it was n steps ago (pykan's rewind): m = rewind(m) undoes the last step. The earlier "
            + "model keeps its own history; the later one is not lost while a variable holds it.") { call in
            let model = try ModelBuiltins.model(call)
            let n = try call.integer("n")
            let past = model.past
            guard n >= 0, n <= past.count else {
                throw call.error("n must be between 0 and \(past.count): the model remembers \(past.count) earlier state\(past.count == 1 ? "" : "s")", at: "n")
            }
            return n == 0 ? .opaque(model) : .opaque(past[past.count - n])
        }
    }

    static var checkout: Builtin {
        Builtin("checkout", [
            .required("model", .opaque("model")),
            .required("step", .integer, "a step as history(model) numbers them, from 0 (the oldest kept)"),
        ], group: "history",
        doc: "State `step` of the model's history (pykan's checkout): checkout(m, 0) is the oldest state kept.") { call in
            let model = try ModelBuiltins.model(call)
            let step = try call.integer("step")
            let states = ModelHistory.states(of: model)
            guard states.indices.contains(step) else {
                throw call.error("step \(step) out of range: the history has steps 0 to \(states.count - 1)", at: "step")
            }
            return .opaque(states[step])
        }
    }
}
