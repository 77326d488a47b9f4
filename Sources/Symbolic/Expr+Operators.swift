import Exact

/// Arithmetic on expressions: every result is canonical.
///
/// ```swift
/// let x = Expr.symbol("x"), y = Expr.symbol("y")
/// let f = Expr.exp(Expr.sin(.pi * x) + pow(y, 2))   // exp(y^2 + sin(pi*x))
/// (x + y) / 2 - x / 2 == y / 2                       // true
/// ```
///
/// Integer literals convert to `Expr` (`2 * x`); exact rationals enter through
/// `Expr(Rational)` or `Expr.number(_:)`. There is deliberately no initialiser
/// from `Double`: constants are exact.
extension Expr {
    public static func + (lhs: Expr, rhs: Expr) -> Expr { sum([lhs, rhs]) }
    public static func - (lhs: Expr, rhs: Expr) -> Expr { sum([lhs, product([.minusOne, rhs])]) }
    public static func * (lhs: Expr, rhs: Expr) -> Expr { product([lhs, rhs]) }
    /// lhs · rhs^-1; division by an exact zero gives `.undefined`.
    public static func / (lhs: Expr, rhs: Expr) -> Expr { product([lhs, power(rhs, Rational(-1))]) }
    public static prefix func - (operand: Expr) -> Expr { product([.minusOne, operand]) }
    public static func += (lhs: inout Expr, rhs: Expr) { lhs = lhs + rhs }
    public static func -= (lhs: inout Expr, rhs: Expr) { lhs = lhs - rhs }
    public static func *= (lhs: inout Expr, rhs: Expr) { lhs = lhs * rhs }
    public static func /= (lhs: inout Expr, rhs: Expr) { lhs = lhs / rhs }
}

/// `base ^ exponent` (see `Expr.power(_:_:)`), named like the C function.
public func pow(_ base: Expr, _ exponent: Expr) -> Expr { Expr.power(base, exponent) }
public func pow(_ base: Expr, _ exponent: Int) -> Expr { Expr.power(base, Rational(exponent)) }
