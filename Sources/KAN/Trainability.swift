/// Which parameters training may change: one flag per parameter group, layer and edge.
///
/// Every edge φ(x) = w_b·b(x) + w_s·Σ_m c_m·B_m(x) (or c·f(a·x + b) + d when symbolic) has
/// four groups of parameters, and each can be frozen on its own:
///
///     var net = try Network(shape: [1, 1], gridSize: 100, seed: 0)
///     net.trainability.freeze([.splineScales, .baseScales])          // every layer, every edge
///     net.trainability.freeze(.coefficients, layer: 0, edges: [0])   // one edge's spline
///     try net.train(on: region, options: TrainingOptions(steps: 50))  // w_b, w_s unchanged
///
/// Training (`Network.train`, L-BFGS and Adam, also with custom losses) sees a zero gradient
/// for frozen parameters and writes their old values back after every step, so they stay
/// bit-identical. Grid updates would re-fit frozen coefficients: a layer with any frozen
/// coefficient keeps its grids during training (grid extension by `refine`, which the caller
/// asks for explicitly, still moves them).
///
/// Why groups rather than single numbers: the spline coefficients are local (B_m vanishes
/// outside four knot intervals), while w_b and w_s scale the whole edge. Continual learning
/// on a new region of x therefore freezes the scales and trains the coefficients, which
/// changes the edge only near the new data (pykan's continual-learning example).
///
/// A network starts with everything trainable. Pruning changes the edges and resets the
/// flags to trainable; `refine` keeps them (the edges are the same). Checkpoints store them
/// (`Checkpoint.LayerState.frozen`, version 4), so that training resumed from a saved model
/// leaves the same parameters alone.
public struct Trainability: Sendable, Equatable {
    /// The groups of parameters of an edge.
    public enum Group: String, Sendable, CaseIterable, Hashable {
        /// The G + k spline coefficients c_m.
        case coefficients
        /// w_s, the spline's scale.
        case splineScales
        /// w_b, the base function's scale.
        case baseScales
        /// (a, b, c, d) of a symbolic edge c·f(a·x + b) + d.
        case symbolicAffine
    }

    /// Frozen flags of one layer: `frozen[group][e]` for edge e (`Layer.edgeIndex`).
    public struct LayerFlags: Sendable, Equatable {
        public internal(set) var frozen: [Group: [Bool]]
        public let edgeCount: Int

        init(edgeCount: Int) {
            self.edgeCount = edgeCount
            frozen = Dictionary(uniqueKeysWithValues: Group.allCases.map { ($0, [Bool](repeating: false, count: edgeCount)) })
        }

        /// Whether group `group` of edge e is frozen.
        public func isFrozen(_ group: Group, edge e: Int) -> Bool { frozen[group]?[e] ?? false }
    }

    /// One entry per layer.
    public internal(set) var layers: [LayerFlags]

    /// Everything trainable, for layers with these edge counts.
    public init(edgeCounts: [Int]) {
        layers = edgeCounts.map { LayerFlags(edgeCount: $0) }
    }

    /// Whether nothing is frozen.
    public var isEverythingTrainable: Bool {
        layers.allSatisfy { flags in flags.frozen.values.allSatisfy { !$0.contains(true) } }
    }

    /// Freezes (or, with `frozen: false`, unfreezes) `groups` of the given edges of the given
    /// layer; `layer: nil` means every layer, `edges: nil` every edge of it.
    ///
    /// - Throws: `KANError.invalidConfiguration` for a layer or edge that does not exist.
    public mutating func set(_ groups: Set<Group>, frozen: Bool, layer: Int? = nil, edges: [Int]? = nil) throws {
        let chosen = layer.map { [$0] } ?? Array(layers.indices)
        for l in chosen {
            guard layers.indices.contains(l) else {
                throw KANError.invalidConfiguration("layer \(l) does not exist: the network has \(layers.count) layer\(layers.count == 1 ? "" : "s") (0..<\(layers.count))")
            }
            let count = layers[l].edgeCount
            let targets = edges ?? Array(0..<count)
            if let bad = targets.first(where: { !(0..<count).contains($0) }) {
                throw KANError.invalidConfiguration("edge \(bad) does not exist in layer \(l), which has \(count) edge\(count == 1 ? "" : "s") (0..<\(count))")
            }
            for group in groups {
                for e in targets { layers[l].frozen[group]?[e] = frozen }
            }
        }
    }

    /// Freezes `groups` (see `set(_:frozen:layer:edges:)`).
    public mutating func freeze(_ groups: Set<Group> = Set(Group.allCases), layer: Int? = nil, edges: [Int]? = nil) throws {
        try set(groups, frozen: true, layer: layer, edges: edges)
    }

    /// Makes `groups` trainable again (see `set(_:frozen:layer:edges:)`).
    public mutating func unfreeze(_ groups: Set<Group> = Set(Group.allCases), layer: Int? = nil, edges: [Int]? = nil) throws {
        try set(groups, frozen: false, layer: layer, edges: edges)
    }

    /// Whether any coefficient of layer l is frozen (its grid must then stay).
    func freezesCoefficients(layer l: Int) -> Bool {
        layers.indices.contains(l) && (layers[l].frozen[.coefficients]?.contains(true) ?? false)
    }

    /// The indices into the parameter vector (`ParameterLayout`) of every frozen parameter.
    func frozenParameterIndices(_ networkLayers: [Layer]) -> [Int] {
        let layout = ParameterLayout(networkLayers)
        var indices: [Int] = []
        for (l, layer) in networkLayers.enumerated() where layers.indices.contains(l) {
            let flags = layers[l]
            let offsets = layout.layers[l]
            let nb = layer.basisCount, nSub = layer.subnodeCount
            for e in 0..<layer.edgeCount {
                if flags.isFrozen(.coefficients, edge: e) {
                    // Coefficients are stored input-major, then coefficient, then sub-node.
                    let i = e / nSub, j = e % nSub
                    for m in 0..<nb { indices.append(offsets.coefficients + (i * nb + m) * nSub + j) }
                }
                if flags.isFrozen(.baseScales, edge: e) { indices.append(offsets.scaleBase + e) }
                if flags.isFrozen(.splineScales, edge: e) { indices.append(offsets.scaleSpline + e) }
                if flags.isFrozen(.symbolicAffine, edge: e) {
                    for q in 0..<4 { indices.append(offsets.affine + 4 * e + q) }
                }
            }
        }
        return indices.sorted()
    }

    /// Whether the flags fit layers with these edge counts.
    func matches(_ networkLayers: [Layer]) -> Bool {
        layers.count == networkLayers.count && zip(layers, networkLayers).allSatisfy { $0.edgeCount == $1.edgeCount }
    }
}

extension Network {
    /// Which parameters training may change (everything, unless frozen). See `Trainability`.
    public var trainability: Trainability {
        get {
            if let frozen = frozenParameters, frozen.matches(layers) { return frozen }
            return Trainability(edgeCounts: layers.map(\.edgeCount))
        }
        set { frozenParameters = newValue.isEverythingTrainable ? nil : newValue }
    }
}

/// The parameters training holds fixed: their indices and values at the start of training.
struct FrozenParameters {
    let indices: [Int]
    let values: [Double]

    init(_ indices: [Int], of theta: [Double]) {
        self.indices = indices
        values = indices.map { theta[$0] }
    }

    var isEmpty: Bool { indices.isEmpty }

    /// Zeroes the gradient of frozen parameters, so that the optimiser's step leaves them
    /// (L-BFGS's directions and Adam's moments stay 0 there).
    func mask(_ gradient: inout [Double]) {
        for p in indices { gradient[p] = 0 }
    }

    /// Writes the frozen values back (bit for bit: a step of +0 would turn −0 into +0).
    func restore(_ theta: inout [Double]) {
        for (p, value) in zip(indices, values) { theta[p] = value }
    }
}
