import Symbolic

/// A KanLang number: a Double, and where known its exact value.
///
/// `1/3` evaluates to 0.333… for arithmetic, but remembers the rational 1/3, so
/// that `1/3*x` builds a symbolic expression with an exact coefficient. The exact
/// form is dropped (never wrong, only absent) once it overflows or grows large.
public struct Number: Sendable {
    public var value: Double
    /// A symbol-free expression equal to `value`, or nil.
    var exact: Expr?

    public init(_ value: Double) {
        self.value = value
        if value == value.rounded(), abs(value) < 9e15, let integer = Int(exactly: value) {
            exact = Expr(integer)
        }
    }

    init(_ value: Double, exact: Expr?) {
        self.value = value
        // Exact forms stay small: they exist for coefficients, not for loops.
        self.exact = exact.flatMap { Number.isSmall($0) ? $0 : nil }
    }

    /// At most 32 nodes, every number with numerator and denominator within an Int.
    private static func isSmall(_ expression: Expr) -> Bool {
        var budget = 32
        func visit(_ node: Expr) -> Bool {
            budget -= 1
            guard budget >= 0 else { return false }
            if let value = node.numberValue, value.numerator.asInt == nil || value.denominator.asInt == nil { return false }
            if case .power(_, let exponent) = node.node,
               exponent.numerator.asInt == nil || exponent.denominator.asInt == nil { return false }
            return node.children.allSatisfy(visit)
        }
        return visit(expression)
    }

    /// The value as an integer if it is one, within the range an Int holds exactly.
    public var integer: Int? {
        guard value == value.rounded(), abs(value) <= 9_007_199_254_740_992 else { return nil }
        return Int(value)
    }

    /// The symbolic form: exact if known, else the Double as an inexact constant.
    var symbolic: Expr { exact ?? SymbolicBuilder.expression(of: value) }
}
