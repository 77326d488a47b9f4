/// Growing a network (pykan's `expand_width`, `expand_depth`) without changing what it
/// computes, so that training continues from the function learnt so far.
extension Network {
    /// The identity as a symbolic function, named `x` as in the function library.
    static let identityFunction = SymbolicFunction(
        name: "x", value: { $0 }, derivative: { _ in 1 }, secondDerivative: { _ in 0 })

    /// The network with `count` more nodes on hidden `level`: sum nodes after the level's sum
    /// nodes, or multiplication nodes (of the layer's arity) after its multiplication nodes.
    ///
    /// The edges into a new node are fresh random splines (pykan's initialisation, from `seed`);
    /// the edges out of it are splines with zero coefficients and w_b = 0, so the network
    /// computes exactly what it did until training gives them a value.
    ///
    /// - Throws: `KANError.indexOutOfRange` for a level that is not hidden,
    ///   `invalidConfiguration` for a count below 1.
    public func expandingWidth(level: Int, count: Int, multiplication: Bool = false, seed: UInt64 = 0) throws -> Network {
        guard count >= 1 else { throw KANError.invalidConfiguration("the number of nodes to add must be at least 1, got \(count)") }
        try checkHidden(level: level, node: 0)
        var rng = SeededGenerator(seed: seed)
        let below = layers[level - 1], above = layers[level]
        let sums = below.sumCount, mults = below.multCount, arity = below.arity
        let newSums = multiplication ? sums : sums + count
        let newMults = multiplication ? mults + count : mults
        let added = [Int?](repeating: nil, count: multiplication ? count * arity : count)
        let oldSums = Array(0..<sums).map(Optional.some)
        let oldProducts = Array(sums..<below.subnodeCount).map(Optional.some)
        let subnodes = multiplication ? oldSums + oldProducts + added : oldSums + added + oldProducts
        let freshBelow = fresh(inputCount: below.inputCount, sumCount: newSums, multCount: newMults, like: below, rng: &rng)
        let oldSumNodes = Array(0..<sums).map(Optional.some)
        let oldProductNodes = Array(sums..<(sums + mults)).map(Optional.some)
        let addedNodes = [Int?](repeating: nil, count: count)
        let inputs = multiplication ? oldSumNodes + oldProductNodes + addedNodes : oldSumNodes + addedNodes + oldProductNodes
        var freshAbove = fresh(inputCount: newSums + newMults, sumCount: above.sumCount, multCount: above.multCount, like: above, rng: &rng)
        // Outgoing edges of the new nodes start at zero.
        let nb = freshAbove.basisCount
        for (i, old) in inputs.enumerated() where old == nil {
            for j in 0..<freshAbove.subnodeCount {
                let e = freshAbove.edgeIndex(input: i, subnode: j)
                for m in 0..<nb { freshAbove.coefficients[e * nb + m] = 0 }
                freshAbove.scaleBase[e] = 0
            }
        }
        var result = self
        result.layers[level - 1] = below.rearranged(inputs: Array(0..<below.inputCount).map(Optional.some), subnodes: subnodes, into: freshBelow)
        result.layers[level] = above.rearranged(inputs: inputs, subnodes: Array(0..<above.subnodeCount).map(Optional.some), into: freshAbove)
        return result
    }

    /// The network with one more layer at the end, passing each output on unchanged: identity
    /// edges (symbolic `x`) from output node j to the new output j, the other edges masked.
    /// `unfix` an identity edge to let it learn as a spline.
    public func expandingDepth(seed: UInt64 = 0) -> Network {
        var rng = SeededGenerator(seed: seed)
        let last = layers[layers.count - 1]
        let n = last.outputCount
        var layer = fresh(inputCount: n, sumCount: n, multCount: 0, like: last, rng: &rng)
        for i in 0..<n {
            for j in 0..<n {
                let e = layer.edgeIndex(input: i, subnode: j)
                if i == j {
                    layer.symbolic[e] = Network.identityFunction
                    layer.affine.replaceSubrange((4 * e)..<(4 * e + 4), with: [1, 0, 1, 0])
                } else {
                    layer.mask[e] = 0
                }
            }
        }
        var result = self
        result.layers.append(layer)
        return result
    }

    /// A randomly initialised layer of the given structure, with the grid size, order, base
    /// function and arity of `model`, on the network's grid range.
    func fresh(inputCount: Int, sumCount: Int, multCount: Int, like model: Layer, rng: inout SeededGenerator) -> Layer {
        Layer(
            inputCount: inputCount, sumCount: sumCount, multCount: multCount, arity: model.arity,
            gridSize: model.gridSize, order: model.order, range: configuration.gridRange, baseFunction: model.baseFunction,
            noiseScale: configuration.noiseScale, scaleBaseMean: configuration.scaleBaseMean,
            scaleBaseSpread: configuration.scaleBaseSpread, rng: &rng)
    }
}
