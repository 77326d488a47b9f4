import Foundation
import KAN
import Table

/// Differential operators on models and point meshes, for physics-informed training:
///
///     symbols x, y
///     let inside = mesh(-2*pi^2*sin(pi*x)*sin(pi*y), ranges: {x: [-1, 1], y: [-1, 1]}, n: 21)
///     let edge = mesh(0, ranges: {x: [-1, 1], y: [-1, 1]}, n: 41, boundary: true)
///     let u = train(kan([2, 10, 1], variables: ["x", "y"]), loss: fn(m) {
///         mean((laplacian(m, inside) - inside.f)^2) + 100 * mean(m(edge)^2)
///     }, steps: 50)
///     print(max(map(laplacian(u, inside), abs)))
///
/// On a model, `laplacian` and `partial` return one number per point (exact, from
/// `Network.inputDerivatives`); inside a loss function they are fields (`LossTrace`).
public enum ScienceBuiltins: BuiltinGroup {
    public static var builtins: [Builtin] {
        [
            Builtin("laplacian", [
                .required("model", .opaque("model")),
                .required("data", .opaque("dataset"), "the points: their inputs by the model's variable names, or by position"),
                .optional("output", .integer, default: .number(0), "which output of the model, 0 for the first"),
            ], group: "model",
                    doc: "The Laplacian Σ ∂²u/∂x_i² of the model at each point, as a list; inside a loss function, the field to train on: laplacian(m, points).") { call in
                try operatorValues(call) { _ in .laplacian }
            },
            Builtin("partial", [
                .required("model", .opaque("model")),
                .required("data", .opaque("dataset"), "the points"),
                .required("x", .string, "the variable to differentiate by"),
                .optional("y", .string, "a second variable, for ∂²u/∂x∂y"),
                .optional("output", .integer, default: .number(0), "which output of the model, 0 for the first"),
            ], group: "model",
                    doc: "The partial derivative ∂u/∂x (or ∂²u/∂x∂y with a second name) of the model at each point, as a list; inside a loss function, a field: partial(m, points, \"x\"), partial(m, points, \"x\", \"x\").") { call in
                try operatorValues(call) { (index) throws(KanError) -> DerivativeLoss.Operator in
                    let first = try index(try call.string("x"), "x")
                    if call.has("y") { return .secondDerivative(first, try index(try call.string("y"), "y")) }
                    return .derivative(first)
                }
            },
            Builtin("mesh", [
                .required("source", .oneOf([.expression, .number, .opaque("formula"), .function]),
                          "the target column: an expression in the range variables, a formula, or a function of them"),
                .required("ranges", .record, "{name: [low, high], ...}: the box"),
                .optional("n", .integer, default: .number(21), "points per side, ends included"),
                .optional("boundary", .boolean, default: .boolean(false), "the points on the box's faces instead of its inside"),
                .optional("target", .string, "the target column's name (default \"f\")"),
            ], group: "data",
                    doc: "A regular grid of points in a box, with the source's values as target: the n^d points strictly inside (boundary: false) or the points of the grid on its faces (boundary: true): mesh(0, ranges: {x: [-1, 1], y: [-1, 1]}, n: 41, boundary: true).") { call in
                .opaque(try mesh(call))
            },
        ]
    }

    /// Calls `operator_` on a traced model (a field) or computes it on a real model (a list).
    static func operatorValues(
        _ call: BuiltinCall, _ operator_: ((String, String) throws(KanError) -> Int) throws(KanError) -> DerivativeLoss.Operator
    ) throws(KanError) -> Value {
        let data = try DataBuiltins.dataset(call, "data")
        let output = try call.integer("output")
        if case .opaque(let tracer as ModelTracer) = try call.value("model") {
            let op = try operator_ { (name, parameter) throws(KanError) -> Int in
                do throws(KanError) { return try tracer.recorder.variable(name) } catch { throw call.error(error.message, at: parameter) }
            }
            do throws(KanError) {
                try tracer.recorder.checkOutput(output)
                return .opaque(try tracer.field(op, at: data, output: output))
            } catch {
                throw call.error(error.message, at: "data")
            }
        }
        let model = try ModelBuiltins.model(call)
        let network = model.network
        guard (0..<network.outputCount).contains(output) else {
            throw call.error("output must be from 0 to \(network.outputCount - 1), got \(output)", at: "output")
        }
        let (columns, names) = try ModelBuiltins.inputColumns(call, model, data, at: "data")
        let op = try operator_ { (name, parameter) throws(KanError) -> Int in
            guard let index = names.firstIndex(of: name) else {
                throw call.error("'\(name)' is not an input of the model (\(names.joined(separator: ", ")))", at: parameter)
            }
            return index
        }
        let second: Bool
        switch op {
        case .value, .derivative: second = false
        case .secondDerivative, .laplacian: second = true
        }
        let result = try ModelBuiltins.kan(call) { try network.inputDerivatives(columns: columns, output: output, hessians: second) }
        let values: [Double]
        switch op {
        case .value: values = result.values
        case .derivative(let i): values = result.gradients[i]
        case .secondDerivative(let i, let j): values = result.hessians?[i][j] ?? []
        case .laplacian: values = result.laplacian ?? []
        }
        return .list(values.map { Value.number($0) })
    }

    /// A regular grid of points inside a box, or on its faces.
    static func mesh(_ call: BuiltinCall) throws(KanError) -> DatasetValue {
        let ranges = try DataBuiltins.ranges(call)
        let n = try call.integer("n")
        let boundary = try call.boolean("boundary")
        guard n >= (boundary ? 2 : 1) else { throw call.error("n must be at least \(boundary ? 2 : 1), got \(n)", at: "n") }
        let d = ranges.count
        let (total, overflow) = (0..<d).reduce((1, false)) { acc, _ in
            let (p, o) = acc.0.multipliedReportingOverflow(by: n)
            return (p, acc.1 || o)
        }
        guard !overflow, total * (d + 1) <= DataBuiltins.maxValues else {
            throw call.error("\(n)^\(d) points are more than \(DataBuiltins.maxValues / (d + 1))", at: "n")
        }
        // Inside: n points per side strictly between the ends (cell centres of an n-cell grid
        // would miss the middle; this spacing keeps (low + high)/2 when n is odd).
        // Boundary: the n-point grid with ends included, keeping the points on a face.
        func coordinate(_ axis: Int, _ q: Int) -> Double {
            let (low, high) = (ranges[axis].low, ranges[axis].high)
            if boundary { return low + (high - low) * Double(q) / Double(n - 1) }
            return low + (high - low) * Double(q + 1) / Double(n + 1)
        }
        var columns = [[Double]](repeating: [], count: d)
        var index = [Int](repeating: 0, count: d)
        for _ in 0..<total {
            let onFace = (0..<d).contains { index[$0] == 0 || index[$0] == n - 1 }
            if !boundary || onFace {
                for axis in 0..<d { columns[axis].append(coordinate(axis, index[axis])) }
            }
            var axis = d - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < n { break }
                index[axis] = 0
                axis -= 1
            }
        }
        let names = ranges.map(\.name)
        let count = columns.first?.count ?? 0
        let target = try DataBuiltins.evaluate(call, names: names, columns: columns, count: count)
        if let bad = target.firstIndex(where: { !$0.isFinite }) {
            throw call.error("the source is \(ValueFormatter.format(target[bad])) at a point of the mesh", at: "source")
        }
        var targetName = names.contains("f") ? "f_" : "f"
        if call.has("target") { targetName = try call.string("target") }
        guard !names.contains(targetName) else { throw call.error("the target name '\(targetName)' is also an input", at: "target") }
        do {
            let table = try Table(columnNames: names + [targetName], columns: columns + [target])
            guard let data = DatasetValue(table: table, targetIndex: names.count) else { throw call.error("cannot make a mesh of these ranges") }
            return data
        } catch let error as KanError {
            throw error
        } catch {
            throw call.error("\(error)", at: "target")
        }
    }
}
