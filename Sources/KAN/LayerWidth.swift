/// The width of one network level: `sum` plain nodes followed by `mult` multiplication nodes.
///
/// A shape is written `[2, 5, 1]` (integer literals are sum-only widths) or, with
/// multiplication nodes (KAN 2.0), `[2, LayerWidth(sum: 2, mult: 1), 1]`.
public struct LayerWidth: Sendable, Codable, Equatable, Hashable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public var sum: Int
    public var mult: Int

    public init(sum: Int, mult: Int = 0) {
        self.sum = sum
        self.mult = mult
    }

    public init(integerLiteral value: Int) {
        self.init(sum: value, mult: 0)
    }

    /// Nodes seen by the next layer: sum + mult.
    public var nodeCount: Int { sum + mult }

    public var description: String { mult == 0 ? "\(sum)" : "[\(sum), \(mult)]" }
}
