/// One edge of a network: layer l, from input node i to sub-node j of the next level
/// (for sum nodes, the node index; multiplication nodes have `arity` sub-nodes each,
/// as in `Network.edgeSamples(layer:input:output:)`).
public struct EdgeID: Hashable, Sendable, CustomStringConvertible {
    public var layer: Int
    public var input: Int
    public var output: Int

    public init(layer: Int, input: Int, output: Int) {
        self.layer = layer
        self.input = input
        self.output = output
    }

    public var description: String { "(\(layer), \(input), \(output))" }
}
