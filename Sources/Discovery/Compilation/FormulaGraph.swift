import Symbolic

/// A formula as a graph of KAN nodes, before the nodes are placed on levels: what
/// `FormulaCompilation` builds first.
///
/// A node is an input, a sum of edges, or a product of two factors, each factor a sum of
/// edges (a multiplication node and its two sub-nodes). An edge computes c·f(a·s + b) + d
/// of its source node s, f a primitive of the library. The affine parts of the formula fold
/// into the edges' constants, so that exp(sin(π·x) + y²) is three edges and two nodes:
///
///     x ──sin(π·x)──┐
///                   S ──exp──> output
///     y ────x^2─────┘
///
/// Equal subexpressions become one node (expressions are canonical, so equality is `==`).
struct FormulaGraph {
    struct Edge {
        var primitive: Primitive
        var a: Double, b: Double, c: Double, d: Double
        var source: Int
    }

    enum Kind {
        case input(Int)
        case sum([Edge])
        /// Two factors, each the sum of its edges.
        case product([Edge], [Edge])
    }

    struct Node {
        var kind: Kind
        /// 0 for inputs; one more than the deepest source otherwise.
        var level: Int
    }

    private(set) var nodes: [Node]
    private var memo: [Expr: Int] = [:]
    let variables: [String]
    let library: FunctionLibrary
    /// The primitive x, for edges that pass a value on unchanged.
    let identity: Primitive

    init(variables: [String], library: FunctionLibrary) throws(FormulaCompilationError) {
        guard !variables.isEmpty, Set(variables).count == variables.count else { throw .invalidVariables(variables) }
        self.variables = variables
        self.library = library
        let x = Expr.symbol(Primitive.variable)
        guard let identity = library.primitives.first(where: { $0.expression == x }) else {
            throw .noPrimitive(function: "x (the identity, for edges that pass a value on)", in: "x")
        }
        self.identity = identity
        nodes = variables.indices.map { Node(kind: .input($0), level: 0) }
    }

    /// The output node: a product when the formula is one (no scale, no offset), else the sum
    /// of the formula's edges.
    mutating func output(_ formula: Expr) throws(FormulaCompilationError) -> Int {
        let (scale, offset, core) = try Self.affine(formula)
        guard let core else { throw .constant(formula.description) }
        if case .product(let factors) = core.node, scale == 1, offset == 0 {
            return try productNode(factors)
        }
        return add(.sum(try edges(formula)))
    }

    // MARK: Nodes

    /// The node computing `core`, an expression without a numeric scale or offset.
    private mutating func node(_ core: Expr) throws(FormulaCompilationError) -> Int {
        if let known = memo[core] { return known }
        let id: Int
        switch core.node {
        case .symbol(let name):
            guard let index = variables.firstIndex(of: name) else {
                throw .unknownVariable(name: name, variables: variables)
            }
            return index
        case .product(let factors):
            id = try productNode(factors)
        default:
            id = add(.sum(try edges(core)))
        }
        memo[core] = id
        return id
    }

    /// A multiplication node of the factors; more than two nest, half and half.
    private mutating func productNode(_ factors: [Expr]) throws(FormulaCompilationError) -> Int {
        let half = (factors.count + 1) / 2
        let left = Array(factors[..<half]), right = Array(factors[half...])
        return add(.product(try factorEdges(left), try factorEdges(right)))
    }

    /// The edges of one factor of a product: the factor's own, or, for several factors, one
    /// edge passing their product on.
    private mutating func factorEdges(_ factors: [Expr]) throws(FormulaCompilationError) -> [Edge] {
        if factors.count == 1 { return try edges(factors[0]) }
        return [Edge(primitive: identity, a: 1, b: 0, c: 1, d: 0, source: try productNode(factors))]
    }

    private mutating func add(_ kind: Kind) -> Int {
        var kind = kind
        let sources: [Edge]
        switch kind {
        case .input: sources = []
        case .sum(let edges):
            let distinct = distinctSources(edges)
            kind = .sum(distinct)
            sources = distinct
        case .product(let left, let right):
            let distinctLeft = distinctSources(left), distinctRight = distinctSources(right)
            kind = .product(distinctLeft, distinctRight)
            sources = distinctLeft + distinctRight
        }
        let level = 1 + (sources.map { nodes[$0.source].level }.max() ?? 0)
        nodes.append(Node(kind: kind, level: level))
        return nodes.count - 1
    }

    /// A network has one edge from a node into a sub-node: where two edges of one sum leave
    /// the same node (x + sin(x)), the later ones leave copies of it (an identity edge each).
    private mutating func distinctSources(_ edges: [Edge]) -> [Edge] {
        var seen = Set<Int>()
        var result = edges
        for k in result.indices where !seen.insert(result[k].source).inserted {
            let copy = Edge(primitive: identity, a: 1, b: 0, c: 1, d: 0, source: result[k].source)
            nodes.append(Node(kind: .sum([copy]), level: nodes[copy.source].level + 1))
            result[k].source = nodes.count - 1
        }
        return result
    }

    // MARK: Edges

    /// Edges whose sum is `expression`: one per term of a sum, the offset on the first.
    private mutating func edges(_ expression: Expr) throws(FormulaCompilationError) -> [Edge] {
        let (scale, offset, core) = try Self.affine(expression)
        guard let core else { throw .constant(expression.description) }
        var result: [Edge] = []
        if case .sum(let terms) = core.node {
            for term in terms {
                let (termScale, termOffset, termCore) = try Self.affine(term)
                guard let termCore else { continue }
                result.append(try edge(termCore, c: scale * termScale, d: scale * termOffset))
            }
        } else {
            result.append(try edge(core, c: scale, d: 0))
        }
        result[0].d += offset
        return result
    }

    /// One edge computing c·core + d.
    private mutating func edge(_ core: Expr, c: Double, d: Double) throws(FormulaCompilationError) -> Edge {
        let x = Expr.symbol(Primitive.variable)
        switch core.node {
        case .apply(let function, let arguments):
            guard arguments.count == 1 else { throw .severalArguments(core.description) }
            return try edge(applying: .apply(function, [x]), named: function.name, to: arguments[0], in: core, c: c, d: d)
        case .power(let base, let exponent):
            return try edge(applying: .power(x, exponent), named: "x^\(exponent)", to: base, in: core, c: c, d: d)
        default:
            // A variable, a product (its multiplication node), or a sum (its node).
            return Edge(primitive: identity, a: 1, b: 0, c: c, d: d, source: try node(core))
        }
    }

    /// The edge c·f(a·s + b) + d for `core` = f(argument), argument = a·s + b.
    private mutating func edge(
        applying template: Expr, named name: String, to argument: Expr, in core: Expr, c: Double, d: Double
    ) throws(FormulaCompilationError) -> Edge {
        guard let primitive = library.primitives.first(where: { $0.expression == template }) else {
            throw .noPrimitive(function: name == template.description ? name : "\(template)", in: core.description)
        }
        let (a, b, inner) = try Self.affine(argument)
        guard let inner else { throw .constant(argument.description) }
        return Edge(primitive: primitive, a: a, b: b, c: c, d: d, source: try node(inner))
    }

    // MARK: Affine parts

    /// `expression` = scale·core + offset, with `core` free of numeric factors and terms;
    /// nil for a constant expression (then the offset is its value).
    static func affine(_ expression: Expr) throws(FormulaCompilationError) -> (scale: Double, offset: Double, core: Expr?) {
        if expression.freeSymbols.isEmpty { return (0, try value(expression), nil) }
        switch expression.node {
        case .sum(let terms):
            var offset = 0.0
            var rest: [Expr] = []
            for term in terms {
                if term.freeSymbols.isEmpty { offset += try value(term) } else { rest.append(term) }
            }
            if rest.count == 1 {
                let (scale, inner, core) = try affine(rest[0])
                return (scale, offset + inner, core)
            }
            return (1, offset, .sum(rest))
        case .product(let factors):
            var scale = 1.0
            var rest: [Expr] = []
            for factor in factors {
                if factor.freeSymbols.isEmpty { scale *= try value(factor) } else { rest.append(factor) }
            }
            if rest.count == 1 {
                let (inner, offset, core) = try affine(rest[0])
                return (scale * inner, scale * offset, core)
            }
            return (scale, 0, .product(rest))
        default:
            return (1, 0, expression)
        }
    }

    private static func value(_ constant: Expr) throws(FormulaCompilationError) -> Double {
        let value = constant.evaluate([:])
        guard value.isFinite else { throw .nonFiniteConstant(constant.description) }
        return value
    }
}
