/// Reading edges and switching them between spline and symbolic mode.
extension Network {
    /// Checks that (layer, input, subnode) names an edge and returns its index.
    func edge(layer l: Int, input i: Int, output j: Int) throws -> Int {
        guard layers.indices.contains(l) else {
            throw KANError.indexOutOfRange("layer \(l) (the network has \(layers.count) layers)")
        }
        let layer = layers[l]
        guard (0..<layer.inputCount).contains(i), (0..<layer.subnodeCount).contains(j) else {
            throw KANError.indexOutOfRange("edge (\(l), \(i), \(j)): layer \(l) has \(layer.inputCount) inputs and \(layer.subnodeCount) sub-nodes")
        }
        return layer.edgeIndex(input: i, subnode: j)
    }

    /// The samples an edge sees: its inputs over `samples` (default: the training inputs
    /// cached by the last `train`) and its outputs φ(x), in sample order. For symbolic
    /// edges the outputs are the symbolic branch's; masked edges output 0.
    ///
    /// `output` is the sub-node index j (for sum nodes, the node index).
    public func edgeSamples(layer l: Int, input i: Int, output j: Int, samples: Dataset? = nil) throws -> (inputs: [Double], outputs: [Double]) {
        let e = try edge(layer: l, input: i, output: j)
        guard let data = samples ?? cachedInputs else {
            throw KANError.missingSamples("edge samples need data: pass samples or train the network first")
        }
        guard data.inputCount == inputCount else {
            throw KANError.invalidData("the samples have \(data.inputCount) inputs, the network \(inputCount)")
        }
        let levels = Evaluator(network: self, threadCount: nil)
            .levelValues(parameters: parameterVector(), inputs: data.inputs, count: data.count)
        let width = layers[l].inputCount
        let x = (0..<data.count).map { levels[l][$0 * width + i] }
        let layer = layers[l]
        return (x, x.map { layer.edgeValue(edge: e, at: $0) })
    }

    /// Puts edge (l, i → j) in symbolic mode: φ(x) = c·f(a·x + b) + d with trainable (a, b, c, d),
    /// which must be finite.
    public mutating func setSymbolic(
        layer l: Int, input i: Int, output j: Int, function: SymbolicFunction,
        a: Double = 1, b: Double = 0, c: Double = 1, d: Double = 0
    ) throws {
        let e = try edge(layer: l, input: i, output: j)
        guard [a, b, c, d].allSatisfy(\.isFinite) else {
            throw KANError.invalidConfiguration("the constants of a symbolic edge must be finite, got a = \(a), b = \(b), c = \(c), d = \(d)")
        }
        layers[l].symbolic[e] = function
        layers[l].affine.replaceSubrange((4 * e)..<(4 * e + 4), with: [a, b, c, d])
    }

    /// Returns edge (l, i → j) to spline mode (its spline parameters were kept); a mixed edge
    /// keeps its residual spline as its spline.
    public mutating func setSpline(layer l: Int, input i: Int, output j: Int) throws {
        let e = try edge(layer: l, input: i, output: j)
        layers[l].symbolic[e] = nil
        layers[l].splineResidual[e] = false
    }

    /// The symbolic function and constants of an edge, or nil in spline mode.
    public func symbolicEdge(layer l: Int, input i: Int, output j: Int) throws -> (function: SymbolicFunction, a: Double, b: Double, c: Double, d: Double)? {
        let e = try edge(layer: l, input: i, output: j)
        guard let f = layers[l].symbolic[e] else { return nil }
        let p = layers[l].affine
        return (f, p[4 * e], p[4 * e + 1], p[4 * e + 2], p[4 * e + 3])
    }

    /// Sets an edge's mask: false removes it (φ = 0), true restores it.
    public mutating func setEdgeActive(layer l: Int, input i: Int, output j: Int, _ active: Bool) throws {
        let e = try edge(layer: l, input: i, output: j)
        layers[l].mask[e] = active ? 1 : 0
    }

    /// Whether an edge is live (mask 1).
    public func isEdgeActive(layer l: Int, input i: Int, output j: Int) throws -> Bool {
        let e = try edge(layer: l, input: i, output: j)
        return layers[l].mask[e] != 0
    }
}
