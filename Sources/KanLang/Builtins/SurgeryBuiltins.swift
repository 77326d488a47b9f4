import Discovery
import Foundation
import KAN

/// Surgery on a model by hand (pykan's `remove_edge`, `remove_node`, `expand_width`,
/// `expand_depth`, `swap`, `auto_swap`, `initialize_from_another_model`,
/// `unfix_symbolic_all`). Each returns a new model and leaves its argument unchanged.
///
///     let wide = expand_width(m, 1, n: 2)      # two more nodes on level 1
///     let tidy = auto_swap(prune(train(wide, data, lamb: 0.01)))
///
/// Levels are numbered as in a shape: 0 the inputs, the last the outputs; surgery on nodes
/// works on the hidden levels between them.
public enum SurgeryBuiltins: BuiltinGroup {
    /// auto_swap tries every pair of a level's nodes: past this width it would take minutes.
    static let maxSwapWidth = 1_000

    public static var builtins: [Builtin] {
        [removeEdge, removeNode, expandWidth, expandDepth, swap, autoSwap, connectionCost, initializeFrom, unfixAll]
    }

    static let nodeParameters: [BuiltinParameter] = [
        .required("model", .opaque("model")),
        .required("level", .integer, "the hidden level, from 1 (0 holds the inputs)"),
    ]

    static var removeEdge: Builtin {
        Builtin("remove_edge", DiscoveryBuiltins.edgeParameters, group: "surgery",
                doc: "A copy of the model without edge (l, i, j): it computes 0 from now on (pykan's remove_edge).") { call in
            let model = try ModelBuiltins.model(call)
            let edge = try DiscoveryBuiltins.edge(call, model.network)
            return .opaque(model.with(network: try ModelBuiltins.kan(call) {
                try model.network.removingEdge(layer: edge.layer, input: edge.input, output: edge.output)
            }))
        }
    }

    static var removeNode: Builtin {
        Builtin("remove_node", nodeParameters + [.required("i", .integer, "the node, from 0")], group: "surgery",
                doc: "A copy of the model without hidden node i of level `level` and its edges (pykan's remove_node); "
                    + "a multiplication node goes with its factors. The last node of a level cannot go.") { call in
            let model = try ModelBuiltins.model(call)
            let level = try call.integer("level"), node = try call.integer("i")
            return .opaque(model.with(network: try ModelBuiltins.kan(call) { try model.network.removingNode(level: level, node: node) }))
        }
    }

    static var expandWidth: Builtin {
        Builtin("expand_width", nodeParameters + [
            .optional("n", .integer, default: .number(1), "how many nodes to add"),
            .optional("mult", .boolean, default: .boolean(false), "add multiplication nodes instead of sum nodes"),
            .optional("seed", .integer, default: .number(0), "seed of the new edges' initialisation"),
        ], group: "surgery",
        doc: "A copy of the model with n more nodes on a hidden level (pykan's expand_width): edges into them are "
            + "fresh random splines, edges out of them start at zero, so the model computes what it did until "
            + "trained again.") { call in
            let model = try ModelBuiltins.model(call)
            let level = try call.integer("level"), count = try call.integer("n")
            guard (1...ModelBuiltins.maxWidth).contains(count) else {
                throw call.error("n must be between 1 and \(ModelBuiltins.maxWidth), got \(count)", at: "n")
            }
            let multiplication = try call.boolean("mult")
            let seed = UInt64(truncatingIfNeeded: try call.integer("seed"))
            let network = model.network
            if (1..<network.layers.count).contains(level) {
                var shape = network.shape
                if multiplication { shape[level].mult += count } else { shape[level].sum += count }
                guard shape[level].nodeCount <= ModelBuiltins.maxWidth else {
                    throw call.error("level \(level) would have more than \(ModelBuiltins.maxWidth) nodes", at: "n")
                }
                try ModelBuiltins.checkSize(call, shape: shape, grid: network.gridSize, order: network.configuration.splineOrder,
                                            arity: network.configuration.multiplicationArity, at: "n")
            }
            return .opaque(model.with(network: try ModelBuiltins.kan(call) {
                try network.expandingWidth(level: level, count: count, multiplication: multiplication, seed: seed)
            }))
        }
    }

    static var expandDepth: Builtin {
        Builtin("expand_depth", [
            .required("model", .opaque("model")),
            .optional("seed", .integer, default: .number(0), "seed of the new layer's (masked) splines"),
        ], group: "surgery",
        doc: "A copy of the model with one more layer at the end that passes each output on unchanged (identity "
            + "edges, symbolic x; pykan's expand_depth). unfix an identity edge to let it learn.") { call in
            let model = try ModelBuiltins.model(call)
            let seed = UInt64(truncatingIfNeeded: try call.integer("seed"))
            let network = model.network
            try ModelBuiltins.checkSize(call, shape: network.shape + [LayerWidth(sum: network.outputCount)], grid: network.gridSize,
                                        order: network.configuration.splineOrder, arity: network.configuration.multiplicationArity,
                                        at: "model")
            return .opaque(model.with(network: network.expandingDepth(seed: seed)))
        }
    }

    static var swap: Builtin {
        Builtin("swap", nodeParameters + [.required("i", .integer, "a node, from 0"), .required("j", .integer, "the other node")],
                group: "surgery",
                doc: "A copy of the model with nodes i and j of a hidden level exchanged, edges and all: the same "
                    + "function, drawn in another order (pykan's swap). Both must be sum or both multiplication nodes.") { call in
            let model = try ModelBuiltins.model(call)
            let level = try call.integer("level"), first = try call.integer("i"), second = try call.integer("j")
            return .opaque(model.with(network: try ModelBuiltins.kan(call) {
                try model.network.swappingNodes(level: level, first, second)
            }))
        }
    }

    static var autoSwap: Builtin {
        Builtin("auto_swap", [
            .required("model", .opaque("model")),
            .optional("data", .opaque("dataset"), "samples for the edges' scores (default: the last training data)"),
        ], group: "surgery",
        doc: "A copy of the model with each hidden level's nodes reordered so that important edges are short and "
            + "cross less in plot (pykan's auto_swap): the connection cost, the sum of each edge's attribution score "
            + "times its horizontal length, is lowered greedily node by node. The function is unchanged.") { call in
            let model = try ModelBuiltins.model(call)
            guard model.network.shape.allSatisfy({ $0.nodeCount <= maxSwapWidth }) else {
                throw call.error("auto_swap works on levels of at most \(maxSwapWidth) nodes", at: "model")
            }
            guard let samples = try ModelBuiltins.samples(call, model) else {
                throw call.error("auto_swap needs the edges' scores on data: train the model first or pass data:", at: "model")
            }
            return .opaque(model.with(network: try ModelBuiltins.kan(call) { try model.network.autoSwapped(samples: samples) }))
        }
    }

    static var connectionCost: Builtin {
        Builtin("connection_cost", [
            .required("model", .opaque("model")),
            .optional("data", .opaque("dataset"), "samples for the edges' scores (default: the last training data)"),
        ], group: "surgery",
        doc: "What auto_swap lowers (pykan's connection_cost): the sum over edges of the attribution score times the "
            + "horizontal distance between its two nodes, each level's nodes evenly spread over [0, 1].") { call in
            let model = try ModelBuiltins.model(call)
            guard let samples = try ModelBuiltins.samples(call, model) else {
                throw call.error("connection_cost needs the edges' scores on data: train the model first or pass data:", at: "model")
            }
            return .number(try ModelBuiltins.kan(call) { try model.network.connectionCost(samples: samples) })
        }
    }

    static var initializeFrom: Builtin {
        Builtin("initialize_from", [
            .required("model", .opaque("model"), "the model whose structure and grid to keep"),
            .required("other", .opaque("model"), "the model whose functions to take"),
            .optional("data", .opaque("dataset"), "samples to fit on (default: other's last training data)"),
        ], group: "surgery",
        doc: "A copy of model with the functions of other fitted onto its grid (pykan's "
            + "initialize_from_another_model): kan([2, 5, 1], grid: 20) started from a trained grid-5 model. "
            + "The shapes, spline orders and base functions must agree.") { call in
            let model = try ModelBuiltins.model(call)
            let other = try ModelBuiltins.model(call, "other")
            var samples: KAN.Dataset?
            if call.has("data") {
                samples = try ModelBuiltins.inputs(call, other, try DataBuiltins.dataset(call, "data"), at: "data").dataset
            } else if let data = other.data {
                samples = try ModelBuiltins.inputs(call, other, data, at: "other").dataset
            }
            guard let samples else {
                throw call.error("the other model has no data to fit on: train it first or pass data:", at: "other")
            }
            let network = try ModelBuiltins.kan(call) { try model.network.initialized(from: other.network, samples: samples) }
            return .opaque(ModelValue(network: network, variables: other.variables, data: other.data ?? model.data,
                                      events: model.events))
        }
    }

    static var unfixAll: Builtin {
        Builtin("unfix_all", [.required("model", .opaque("model"))], group: "surgery",
                doc: "A copy of the model with every symbolic and mixed edge back to its spline (pykan's unfix_symbolic_all).") { call in
            let model = try ModelBuiltins.model(call)
            var network = model.network
            network.unfixAll()
            return .opaque(model.with(network: network))
        }
    }
}
