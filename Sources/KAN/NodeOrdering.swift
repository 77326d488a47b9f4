/// Reordering hidden nodes so that a network's diagram has fewer long, crossing edges
/// (pykan's `auto_swap`, `connection_cost`).
///
/// With the nodes of a level of n nodes placed at (k + ½)/n, k = 0 … n−1, and each edge
/// weighted by its attribution score, the connection cost is
///
///     C = Σ_edges score · |position(from) − position(to)|
///
/// (pykan's `connection_cost`). Swapping two nodes of a level moves only their own edges, and
/// does not change the function, so the scores are computed once.
extension Network {
    /// The connection cost C on `samples` (default: the cached training inputs).
    public func connectionCost(samples: Dataset? = nil) throws -> Double {
        let weights = try nodeWeights(samples: samples)
        let orders = shape.map { Array(0..<$0.nodeCount) }
        return weights.indices.reduce(0) { $0 + Network.layerCost(weights[$1], from: orders[$1], to: orders[$1 + 1]) }
    }

    /// The network with each hidden level's nodes reordered to lower the connection cost:
    /// level by level, each node in turn swapped with the node of its kind (sum or
    /// multiplication) whose position lowers the cost most, as pykan's greedy `auto_swap_l`.
    /// The function is unchanged.
    public func autoSwapped(samples: Dataset? = nil) throws -> Network {
        let weights = try nodeWeights(samples: samples)
        var orders = shape.map { Array(0..<$0.nodeCount) }
        for level in 1..<max(layers.count, 1) {
            let sums = shape[level].sum
            let n = orders[level].count
            for i in 0..<n {
                var best = i
                var bestCost = levelCost(weights, orders, level)
                for j in 0..<n where j != i && (i < sums) == (j < sums) {
                    orders[level].swapAt(i, j)
                    let cost = levelCost(weights, orders, level)
                    orders[level].swapAt(i, j)
                    if cost < bestCost - 1e-12 * Swift.abs(bestCost) {
                        best = j
                        bestCost = cost
                    }
                }
                orders[level].swapAt(i, best)
            }
        }
        var result = self
        for level in 1..<max(layers.count, 1) where orders[level] != Array(0..<orders[level].count) {
            result = result.permutingNodes(level: level, order: orders[level])
        }
        return result
    }

    /// Per layer, the attribution score of each (node of level l, node of level l + 1) pair:
    /// the sum over the target's sub-nodes.
    func nodeWeights(samples: Dataset?) throws -> [[[Double]]] {
        let scores = try attribution(samples: samples).edgeScores
        return layers.enumerated().map { l, layer in
            (0..<layer.inputCount).map { i in
                (0..<layer.outputCount).map { node in
                    layer.subnodes(ofNode: node).reduce(0) { $0 + scores[l][layer.edgeIndex(input: i, subnode: $1)] }
                }
            }
        }
    }

    /// The cost of the two layers around `level`, the only ones its order changes.
    private func levelCost(_ weights: [[[Double]]], _ orders: [[Int]], _ level: Int) -> Double {
        Network.layerCost(weights[level - 1], from: orders[level - 1], to: orders[level])
            + Network.layerCost(weights[level], from: orders[level], to: orders[level + 1])
    }

    /// C of one layer, with `from[k]` and `to[k]` the nodes at position k.
    static func layerCost(_ weights: [[Double]], from: [Int], to: [Int]) -> Double {
        let n = Double(from.count), m = Double(to.count)
        var cost = 0.0
        for (p, i) in from.enumerated() {
            let x = (Double(p) + 0.5) / n
            for (q, j) in to.enumerated() {
                cost += weights[i][j] * Swift.abs(x - (Double(q) + 0.5) / m)
            }
        }
        return cost
    }
}
