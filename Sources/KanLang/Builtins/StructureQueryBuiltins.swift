import Discovery
import KAN

/// The structure of a trained model's function (pykan's `tree`, `feature_interaction`), from
/// its exact Hessian on data: the same separability tests `structure` and `discover` run on
/// surrogate networks (`FeatureInteraction`, `SeparabilityTree` in Discovery/Structure).
///
///     let t = tree(m)                   # {text: "f(x1, x2) * x3", tree: ...}
///     let s = feature_interaction(m)    # {additive: {"x1, x2": 0.93, ...}, multiplicative: ...}
public enum StructureQueryBuiltins: BuiltinGroup {
    public static var builtins: [Builtin] { [tree, featureInteraction] }

    static let parameters: [BuiltinParameter] = [
        .required("model", .opaque("model")),
        .optional("data", .opaque("dataset"), "the samples (default: the model's last training data)"),
        .optional("output", .integer, default: .number(0), "which output of the model, from 0"),
    ]

    /// The interaction strengths of the call's model, data and output.
    static func interaction(_ call: BuiltinCall) throws(KanError) -> (FeatureInteraction, ModelValue) {
        let model = try ModelBuiltins.model(call)
        guard let samples = try ModelBuiltins.samples(call, model) else {
            throw call.error("the model has no data: train it first or pass data:", at: "model")
        }
        let output = try call.integer("output")
        guard (0..<model.network.outputCount).contains(output) else {
            throw call.error("output \(output) out of range: the model has \(model.network.outputCount) outputs", at: "output")
        }
        return (try ModelBuiltins.kan(call) { try FeatureInteraction(network: model.network, samples: samples, output: output) }, model)
    }

    static var tree: Builtin {
        Builtin("tree", parameters + [
            .optional("threshold", .number, default: .number(0.1),
                      "pairs of inputs whose interaction strength is at most this count as separable"),
        ], group: "structure",
        doc: "The separability tree of the model's function (pykan's tree): its inputs split into a sum or product of "
            + "parts sharing no input, recursively, where the mixed partials across parts vanish (relative to the "
            + "threshold). Returns {text, tree}: text as \"f(x1, x2) * x3\", tree as nested records {op: \"+\", \"*\" or "
            + "\"leaf\", inputs, parts}.") { call in
            let (interaction, model) = try interaction(call)
            let threshold = try call.number("threshold")
            guard threshold.isFinite, threshold >= 0 else { throw call.error("threshold must be a finite number >= 0", at: "threshold") }
            let tree = SeparabilityTree(interaction, threshold: threshold)
            return .record(RecordStorage([
                ("text", .string(tree.text(names: model.variables))),
                ("tree", value(of: tree, names: model.variables)),
            ]))
        }
    }

    static func value(of tree: SeparabilityTree, names: [String]) -> Value {
        func inputs(_ tree: SeparabilityTree) -> [Int] {
            switch tree {
            case .leaf(let inputs): inputs
            case .sum(let parts), .product(let parts): parts.flatMap(inputs).sorted()
            }
        }
        let op: String, parts: [SeparabilityTree]
        switch tree {
        case .leaf: (op, parts) = ("leaf", [])
        case .sum(let children): (op, parts) = ("+", children)
        case .product(let children): (op, parts) = ("*", children)
        }
        return .record(RecordStorage([
            ("op", .string(op)),
            ("inputs", .list(inputs(tree).map { .string(names.indices.contains($0) ? names[$0] : "x\($0 + 1)") })),
            ("parts", .list(parts.map { value(of: $0, names: names) })),
        ]))
    }

    static var featureInteraction: Builtin {
        Builtin("feature_interaction", parameters, group: "structure",
                doc: "How strongly each pair of inputs interacts in the model's function: {additive, multiplicative}, "
                    + "records keyed \"x1, x2\" with the RMS of the mixed partial of y (of log|y|) relative to its size "
                    + "under full interaction: 0 for separable pairs, about 1 for x*y or sin(x + y).") { call in
            let (interaction, model) = try interaction(call)
            let names = model.variables
            func name(_ i: Int) -> String { names.indices.contains(i) ? names[i] : "x\(i + 1)" }
            func pairs(_ strength: [[Double]]) -> Value {
                var entries: [(String, Value)] = []
                for i in strength.indices {
                    for j in strength.indices where j > i {
                        entries.append(("\(name(i)), \(name(j))", .number(strength[i][j])))
                    }
                }
                return .record(RecordStorage(entries))
            }
            return .record(RecordStorage([
                ("additive", pairs(interaction.additive)),
                ("multiplicative", pairs(interaction.multiplicative)),
            ]))
        }
    }
}
