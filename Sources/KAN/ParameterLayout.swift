/// Where each layer's trainable parameters live in the flat vector θ the optimisers see.
///
/// Per layer, in order: spline coefficients (edges × (G + k), stored input-major then
/// coefficient then sub-node, `(i·(G+k) + m)·subnodes + j`, so that the k + 1 rows a
/// sample touches are contiguous over the sub-nodes), w_b (edges),
/// w_s (edges), symbolic affine constants (edges × 4: a, b, c, d). Gradients use the
/// same layout. Parameters of masked or spline-mode edges simply get zero gradient.
struct ParameterLayout: Sendable, Equatable {
    struct LayerOffsets: Sendable, Equatable {
        var coefficients: Int
        var scaleBase: Int
        var scaleSpline: Int
        var affine: Int
    }
    var layers: [LayerOffsets]
    var count: Int

    init(_ layers: [Layer]) {
        var offset = 0
        var result: [LayerOffsets] = []
        for layer in layers {
            let edges = layer.edgeCount
            let o = LayerOffsets(
                coefficients: offset, scaleBase: offset + edges * layer.basisCount,
                scaleSpline: offset + edges * (layer.basisCount + 1), affine: offset + edges * (layer.basisCount + 2))
            result.append(o)
            offset += edges * (layer.basisCount + 6)
        }
        self.layers = result
        self.count = offset
    }
}

extension Network {
    /// All trainable parameters as one vector (see `ParameterLayout`).
    func parameterVector() -> [Double] {
        var theta: [Double] = []
        theta.reserveCapacity(ParameterLayout(layers).count)
        for layer in layers {
            let nb = layer.basisCount, nSub = layer.subnodeCount
            for i in 0..<layer.inputCount {
                for m in 0..<nb {
                    for j in 0..<nSub { theta.append(layer.coefficients[(i * nSub + j) * nb + m]) }
                }
            }
            theta.append(contentsOf: layer.scaleBase)
            theta.append(contentsOf: layer.scaleSpline)
            theta.append(contentsOf: layer.affine)
        }
        return theta
    }

    /// Writes a parameter vector produced by `parameterVector()` back into the layers.
    mutating func setParameterVector(_ theta: [Double]) {
        var offset = 0
        for l in layers.indices {
            let edges = layers[l].edgeCount
            let nb = layers[l].basisCount
            let nSub = layers[l].subnodeCount
            var coefficients = [Double](repeating: 0, count: edges * nb)
            for i in 0..<layers[l].inputCount {
                for m in 0..<nb {
                    for j in 0..<nSub { coefficients[(i * nSub + j) * nb + m] = theta[offset + (i * nb + m) * nSub + j] }
                }
            }
            layers[l].coefficients = coefficients
            offset += edges * nb
            layers[l].scaleBase = Array(theta[offset..<(offset + edges)]); offset += edges
            layers[l].scaleSpline = Array(theta[offset..<(offset + edges)]); offset += edges
            layers[l].affine = Array(theta[offset..<(offset + 4 * edges)]); offset += 4 * edges
        }
    }

    /// The number of trainable parameters.
    public var parameterCount: Int { ParameterLayout(layers).count }
}
