import Exact
import Symbolic

/// A KanLang number: a Double, and where known its exact value.
///
/// `1/3` evaluates to 0.333… for arithmetic, but remembers the rational 1/3, so
/// that `1/3*x` builds a symbolic expression with an exact coefficient. The exact
/// form is dropped (never wrong, only absent) once it overflows or grows past
/// `maximumExactBits`; the Double alone is what arithmetic computes with.
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
        // Exact forms stay bounded: they exist for coefficients, not for loops.
        self.exact = exact.flatMap { Number.isWithinBounds($0) ? $0 : nil }
    }

    /// The most bits an exact number keeps in its numerator, and in its denominator.
    ///
    /// Room for every literal in a Double's range (`5e-324` is 1/(2·10^323), 1075 bits),
    /// for `2^1000` and `(1/3)^40`; yet `x = x*x` in a loop doubles the size at each step,
    /// so it loses its exact form within a dozen steps instead of growing without end, and
    /// arithmetic on exact forms stays cheap (GMP on a few thousand bits: microseconds).
    static let maximumExactBits = 4096

    /// The most nodes an exact form keeps (`sqrt(2)/3`, `2*pi`, `exp(1/2)`).
    static let maximumExactNodes = 32

    /// At most `maximumExactNodes` nodes, every number and exponent within `maximumExactBits`.
    private static func isWithinBounds(_ expression: Expr) -> Bool {
        var budget = maximumExactNodes
        func visit(_ node: Expr) -> Bool {
            budget -= 1
            guard budget >= 0 else { return false }
            switch node.node {
            case .number(let value): return fits(value)
            case .power(let base, let exponent): return fits(exponent) && visit(base)
            default: return node.children.allSatisfy(visit)
            }
        }
        return visit(expression)
    }

    /// Whether `value`'s numerator and denominator are within `maximumExactBits`.
    static func fits(_ value: Rational) -> Bool {
        value.numerator.bitWidthOfMagnitude <= maximumExactBits
            && value.denominator.bitWidthOfMagnitude <= maximumExactBits
    }

    /// The value as an integer if it is one, within the range an Int holds exactly.
    public var integer: Int? {
        guard value == value.rounded(), abs(value) <= 9_007_199_254_740_992 else { return nil }
        return Int(value)
    }

    /// The symbolic form: exact if known, else the Double as an inexact constant.
    var symbolic: Expr { exact ?? SymbolicBuilder.expression(of: value) }
}
