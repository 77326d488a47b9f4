import Foundation
import KAN

/// How strongly each pair of a network's inputs interact, read from its exact Hessian on
/// samples: the quantity the separability tests threshold (`Separability`), for one trained
/// network instead of a surrogate pair.
///
/// Additively, inputs i and j interact through the mixed partial ∂²y/∂xᵢ∂xⱼ (zero everywhere
/// exactly when y = g(…xᵢ…) + h(…xⱼ…)); multiplicatively through that of log|y|,
/// ∂ᵢ∂ⱼy/y − ∂ᵢy·∂ⱼy/y² (zero when y = g·h), on the rows where |y| is at least a tenth of its
/// RMS. Each is reported relative to the size the pair's mixed partial would have if they
/// interacted fully,
///
///     strength = RMS(Hᵢⱼ) / max(√(RMS(Hᵢᵢ)·RMS(Hⱼⱼ)), RMS(gᵢ)·RMS(gⱼ)/σ_y)
///
/// (g the gradient, σ_y the spread of y; for log|y|, σ = 1): 0 for separable inputs, of order 1
/// for x·y or sin(x + y). pykan's `feature_interaction` instead lists, per hidden node, the
/// inputs that reach it by attribution; the Hessian measures the interaction in the function
/// itself, whatever the network's wiring.
public struct FeatureInteraction: Sendable, Equatable {
    /// `additive[i][j]`: the strength of the mixed partial of y (0 on the diagonal).
    public var additive: [[Double]]
    /// `multiplicative[i][j]`: the same for log|y|.
    public var multiplicative: [[Double]]

    /// The strengths of output `output` of `network` on `samples` (its current inputs).
    public init(network: Network, samples: Dataset, output: Int = 0) throws {
        let d = network.inputCount
        let columns = (0..<d).map { i in (0..<samples.count).map { samples.inputs[$0 * d + i] } }
        let derivatives = try network.inputDerivatives(columns: columns, output: output, hessians: true)
        self.init(values: derivatives.values, gradients: derivatives.gradients, hessians: derivatives.hessians ?? [])
    }

    /// The strengths from a function's values, gradients and Hessians at sample rows.
    init(values y: [Double], gradients g: [[Double]], hessians h: [[[Double]]]) {
        let d = g.count
        let rms = InputGradients.rootMeanSquare
        let mean = y.reduce(0, +) / Double(max(y.count, 1))
        let spread = rms(y.map { $0 - mean })
        func strengths(_ mixed: (Int, Int) -> [Double], _ gradient: (Int) -> [Double], spread: Double) -> [[Double]] {
            let curvature = (0..<d).map { rms(mixed($0, $0)) }
            let slope = (0..<d).map { rms(gradient($0)) }
            return (0..<d).map { i in
                (0..<d).map { j in
                    guard i != j else { return 0 }
                    let size = rms(mixed(i, j))
                    let full = Swift.max((curvature[i] * curvature[j]).squareRoot(), spread > 0 ? slope[i] * slope[j] / spread : 0)
                    if size == 0 { return 0 }
                    return full > 0 ? size / full : .infinity
                }
            }
        }
        additive = d < 2 || h.isEmpty ? [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
            : strengths({ h[$0][$1] }, { g[$0] }, spread: spread)
        let scale = rms(y)
        let rows = y.indices.filter { Swift.abs(y[$0]) >= 0.1 * scale && y[$0] != 0 }
        if d < 2 || h.isEmpty || rows.count < Swift.max(10, y.count / 5) {
            multiplicative = [[Double]](repeating: [Double](repeating: .infinity, count: d), count: d)
            for i in 0..<d { multiplicative[i][i] = 0 }
        } else {
            multiplicative = strengths(
                { i, j in rows.map { k in h[i][j][k] / y[k] - g[i][k] * g[j][k] / (y[k] * y[k]) } },
                { i in rows.map { g[i][$0] / y[$0] } }, spread: 1)
        }
    }

    /// The groups of an additive split: the connected components of the pairs whose strength
    /// exceeds `threshold` (`Separability.groups`), each sorted, by first input.
    public func additiveGroups(threshold: Double, among inputs: [Int]? = nil) -> [[Int]] {
        Self.groups(additive, threshold: threshold, among: inputs)
    }

    /// The same for a product.
    public func multiplicativeGroups(threshold: Double, among inputs: [Int]? = nil) -> [[Int]] {
        Self.groups(multiplicative, threshold: threshold, among: inputs)
    }

    private static func groups(_ strength: [[Double]], threshold: Double, among inputs: [Int]?) -> [[Int]] {
        let members = inputs ?? Array(strength.indices)
        return Separability.groups(inputs: members.count) { strength[members[$0]][members[$1]] > threshold }
            .map { $0.map { members[$0] } }
    }
}

/// The separability tree of a function (pykan's `tree`): the inputs split into a sum or a
/// product of parts that share no input, recursively, down to parts that do not split.
///
///     y = exp(sin(π·x₁) + x₂²)·x₃  →  product(leaf [x₁, x₂], leaf [x₃])
///
/// Within a factor of a product, the mixed partials of y (and of log|y|) among the factor's
/// inputs are those of the factor times a function of the others, so both tests apply again
/// there. Within a term of a sum only the additive test could be repeated, and it gives the
/// same groups (they are connected components), so a term is a leaf.
public indirect enum SeparabilityTree: Sendable, Equatable, CustomStringConvertible {
    /// Inputs that do not split further.
    case leaf([Int])
    case sum([SeparabilityTree])
    case product([SeparabilityTree])

    /// The tree of the interactions over `inputs` (default: all): a part splits where no
    /// pair across its groups has a strength above `threshold`.
    public init(_ interaction: FeatureInteraction, threshold: Double, inputs: [Int]? = nil) {
        let members = inputs ?? Array(interaction.additive.indices)
        self = SeparabilityTree.split(interaction, threshold: threshold, members, multiplicativeAllowed: true)
    }

    private static func split(_ interaction: FeatureInteraction, threshold: Double, _ members: [Int],
                              multiplicativeAllowed: Bool) -> SeparabilityTree {
        guard members.count >= 2 else { return .leaf(members) }
        let additive = interaction.additiveGroups(threshold: threshold, among: members)
        if additive.count > 1 { return .sum(additive.map { .leaf($0) }) }
        guard multiplicativeAllowed else { return .leaf(members) }
        let multiplicative = interaction.multiplicativeGroups(threshold: threshold, among: members)
        if multiplicative.count > 1 {
            // A factor that splits into a product again joins this product: exp(sin(x) + y^2)
            // is exp(sin(x))·exp(y^2).
            return .product(multiplicative.flatMap { group -> [SeparabilityTree] in
                let part = split(interaction, threshold: threshold, group, multiplicativeAllowed: true)
                if case .product(let factors) = part { return factors }
                return [part]
            })
        }
        return .leaf(members)
    }

    /// The tree with input names: `(x1, x2) * x3`, `x1 + x2`.
    public func text(names: [String]) -> String {
        switch self {
        case .leaf(let inputs):
            let list = inputs.map { names.indices.contains($0) ? names[$0] : "x\($0 + 1)" }
            return list.count == 1 ? list[0] : "f(" + list.joined(separator: ", ") + ")"
        case .sum(let parts): return parts.map { $0.text(names: names) }.joined(separator: " + ")
        case .product(let parts):
            return parts.map { part in
                if case .sum = part { return "(" + part.text(names: names) + ")" }
                return part.text(names: names)
            }.joined(separator: " * ")
        }
    }

    public var description: String { text(names: []) }
}
