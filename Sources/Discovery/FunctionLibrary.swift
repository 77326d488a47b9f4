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

    /// The numeric forms, in order (what `EdgeRanking` fits).
    public var numericPrimitives: [NumericPrimitive] { primitives.map(\.numeric) }

    /// The library restricted to the named primitives (unknown names are ignored), in library order.
    public func restricted(to names: Set<String>) -> FunctionLibrary {
        FunctionLibrary(primitives.filter { names.contains($0.name) })
    }

    /// The protected symbolic function called `name`: the resolver for loading checkpoints.
    public func symbolicFunction(named name: String) -> SymbolicFunction? {
        self[name]?.symbolicFunction
    }

    /// The standard library: the declarations of `library/std.kan` (`StandardLibrary`), pykan
    /// 0.2.8's defaults followed by cosh, sinh and the sigmoid. Empty only if the embedded file
    /// did not read, which a test rules out.
    public static let standard: FunctionLibrary = {
        guard let declarations = try? StandardLibrary.declarations(in: StandardLibrary.source) else { return FunctionLibrary() }
        return FunctionLibrary(declarations.compactMap { try? Primitive(name: $0.name, expression: $0.expression, cost: $0.cost) })
    }()
}
