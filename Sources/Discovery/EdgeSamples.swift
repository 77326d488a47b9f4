import KAN

/// One edge of a network: layer l, from input node i to sub-node j (for sum nodes the node
/// index; multiplication nodes have `arity` sub-nodes each, see `Layer`).
public struct EdgeLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var layer: Int
    public var input: Int
    public var output: Int

    public init(layer: Int, input: Int, output: Int) {
        self.layer = layer
        self.input = input
        self.output = output
    }

    /// Layer, then input, then output: the order edges are visited in.
    public static func < (lhs: EdgeLocation, rhs: EdgeLocation) -> Bool {
        (lhs.layer, lhs.input, lhs.output) < (rhs.layer, rhs.input, rhs.output)
    }

    public var description: String { "(\(layer), \(input), \(output))" }
}

/// What one edge sees: the values x_s reaching it when the training inputs are propagated
/// through the network, and its activations φ(x_s), in sample order.
///
///     let samples = try EdgeSamples(network, edge: EdgeLocation(layer: 0, input: 1, output: 0))
///     samples.fitSamples            // prepared for `AffineFit` / `EdgeRanking`
///
/// The samples default to the inputs cached by the network's last `train` call.
public struct EdgeSamples: Sendable {
    public var edge: EdgeLocation
    /// x_s: the edge's inputs.
    public var inputs: [Double]
    /// φ(x_s): the edge's outputs.
    public var outputs: [Double]

    public init(_ network: Network, edge: EdgeLocation, samples: Dataset? = nil) throws {
        let (x, y) = try network.edgeSamples(
            layer: edge.layer, input: edge.input, output: edge.output, samples: samples)
        self.edge = edge
        self.inputs = x
        self.outputs = y
    }

    /// The samples prepared for fitting every primitive.
    public var fitSamples: AffineFitSamples { AffineFitSamples(x: inputs, y: outputs) }
}

extension Network {
    /// Every edge whose mask is set, in layer, input, output order.
    public var liveEdges: [EdgeLocation] {
        var edges: [EdgeLocation] = []
        for (l, layer) in layers.enumerated() {
            for i in 0..<layer.inputCount {
                for j in 0..<layer.subnodeCount where layer.mask[layer.edgeIndex(input: i, subnode: j)] != 0 {
                    edges.append(EdgeLocation(layer: l, input: i, output: j))
                }
            }
        }
        return edges
    }

    /// The live edges still in spline mode.
    public var splineEdges: [EdgeLocation] {
        liveEdges.filter { layers[$0.layer].symbolic[layers[$0.layer].edgeIndex(input: $0.input, subnode: $0.output)] == nil }
    }
}
