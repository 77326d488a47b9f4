/// Building a layer from another by moving, keeping and adding nodes: what surgery on a
/// network (removing, swapping and adding nodes) does to the two layers around a level.
extension Layer {
    /// Copies every parameter of edge `source` of `other` onto edge `e` (same basis count).
    mutating func copyEdge(_ e: Int, from other: Layer, edge source: Int) {
        let nb = basisCount
        coefficients.replaceSubrange((e * nb)..<((e + 1) * nb), with: other.coefficients[(source * nb)..<((source + 1) * nb)])
        scaleBase[e] = other.scaleBase[source]
        scaleSpline[e] = other.scaleSpline[source]
        mask[e] = other.mask[source]
        symbolic[e] = other.symbolic[source]
        splineResidual[e] = other.splineResidual[source]
        affine.replaceSubrange((4 * e)..<(4 * e + 4), with: other.affine[(4 * source)..<(4 * source + 4)])
    }

    /// A layer of `fresh`'s structure whose edge (i, j) is this layer's edge (inputs[i], subnodes[j])
    /// where both are given, and `fresh`'s own where either is nil (a new node). Input i keeps
    /// this layer's basis when inputs[i] is given.
    func rearranged(inputs: [Int?], subnodes: [Int?], into fresh: Layer) -> Layer {
        var result = fresh
        for (i, oldInput) in inputs.enumerated() {
            guard let oldInput else { continue }
            result.bases[i] = bases[oldInput]
            for (j, oldSubnode) in subnodes.enumerated() {
                guard let oldSubnode else { continue }
                result.copyEdge(result.edgeIndex(input: i, subnode: j), from: self, edge: edgeIndex(input: oldInput, subnode: oldSubnode))
            }
        }
        return result
    }

    /// This layer with its inputs and sub-nodes in a new order (every old one used once):
    /// the same function of permuted inputs, with permuted outputs.
    func permuted(inputs: [Int], subnodes: [Int]) -> Layer {
        rearranged(inputs: inputs, subnodes: subnodes, into: self)
    }

    /// The sub-nodes feeding each output node in order: one for a sum node, `arity` for a
    /// multiplication node.
    func subnodes(ofNode node: Int) -> [Int] {
        if node < sumCount { return [node] }
        let m = node - sumCount
        return Array((sumCount + m * arity)..<(sumCount + (m + 1) * arity))
    }
}
