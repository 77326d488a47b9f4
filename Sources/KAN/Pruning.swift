/// Pruning: removing unimportant hidden nodes, edges and inputs (pykan `prune_node`,
/// `prune_edge`, `prune_input`, `prune`), by attribution scores on samples.
///
/// A pruned network keeps, for the surviving nodes and edges, exactly the same edge
/// functions, so it computes the original network's function restricted to the kept
/// part: the contribution of a removed node (or masked edge) is dropped. When a level
/// would lose every node, its best-scoring node is kept so the network stays valid.
extension Network {
    /// Keeps hidden nodes whose attribution score exceeds `threshold` (pykan default 1e-2).
    /// A multiplication node keeps or loses its `arity` factors with it.
    public func prunedNodes(threshold: Double = 1e-2, samples: Dataset? = nil) throws -> Network {
        let scores = try attribution(samples: samples)
        var keep: [[Int]] = [Array(0..<inputCount)]
        for l in 1..<layers.count {
            let s = scores.nodeScores[l]
            var kept = s.indices.filter { s[$0] > threshold }
            if kept.isEmpty, let best = s.indices.max(by: { s[$0] < s[$1] }) { kept = [best] }
            keep.append(kept)
        }
        keep.append(Array(0..<outputCount))
        return subnetwork(keepingNodes: keep)
    }

    /// Masks edges whose attribution score is not above `threshold` (pykan default 3e-2).
    public func prunedEdges(threshold: Double = 3e-2, samples: Dataset? = nil) throws -> Network {
        let scores = try attribution(samples: samples)
        var result = self
        for l in result.layers.indices {
            for e in 0..<result.layers[l].edgeCount where !(scores.edgeScores[l][e] > threshold) {
                result.layers[l].mask[e] = 0
            }
        }
        return result
    }

    /// Keeps inputs whose attribution score exceeds `threshold`; `inputIndices` records
    /// which original inputs remain.
    public func prunedInputs(threshold: Double = 1e-2, samples: Dataset? = nil) throws -> Network {
        let scores = try attribution(samples: samples)
        let s = scores.nodeScores[0]
        var kept = s.indices.filter { s[$0] > threshold }
        if kept.isEmpty, let best = s.indices.max(by: { s[$0] < s[$1] }) { kept = [best] }
        var keep: [[Int]] = [kept]
        for l in 1...layers.count { keep.append(Array(0..<shape[l].nodeCount)) }
        return subnetwork(keepingNodes: keep)
    }

    /// pykan's `prune`: nodes with `nodeThreshold`, then edges with `edgeThreshold`.
    public func pruned(nodeThreshold: Double = 1e-2, edgeThreshold: Double = 3e-2, samples: Dataset? = nil) throws -> Network {
        try prunedNodes(threshold: nodeThreshold, samples: samples)
            .prunedEdges(threshold: edgeThreshold, samples: samples)
    }

    /// In-place `pruned(nodeThreshold:edgeThreshold:samples:)`.
    public mutating func prune(nodeThreshold: Double = 1e-2, edgeThreshold: Double = 3e-2, samples: Dataset? = nil) throws {
        self = try pruned(nodeThreshold: nodeThreshold, edgeThreshold: edgeThreshold, samples: samples)
    }

    /// The network restricted to the given nodes of each level (indices into the current
    /// levels; level 0 are inputs). Edge functions are copied unchanged.
    func subnetwork(keepingNodes keep: [[Int]]) -> Network {
        var newLayers: [Layer] = []
        for (l, layer) in layers.enumerated() {
            let inputs = keep[l]
            let outputs = keep[l + 1]
            let sums = outputs.filter { $0 < layer.sumCount }
            let mults = outputs.filter { $0 >= layer.sumCount }.map { $0 - layer.sumCount }
            var subnodes = sums
            for m in mults { for r in 0..<layer.arity { subnodes.append(layer.sumCount + m * layer.arity + r) } }
            let nb = layer.basisCount
            var coefficients: [Double] = [], scaleBase: [Double] = [], scaleSpline: [Double] = []
            var mask: [Double] = [], affine: [Double] = []
            var symbolic: [SymbolicFunction?] = []
            for i in inputs {
                for j in subnodes {
                    let e = layer.edgeIndex(input: i, subnode: j)
                    coefficients.append(contentsOf: layer.coefficients[(e * nb)..<((e + 1) * nb)])
                    scaleBase.append(layer.scaleBase[e])
                    scaleSpline.append(layer.scaleSpline[e])
                    mask.append(layer.mask[e])
                    symbolic.append(layer.symbolic[e])
                    affine.append(contentsOf: layer.affine[(4 * e)..<(4 * e + 4)])
                }
            }
            newLayers.append(Layer(
                inputCount: inputs.count, sumCount: sums.count, multCount: mults.count, arity: layer.arity,
                bases: inputs.map { layer.bases[$0] }, coefficients: coefficients, scaleBase: scaleBase,
                scaleSpline: scaleSpline, mask: mask, symbolic: symbolic, affine: affine, baseFunction: layer.baseFunction))
        }
        var result = Network(configuration: configuration, layers: newLayers, inputIndices: keep[0].map { inputIndices[$0] })
        result.history = history
        result.cachedInputs = cachedInputs?.selecting(keep[0])
        return result
    }
}
