import Symbolic

/// A function added to the symbolic-matching library by a `primitive` declaration:
///
///     primitive gauss = exp(-x^2) cost 3
public struct PrimitiveDeclaration: Sendable {
    public var name: String
    /// The defining expression in `x`, as written.
    public var text: String
    /// The defining expression after evaluation, printed (`exp(-x^2)`).
    public var expressionText: String
    /// The complexity used when ranking candidate formulas.
    public var cost: Double
    public var location: SourceLocation
    /// The evaluated expression, for the host's function library (`InterpreterHost`).
    public let expression: Expr

    /// The variable a primitive's expression is written in.
    public static let variable = "x"

    /// The cost of a primitive declared without `cost`.
    public static let defaultCost = 2.0
}
