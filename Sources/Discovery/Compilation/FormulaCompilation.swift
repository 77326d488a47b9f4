import KAN
import Symbolic

/// A formula compiled into a Kolmogorov–Arnold network whose edges are its terms (pykan's
/// "kanpiler", `expr2kan`): to fine-tune a known law on data, to start training from a
/// hypothesis, or to draw a formula as a KAN.
///
///     let x = Expr.symbol("x"), y = Expr.symbol("y")
///     let network = try Network(formula: .exp(.sin(.pi * x) + pow(y, 2)), variables: ["x", "y"],
///                               library: .standard)
///     network.shape          // [2, 1, 1]: sin(π·x) and y² into one node, exp out of it
///
/// Every live edge is symbolic, c·f(a·s + b) + d with f a primitive of the library (matched by
/// its defining expression: `sin(x)`, `x^2`, `1/x`, `x^(1/2)`), so the network computes the
/// formula exactly and `NetworkComposition` composes it back. Numeric scales and offsets fold
/// into the constants (a, b, c, d); a product of variable factors is a multiplication node
/// (arity 2, more factors nest); a value needed more than one level further on is passed
/// through identity edges (x), one node per level. Equal subexpressions share one node.
/// Edges that are not part of the formula are masked; the spline parameters keep their random
/// initialisation, so `unfix` turns an edge back into a trainable spline.
///
/// A formula outside what a KAN's edges can express is an error naming the part at fault
/// (`FormulaCompilationError`): a function or power that is no primitive of the library
/// (x^7 with the standard library, a user function of two arguments), a constant formula.
public enum FormulaCompilation {
    /// The most nodes a compiled network may have, identity nodes included: far above any
    /// formula one writes, low enough that a formula thousands of levels deep and wide (a
    /// value carried through every level costs one node per level) fails here rather than
    /// in an allocation.
    public static let maximumNodes = 100_000

    /// The network computing `formula` in `variables` (its inputs, in order; variables the
    /// formula does not use are inputs without edges).
    ///
    /// `configuration` gives the grids, spline order and base function of the (masked) spline
    /// parts; its multiplication arity is replaced by 2.
    public static func network(
        for formula: Expr, variables: [String], library: FunctionLibrary,
        configuration: Network.Configuration = Network.Configuration()
    ) throws -> Network {
        try compile(formula, variables: variables, library: library).network(configuration: configuration)
    }

    /// The placement of `formula`'s terms on a network, before any network is built: its
    /// `shape` can be checked against size limits first.
    public static func compile(_ formula: Expr, variables: [String], library: FunctionLibrary) throws -> FormulaNetworkPlan {
        var graph = try FormulaGraph(variables: variables, library: library)
        let output = try graph.output(formula)
        return FormulaNetworkPlan(placement: try Placement(graph: graph, output: output))
    }

    /// The free symbols of `formula` in the order a network takes them by default: sorted.
    public static func defaultVariables(of formula: Expr) -> [String] {
        formula.freeSymbols.sorted()
    }
}

/// A formula placed on the levels of a network (`FormulaCompilation.compile`).
public struct FormulaNetworkPlan: Sendable {
    fileprivate let placement: Placement

    /// The network's shape: inputs, then sum and multiplication nodes per level.
    public var shape: [LayerWidth] { placement.shape }

    /// The network: every edge of the formula symbolic, every other edge masked.
    public func network(configuration: Network.Configuration = Network.Configuration()) throws -> Network {
        var configuration = configuration
        configuration.multiplicationArity = 2
        var network = try Network(shape: placement.shape, configuration: configuration)
        for l in network.layers.indices {
            let layer = network.layers[l]
            for i in 0..<layer.inputCount {
                for j in 0..<layer.subnodeCount { try network.setEdgeActive(layer: l, input: i, output: j, false) }
            }
        }
        for edge in placement.edges {
            try network.setSymbolic(
                layer: edge.layer, input: edge.input, output: edge.output,
                function: edge.primitive.symbolicFunction, a: edge.a, b: edge.b, c: edge.c, d: edge.d)
            try network.setEdgeActive(layer: edge.layer, input: edge.input, output: edge.output, true)
        }
        return network
    }
}

extension Network {
    /// The network whose edges are the terms of `formula` (see `FormulaCompilation`).
    public init(
        formula: Expr, variables: [String], library: FunctionLibrary,
        configuration: Network.Configuration = Network.Configuration()
    ) throws {
        self = try FormulaCompilation.network(for: formula, variables: variables, library: library, configuration: configuration)
    }
}

/// The nodes of a `FormulaGraph` placed on the levels of a network: sum nodes first, then
/// multiplication nodes, on each level; identity edges carry values across levels.
private struct Placement: Sendable {
    struct PlacedEdge: Sendable {
        var layer: Int, input: Int, output: Int
        var primitive: Primitive
        var a: Double, b: Double, c: Double, d: Double
    }

    private(set) var shape: [LayerWidth] = []
    private(set) var edges: [PlacedEdge] = []

    init(graph: FormulaGraph, output: Int) throws(FormulaCompilationError) {
        var nodes = graph.nodes
        var tooLarge = false
        let depth = nodes[output].level
        // Pass-through nodes: carried[(node, level)] is the node holding `node`'s value at `level`.
        var carried: [Int: [Int: Int]] = [:]
        func carry(_ source: Int, to level: Int) -> Int {
            if nodes[source].level >= level { return source }
            if let known = carried[source]?[level] { return known }
            if nodes.count >= FormulaCompilation.maximumNodes {
                tooLarge = true
                return source
            }
            let below = carry(source, to: level - 1)
            let edge = FormulaGraph.Edge(primitive: graph.identity, a: 1, b: 0, c: 1, d: 0, source: below)
            nodes.append(FormulaGraph.Node(kind: .sum([edge]), level: level))
            carried[source, default: [:]][level] = nodes.count - 1
            return nodes.count - 1
        }
        // Route every edge from the level just below its node.
        var index = 0
        while index < nodes.count {
            let level = nodes[index].level
            switch nodes[index].kind {
            case .input: break
            case .sum(let edges):
                nodes[index].kind = .sum(edges.map { var e = $0; e.source = carry(e.source, to: level - 1); return e })
            case .product(let left, let right):
                let route = { (edges: [FormulaGraph.Edge]) in
                    edges.map { var e = $0; e.source = carry(e.source, to: level - 1); return e }
                }
                nodes[index].kind = .product(route(left), route(right))
            }
            index += 1
            if tooLarge { throw .tooLarge(nodes: nodes.count) }
        }
        // Only nodes the output depends on are placed (memoised nodes are all used, but a
        // node may sit above the output's level only if it is unused).
        var used = Set<Int>()
        var stack = [output]
        while let id = stack.popLast() {
            guard used.insert(id).inserted else { continue }
            switch nodes[id].kind {
            case .input: break
            case .sum(let edges): stack += edges.map(\.source)
            case .product(let left, let right): stack += (left + right).map(\.source)
            }
        }
        // Positions on each level: inputs in order; then sums, then products, in creation order.
        var position = [Int: Int]()
        var widths: [LayerWidth] = []
        for level in 0...depth {
            let here = nodes.indices.filter { nodes[$0].level == level && (level == 0 || used.contains($0)) }
            var sums: [Int] = [], products: [Int] = []
            for id in here {
                if case .product = nodes[id].kind { products.append(id) } else { sums.append(id) }
            }
            for (k, id) in (sums + products).enumerated() { position[id] = k }
            widths.append(LayerWidth(sum: sums.count, mult: products.count))
        }
        shape = widths
        for id in used.sorted() {
            let level = nodes[id].level
            guard level > 0, let k = position[id] else { continue }
            let sumCount = widths[level].sum
            func place(_ edge: FormulaGraph.Edge, subnode: Int) {
                guard let input = position[edge.source] else { return }
                edges.append(PlacedEdge(layer: level - 1, input: input, output: subnode, primitive: edge.primitive,
                                        a: edge.a, b: edge.b, c: edge.c, d: edge.d))
            }
            switch nodes[id].kind {
            case .input: break
            case .sum(let list): for edge in list { place(edge, subnode: k) }
            case .product(let left, let right):
                let first = sumCount + 2 * (k - sumCount)
                for edge in left { place(edge, subnode: first) }
                for edge in right { place(edge, subnode: first + 1) }
            }
        }
    }
}
