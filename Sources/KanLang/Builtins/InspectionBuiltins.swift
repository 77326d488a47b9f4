import Discovery
import Foundation
import KAN
import Table

/// Looking inside a model (pykan's `get_act`/`get_fun`, `get_params`, an edge's spline, and
/// `perturb`): an edge's samples as a data set, the parameters as lists, noise on them.
///
///     let samples = edge_data(m, 0, 0, 0)        # a dataset with columns x and y
///     print(r2(x^2, samples))                    # how well x^2 describes the edge
///     let e = edge_params(m, 0, 0, 0)            # {mode, grid, knots, coefficients, ...}
///     let noisy = perturb(m, scale: 0.05, seed: 1)
public enum InspectionBuiltins: BuiltinGroup {
    public static var builtins: [Builtin] {
        [edgeData, params, edgeParams, perturb]
    }

    static var edgeData: Builtin {
        Builtin("edge_data", DiscoveryBuiltins.edgeParameters + [
            .optional("data", .opaque("dataset"), "the samples fed to the model (default: its last training data)"),
        ], group: "model",
        doc: "What edge (l, i, j) sees and computes on the data, as a dataset: input column x (the edge's input at "
            + "each sample, in sample order) and target y (its activation), for your own plots and fits "
            + "(pykan's get_fun): r2(x^2, edge_data(m, 0, 0, 0)).") { call in
            let model = try ModelBuiltins.model(call)
            let edge = try DiscoveryBuiltins.edge(call, model.network)
            guard let samples = try ModelBuiltins.samples(call, model) else {
                throw call.error("the model has no data: train it first or pass data:", at: "model")
            }
            let (x, y) = try ModelBuiltins.kan(call) {
                try model.network.edgeSamples(layer: edge.layer, input: edge.input, output: edge.output, samples: samples)
            }
            guard let table = try? Table(columnNames: ["x", "y"], columns: [x, y]),
                  let data = DatasetValue(table: table, targetIndex: 1) else {
                throw call.error("the edge's samples do not make a data set")
            }
            return .opaque(data)
        }
    }

    static var params: Builtin {
        Builtin("params", [.required("model", .opaque("model"))], group: "model",
                doc: "Every parameter of the model (pykan's get_params), one record per layer: {coefficients (a list "
                    + "per edge), scale_base, scale_spline, mask, affine (a list [a, b, c, d] per edge), functions (the "
                    + "symbolic function's name per edge, or nil), mixed (per edge)}. Edge e of layer l goes from input "
                    + "i = e div subnodes to sub-node j = e mod subnodes.") { call in
            let model = try ModelBuiltins.model(call)
            return .list(model.network.layers.map { layer in
                let nb = layer.basisCount
                func numbers(_ values: ArraySlice<Double>) -> Value { .list(values.map { Value.number($0) }) }
                let edges = 0..<layer.edgeCount
                return .record(RecordStorage([
                    ("coefficients", .list(edges.map { numbers(layer.coefficients[($0 * nb)..<(($0 + 1) * nb)]) })),
                    ("scale_base", numbers(layer.scaleBase[...])),
                    ("scale_spline", numbers(layer.scaleSpline[...])),
                    ("mask", numbers(layer.mask[...])),
                    ("affine", .list(edges.map { numbers(layer.affine[(4 * $0)..<(4 * $0 + 4)]) })),
                    ("functions", .list(edges.map { layer.symbolic[$0].map { Value.string($0.name) } ?? .nil })),
                    ("mixed", .list(edges.map { .boolean(layer.isMixed($0)) })),
                ]))
            })
        }
    }

    static var edgeParams: Builtin {
        Builtin("edge_params", [
            .required("model", .opaque("model")),
            .required("l", .integer, "the layer, from 0"),
            .required("i", .integer, "the edge's input node in that layer, from 0"),
            .required("j", .integer, "the edge's output node (sub-node for multiplication nodes), from 0"),
        ], group: "model",
        doc: "One edge's parameters: {mode (\"spline\", \"symbolic\", \"mixed\" or \"removed\"), order, grid (the "
            + "G + 1 grid points), knots (extended by k on each side), coefficients (G + k), scale_base, scale_spline, "
            + "function (name or nil), a, b, c, d}. The spline is w_b*b(x) + w_s*sum(c_m*B_m(x)).") { call in
            let model = try ModelBuiltins.model(call)
            let network = model.network
            let l = try call.integer("l"), i = try call.integer("i"), j = try call.integer("j")
            guard network.layers.indices.contains(l) else {
                throw call.error("layer \(l) out of range: the model has \(network.layers.count) layers (0 to \(network.layers.count - 1))", at: "l")
            }
            let layer = network.layers[l]
            guard (0..<layer.inputCount).contains(i) else { throw call.error("input \(i) out of range: layer \(l) has \(layer.inputCount) inputs", at: "i") }
            guard (0..<layer.subnodeCount).contains(j) else { throw call.error("output \(j) out of range: layer \(l) has \(layer.subnodeCount) outputs", at: "j") }
            let e = layer.edgeIndex(input: i, subnode: j)
            let nb = layer.basisCount
            let mode = layer.mask[e] == 0 ? "removed" : layer.isMixed(e) ? "mixed" : layer.isSymbolic(e) ? "symbolic" : "spline"
            func numbers(_ values: [Double]) -> Value { .list(values.map { Value.number($0) }) }
            return .record(RecordStorage([
                ("mode", .string(mode)),
                ("order", .number(Double(layer.order))),
                ("grid", numbers(layer.bases[i].grid)),
                ("knots", numbers(layer.bases[i].knots)),
                ("coefficients", numbers(Array(layer.coefficients[(e * nb)..<((e + 1) * nb)]))),
                ("scale_base", .number(layer.scaleBase[e])),
                ("scale_spline", .number(layer.scaleSpline[e])),
                ("function", layer.symbolic[e].map { Value.string($0.name) } ?? .nil),
                ("a", .number(layer.affine[4 * e])), ("b", .number(layer.affine[4 * e + 1])),
                ("c", .number(layer.affine[4 * e + 2])), ("d", .number(layer.affine[4 * e + 3])),
            ]))
        }
    }

    static var perturb: Builtin {
        Builtin("perturb", [
            .required("model", .opaque("model")),
            .optional("scale", .number, default: .number(0.1), "the standard deviation of the noise"),
            .optional("seed", .integer, default: .number(0), "seed of the noise"),
        ], group: "model",
        doc: "A copy of the model with Gaussian noise of standard deviation scale added to the parameters of every "
            + "live edge: (a, b, c, d) of symbolic edges, the scales and coefficients of splines (pykan's perturb). "
            + "The same seed gives the same noise.") { call in
            let model = try ModelBuiltins.model(call)
            let scale = try call.number("scale")
            guard scale.isFinite, scale >= 0 else { throw call.error("scale must be a finite number >= 0", at: "scale") }
            let seed = UInt64(truncatingIfNeeded: try call.integer("seed"))
            return .opaque(model.with(network: try ModelBuiltins.kan(call) { try model.network.perturbed(scale: scale, seed: seed) }))
        }
    }
}
