/// Pruning: removing unimportant hidden nodes, edges and inputs (pykan `prune_node`,
/// `prune_edge`, `prune_input`, `prune`), by attribution scores on samples.
///
/// A pruned network keeps, for the surviving nodes and edges, the same edge functions,
/// so it computes the original network's function restricted to the kept part. What a
/// removed node (or masked edge) added to a kept sub-node is replaced by its mean over
/// the samples, moved onto a kept edge (`Layer.absorbConstant`): exact when that
/// contribution was constant, its best constant approximation otherwise. When a level
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
        return subnetwork(keepingNodes: keep, inputColumns: try layerInputColumns(on: samples ?? cachedInputs))
    }

    /// Masks edges whose attribution score is not above `threshold` (pykan default 3e-2).
    public func prunedEdges(threshold: Double = 3e-2, samples: Dataset? = nil) throws -> Network {
        let scores = try attribution(samples: samples)
        let levels = try layerInputColumns(on: samples ?? cachedInputs)
        var result = self
        for (l, layer) in layers.enumerated() {
            let nSub = layer.subnodeCount
            let columns = levels.map { $0[l] }
            var constants = [Double](repeating: 0, count: nSub)
            for e in 0..<layer.edgeCount where !(scores.edgeScores[l][e] > threshold) && layer.mask[e] != 0 {
                if let columns { constants[e % nSub] += layer.meanEdgeValue(edge: e, samples: columns[e / nSub]) }
                result.layers[l].mask[e] = 0
            }
            for j in 0..<nSub {
                result.layers[l].absorbConstant(constants[j], intoSubnode: j, inputSamples: columns ?? [])
            }
        }
        return result
    }

    /// The same network with its inputs numbered as if none had been pruned: `inputIndices`
    /// 0 ..< inputCount. For code that names the inputs by their position among the current
    /// ones.
    public func renumberingInputs() -> Network {
        var network = self
        network.inputIndices = Array(0..<inputCount)
        return network
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
        return subnetwork(keepingNodes: keep, inputColumns: try layerInputColumns(on: samples ?? cachedInputs))
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

    /// The inputs of every layer on `data`, column by column: `[l][i][s]`.
    func layerInputColumns(on data: Dataset?) throws -> [[[Double]]]? {
        guard let data else { return nil }
        guard data.inputCount == inputCount else {
            throw KANError.invalidData("the samples have \(data.inputCount) inputs, the network \(inputCount)")
        }
        let levels = Evaluator(network: self, threadCount: nil)
            .levelValues(parameters: parameterVector(), inputs: data.inputs, count: data.count)
        return layers.indices.map { l in
            let width = layers[l].inputCount
            return (0..<width).map { i in (0..<data.count).map { levels[l][$0 * width + i] } }
        }
    }

    /// The network restricted to the given nodes of each level (indices into the current
    /// levels; level 0 are inputs). Edge functions are copied unchanged.
    func subnetwork(keepingNodes keep: [[Int]]) -> Network {
        subnetwork(keepingNodes: keep, inputColumns: nil)
    }

    /// `subnetwork(keepingNodes:)`; with the layers' inputs on samples
    /// (`layerInputColumns`), the mean contribution of each removed node to a kept
    /// sub-node moves onto a kept edge into that sub-node.
    func subnetwork(keepingNodes keep: [[Int]], inputColumns levels: [[[Double]]]?) -> Network {
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
            var residual: [Bool] = []
            for i in inputs {
                for j in subnodes {
                    let e = layer.edgeIndex(input: i, subnode: j)
                    coefficients.append(contentsOf: layer.coefficients[(e * nb)..<((e + 1) * nb)])
                    scaleBase.append(layer.scaleBase[e])
                    scaleSpline.append(layer.scaleSpline[e])
                    mask.append(layer.mask[e])
                    symbolic.append(layer.symbolic[e])
                    residual.append(layer.splineResidual[e])
                    affine.append(contentsOf: layer.affine[(4 * e)..<(4 * e + 4)])
                }
            }
            var kept = Layer(
                inputCount: inputs.count, sumCount: sums.count, multCount: mults.count, arity: layer.arity,
                bases: inputs.map { layer.bases[$0] }, coefficients: coefficients, scaleBase: scaleBase,
                scaleSpline: scaleSpline, mask: mask, symbolic: symbolic, affine: affine, baseFunction: layer.baseFunction,
                splineResidual: residual)
            if let columns = levels?[l] {
                let removed = Set(0..<layer.inputCount).subtracting(inputs).sorted()
                for (newIndex, j) in subnodes.enumerated() {
                    var constant = 0.0
                    for i in removed {
                        constant += layer.meanEdgeValue(edge: layer.edgeIndex(input: i, subnode: j), samples: columns[i])
                    }
                    kept.absorbConstant(constant, intoSubnode: newIndex, inputSamples: inputs.map { columns[$0] })
                }
            }
            newLayers.append(kept)
        }
        var result = Network(configuration: configuration, layers: newLayers, inputIndices: keep[0].map { inputIndices[$0] })
        result.history = history
        result.cachedInputs = cachedInputs?.selecting(keep[0])
        return result
    }
}
