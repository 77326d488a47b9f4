/// A KanLang number: a Double, and where known its exact value.
///
/// `1/3` evaluates to 0.333… for arithmetic, but remembers the rational 1/3, so
/// that `1/3*x` builds a symbolic expression with an exact coefficient. The exact
/// form is dropped (never wrong, only absent) once it overflows or grows large.
public struct Number: Sendable {
    public var value: Double
    /// A symbol-free expression equal to `value`, or nil.
    var exact: SymbolicExpression?

    public init(_ value: Double) {
        self.value = value
        if value == value.rounded(), abs(value) < 9e15 {
            exact = .rational(SmallRational(integer: Int64(value)))
        }
    }

    init(_ value: Double, exact: SymbolicExpression?) {
        self.value = value
        // Exact forms stay small: they exist for coefficients, not for loops.
        self.exact = exact.flatMap { $0.size(limit: 33) <= 32 ? $0 : nil }
    }

    /// The value as an integer if it is one, within the range an Int holds exactly.
    public var integer: Int? {
        guard value == value.rounded(), abs(value) <= 9_007_199_254_740_992 else { return nil }
        return Int(value)
    }

    /// The symbolic form: exact if known, else the Double as an inexact constant.
    var symbolic: SymbolicExpression { exact ?? .real(value) }
}
