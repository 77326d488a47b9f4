import KAN
import Symbolic

/// An ordered collection of primitives with unique names: the functions edge matching tries.
///
///     var library = FunctionLibrary.standard          // pykan's defaults + cosh, sinh, sigmoid
///     library.remove(named: "tan")
///     try library.add(Primitive(name: "cube_root", expression: .power(x, Expr(1) / Expr(3)), cost: 3))
///     library["sin"]?.cost                            // 2
///
/// The order is the order of declaration; it is the last tie-break when candidates rank equal,
/// so results do not depend on anything but the library's contents and order.
public struct FunctionLibrary: Sendable {
    /// The primitives, in order.
    public private(set) var primitives: [Primitive]

    /// An empty library, or the given primitives (later duplicates of a name replace earlier).
    public init(_ primitives: [Primitive] = []) {
        self.primitives = []
        for primitive in primitives { add(primitive) }
    }

    /// Adds a primitive at the end, or replaces the one of the same name in place.
    public mutating func add(_ primitive: Primitive) {
        if let index = primitives.firstIndex(where: { $0.name == primitive.name }) {
            primitives[index] = primitive
        } else {
            primitives.append(primitive)
        }
    }

    /// Removes and returns the primitive called `name`, if any.
    @discardableResult
    public mutating func remove(named name: String) -> Primitive? {
        guard let index = primitives.firstIndex(where: { $0.name == name }) else { return nil }
        return primitives.remove(at: index)
    }

    /// The primitive called `name`.
    public subscript(name: String) -> Primitive? {
        primitives.first { $0.name == name }
    }

    /// The names, in order.
    public var names: [String] { primitives.map(\.name) }
    public var count: Int { primitives.count }
    public var isEmpty: Bool { primitives.isEmpty }

    /// The numeric forms, in order (what `EdgeSuggestion` fits).
    public var numericPrimitives: [NumericPrimitive] { primitives.map(\.numeric) }

    /// The library restricted to the named primitives (unknown names are ignored), in library order.
    public func restricted(to names: Set<String>) -> FunctionLibrary {
        FunctionLibrary(primitives.filter { names.contains($0.name) })
    }

    /// The protected symbolic function called `name`: the resolver for loading checkpoints.
    public func symbolicFunction(named name: String) -> SymbolicFunction? {
        self[name]?.symbolicFunction
    }

    /// pykan 0.2.8's default library (its names and costs) followed by cosh, sinh and sigmoid.
    public static let standard = FunctionLibrary(StandardPrimitiveTable.entries.map {
        Primitive(name: $0.numeric.name, expression: $0.expression, cost: $0.numeric.cost, numeric: $0.numeric)
    })
}

/// The defining expressions of the built-in numeric primitives, so that a declared primitive
/// whose expression is a built-in's reuses its hand-written closures and metadata.
enum StandardPrimitiveTable {
    static let entries: [(expression: Expr, numeric: NumericPrimitive)] = {
        let x = Expr.symbol(Primitive.variable)
        let half = Expr(1) / Expr(2)
        let table: [(Expr, NumericPrimitive)] = [
            (x, .identity), (pow(x, 2), .square), (pow(x, 3), .cube), (pow(x, 4), .fourthPower),
            (pow(x, 5), .fifthPower),
            (pow(x, -1), .reciprocal), (pow(x, -2), .reciprocalSquare), (pow(x, -3), .reciprocalCube),
            (pow(x, -4), .reciprocalFourthPower), (pow(x, -5), .reciprocalFifthPower),
            (Expr.power(x, half), .squareRoot), (Expr.power(x, Expr(3) / Expr(2)), .powerThreeHalves),
            (Expr.power(x, -half), .reciprocalSquareRoot),
            (.exp(x), .exponential), (.log(x), .logarithm), (.abs(x), .absoluteValue),
            (.sin(x), .sine), (.cos(x), .cosine), (.tan(x), .tangent), (.tanh(x), .hyperbolicTangent),
            (.sign(x), .sign),
            (.asin(x), .arcsine), (.acos(x), .arccosine), (.atan(x), .arctangent),
            (.atanh(x), .hyperbolicArctangent),
            (.zero, .zero), (.exp(-pow(x, 2)), .gaussian),
            (.cosh(x), .hyperbolicCosine), (.sinh(x), .hyperbolicSine),
            (Expr.one / (Expr.one + .exp(-x)), .sigmoid),
        ]
        return table.map { (expression: $0.0, numeric: $0.1) }
    }()

    static let byExpression: [Expr: NumericPrimitive] = {
        var map: [Expr: NumericPrimitive] = [:]
        for entry in entries where map[entry.expression] == nil { map[entry.expression] = entry.numeric }
        return map
    }()

    static func numeric(for expression: Expr) -> NumericPrimitive? { byExpression[expression] }
}
