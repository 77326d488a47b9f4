import KAN

/// A model's exact derivatives with respect to its inputs, at every sample of a data set:
/// the gradient, and the Hessian for structure tests (a mixed partial ∂²f/∂x∂y that is 0
/// everywhere means f is a sum of a function of x and one of y).
///
///     let m = train(kan([2, 5, 1]), data, steps: 50)
///     let g = gradient(m, data)     # {d_x: [...], d_y: [...]}
///     let h = hessian(m, data)      # {d2_x_x: [...], d2_x_y: [...], d2_y_y: [...]}
///     print(max(map(h.d2_x_y, abs)))
///
/// Both return a record of columns, one list of numbers per sample, named after the
/// model's variables as the data feeds them (`ModelBuiltins.inputColumns`). The numbers come
/// from `Network.inputDerivatives`: forward-mode differentiation of the network, exact,
/// not finite differences.
public enum DerivativeBuiltins: BuiltinGroup {
    /// Numbers a result may hold (samples × columns): 160 MB of Doubles, as a data set.
    static let maxValues = 20_000_000

    public static var builtins: [Builtin] {
        let parameters: [BuiltinParameter] = [
            .required("model", .opaque("model")),
            .required("data", .opaque("dataset"), "the samples: their inputs by the model's variable names, or by position"),
            .optional("output", .integer, default: .number(0), "which output of the model, 0 for the first"),
        ]
        return [
            Builtin("gradient", parameters, group: "model",
                    doc: "The model's exact partial derivatives at each sample, as a record of columns {d_x: [...], d_y: [...]}, one per input variable: gradient(m, data).") { call in
                try derivatives(call, hessians: false)
            },
            Builtin("hessian", parameters, group: "model",
                    doc: "The model's exact second partial derivatives at each sample, as a record of columns, one per pair of inputs x before (or equal to) y: {d2_x_x: [...], d2_x_y: [...], d2_y_y: [...]}: hessian(m, data).") { call in
                try derivatives(call, hessians: true)
            },
        ]
    }

    /// The record `gradient` or `hessian` returns.
    static func derivatives(_ call: BuiltinCall, hessians: Bool) throws(KanError) -> Value {
        if case .opaque(let tracer as ModelTracer) = try call.value("model") {
            return try tracedDerivatives(call, tracer, hessians: hessians)
        }
        let model = try ModelBuiltins.model(call)
        let data = try DataBuiltins.dataset(call, "data")
        let network = model.network
        let output = try call.integer("output")
        guard (0..<network.outputCount).contains(output) else {
            let outputs = network.outputCount
            throw call.error("output must be from 0 to \(outputs - 1) (the model has \(outputs) output\(outputs == 1 ? "" : "s")), got \(output)",
                             at: "output")
        }
        let (columns, names) = try ModelBuiltins.inputColumns(call, model, data, at: "data")
        func point(_ row: Int) -> String {
            zip(names, columns).map { "\($0) = \(ValueFormatter.format($1[row]))" }.joined(separator: ", ")
        }
        for (name, column) in zip(names, columns) {
            if let row = column.firstIndex(where: { !$0.isFinite }) {
                throw call.error("the input '\(name)' is \(ValueFormatter.format(column[row])) at sample \(row + 1); derivatives need finite inputs",
                                 at: "data")
            }
        }
        let d = names.count
        let columnCount = hessians ? d * (d + 1) / 2 : d
        guard data.count * columnCount <= maxValues else {
            throw call.error("\(data.count) samples of \(columnCount) derivatives are more than \(maxValues) values", at: "data")
        }
        let result = try ModelBuiltins.kan(call) {
            try network.inputDerivatives(columns: columns, output: output, hessians: hessians)
        }
        var entries: [(String, [Double])] = []
        if let second = result.hessians {
            for a in 0..<d { for b in a..<d { entries.append(("d2_\(names[a])_\(names[b])", second[a][b])) } }
        } else {
            for a in 0..<d { entries.append(("d_\(names[a])", result.gradients[a])) }
        }
        // Names with underscores can collide (x_y, z and x, y_z both give d2_x_y_z).
        var seen = Set<String>()
        for (key, _) in entries where !seen.insert(key).inserted {
            throw call.error("two derivative columns would both be named '\(key)'; rename the model's variables (without underscores)",
                             at: "model")
        }
        // Outside its grids a spline is 0 and the base function carries on, so derivatives stay
        // finite far out; only overflow (a product of huge sums: 0·∞) makes NaN.
        for (_, column) in entries {
            if let row = column.firstIndex(where: \.isNaN) {
                throw call.error("the model's derivatives are nan at sample \(row + 1) (\(point(row))): "
                    + "the inputs are too far outside the range it was trained on", at: "data")
            }
        }
        return .record(RecordStorage(entries.map { ($0.0, .list($0.1.map { Value.number($0) })) }))
    }

    /// Inside a loss function: the same record, of fields (`LossTrace`).
    static func tracedDerivatives(_ call: BuiltinCall, _ tracer: ModelTracer, hessians: Bool) throws(KanError) -> Value {
        let data = try DataBuiltins.dataset(call, "data")
        let output = try call.integer("output")
        let names = tracer.recorder.variables
        var entries: [(String, Value)] = []
        do throws(KanError) {
            try tracer.recorder.checkOutput(output)
            for a in names.indices {
                if hessians {
                    for b in a..<names.count {
                        entries.append(("d2_\(names[a])_\(names[b])", .opaque(try tracer.field(.secondDerivative(a, b), at: data, output: output))))
                    }
                } else {
                    entries.append(("d_\(names[a])", .opaque(try tracer.field(.derivative(a), at: data, output: output))))
                }
            }
        } catch {
            throw call.error(error.message, at: "data")
        }
        return .record(RecordStorage(entries))
    }
}
