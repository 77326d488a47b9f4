/// Surgery on a network by hand (pykan's `remove_edge`, `remove_node`, `swap`): each returns
/// a new network and leaves this one as it was.
///
/// Levels are numbered as in a shape: level 0 holds the inputs, level L (the number of layers)
/// the outputs, levels 1 … L−1 the hidden nodes, sum nodes first, then multiplication nodes.
extension Network {
    /// The network with edge (l, i → j) removed (masked: it computes 0). Its parameters are
    /// kept, so `setEdgeActive(..., true)` brings it back.
    public func removingEdge(layer l: Int, input i: Int, output j: Int) throws -> Network {
        var result = self
        try result.setEdgeActive(layer: l, input: i, output: j, false)
        return result
    }

    /// The network without hidden node `node` of `level`, and without every edge into and out
    /// of it (a multiplication node goes with its sub-nodes). What it added to the next level
    /// is gone too: retrain, or use `pruned` to move a removed part's mean elsewhere.
    ///
    /// - Throws: `KANError.indexOutOfRange` for a level that is not hidden or a node that is
    ///   not on it; `invalidConfiguration` for the last node of its level.
    public func removingNode(level: Int, node: Int) throws -> Network {
        try checkHidden(level: level, node: node)
        let widths = shape.map(\.nodeCount)
        guard widths[level] > 1 else {
            throw KANError.invalidConfiguration("node \(node) is the last node of level \(level): a level needs at least one")
        }
        var keep = widths.map { Array(0..<$0) }
        keep[level].remove(at: node)
        return subnetwork(keepingNodes: keep)
    }

    /// The network with hidden nodes `first` and `second` of `level` exchanged, with all their
    /// edges: the same function, drawn differently. Both must be sum nodes or both
    /// multiplication nodes (a level lists its sum nodes first).
    public func swappingNodes(level: Int, _ first: Int, _ second: Int) throws -> Network {
        try checkHidden(level: level, node: first)
        try checkHidden(level: level, node: second)
        let sums = shape[level].sum
        guard (first < sums) == (second < sums) else {
            throw KANError.invalidConfiguration("nodes \(first) and \(second) of level \(level) are a sum and a multiplication node: only nodes of one kind can swap")
        }
        var order = Array(0..<shape[level].nodeCount)
        order.swapAt(first, second)
        return permutingNodes(level: level, order: order)
    }

    /// The network with the nodes of hidden `level` in the order `order` (new position →
    /// old node), sum nodes still before multiplication nodes. The function is unchanged.
    func permutingNodes(level: Int, order: [Int]) -> Network {
        var result = self
        let below = layers[level - 1]
        let subnodeOrder = order.flatMap { below.subnodes(ofNode: $0) }
        result.layers[level - 1] = below.permuted(inputs: Array(0..<below.inputCount), subnodes: subnodeOrder)
        let above = layers[level]
        result.layers[level] = above.permuted(inputs: order, subnodes: Array(0..<above.subnodeCount))
        return result
    }

    /// Checks that `level` is hidden and has a node `node`.
    func checkHidden(level: Int, node: Int) throws {
        guard level >= 1, level < layers.count else {
            throw KANError.indexOutOfRange("level \(level) is not a hidden level: the network's hidden levels are "
                + (layers.count > 1 ? "1 to \(layers.count - 1)" : "none (it has one layer)")
                + " (level 0 holds the inputs, level \(layers.count) the outputs)")
        }
        let count = shape[level].nodeCount
        guard (0..<count).contains(node) else {
            throw KANError.indexOutOfRange("node \(node) of level \(level): the level has \(count) nodes (0 to \(count - 1))")
        }
    }
}
