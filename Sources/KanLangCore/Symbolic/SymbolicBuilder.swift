import Exact
import Foundation
import Symbolic

/// Builds symbolic values from operations: the seam between the interpreter and
/// `Symbolic.Expr`.
///
/// Every result is an `Expr` in canonical form (Symbolic's constructors collect
/// like terms and fold exact numbers on construction: `2*x + x` is `3*x`), so
/// `==` on expressions is structural equality of canonical forms. Numbers enter
/// expressions through their exact form (`1/3` stays 1/3, `0.1` is 1/10); a
/// Double without one enters as the exact value of its shortest decimal text.
package enum SymbolicBuilder {
    /// Deeper expressions are refused, so printing and freeing them stay within the stack.
    package static let maxDepth = 400
    /// Larger expressions are refused: `f = f*f` repeated would otherwise make a tree
    /// whose printing never ends, though sharing keeps it small in memory.
    package static let maxSize = 100_000

    /// An expression past `maxDepth` or `maxSize`.
    package struct TooDeep: Error {
        package var tooLarge = false
    }

    package static func symbol(_ name: String) -> SymbolicValue {
        SymbolicValue(expression: .symbol(name), depth: 1, size: 1)
    }

    /// The symbolic form of a value, if it has one (numbers, expressions, formulas).
    package static func operand(_ value: Value) -> SymbolicValue? {
        switch value {
        case .number(let number): SymbolicValue(expression: number.symbolic, depth: 1, size: 1)
        case .symbolic(let symbolic): symbolic
        case .opaque(let object as any SymbolicOpaqueValue): try? measured(object.expression)
        default: nil
        }
    }

    /// A value for an expression made outside the operators (by `simplify`, `diff`,
    /// `parse`, a formula), with its depth and size measured; nil past the limits.
    package static func value(_ expression: Expr) -> Value {
        guard let measured = try? measured(expression) else { return .nil }
        return .symbolic(measured)
    }

    /// `expression` with its true depth and size, or `TooDeep` past the limits.
    package static func measured(_ expression: Expr) throws(TooDeep) -> SymbolicValue {
        var size = 0
        let depth = measure(expression, level: 1, size: &size)
        guard depth <= maxDepth else { throw TooDeep() }
        guard size <= maxSize else { throw TooDeep(tooLarge: true) }
        return SymbolicValue(expression: expression, depth: depth, size: size)
    }

    /// The depth below `expression`, adding its nodes to `size`; stops descending
    /// past the limits so that measuring a huge tree stays cheap.
    private static func measure(_ expression: Expr, level: Int, size: inout Int) -> Int {
        size += 1
        guard level <= maxDepth, size <= maxSize else { return level }
        var depth = level
        for child in expression.children {
            depth = max(depth, measure(child, level: level + 1, size: &size))
            if size > maxSize || depth > maxDepth { break }
        }
        return depth
    }

    /// Wraps a result whose depth and size bounds were computed from its operands.
    /// Canonical construction may shrink a tree (`x - x` is 0), so when a bound
    /// passes a limit the tree is measured before refusing it.
    package static func wrap(_ expression: Expr, depth: Int, size: Int) throws(TooDeep) -> SymbolicValue {
        if depth <= maxDepth, size <= maxSize {
            return SymbolicValue(expression: expression, depth: depth, size: size)
        }
        return try measured(expression)
    }

    /// `lhs op rhs` where at least one side is symbolic. Comparisons are not symbolic.
    package static func binary(_ op: BinaryOperator, _ lhs: SymbolicValue, _ rhs: SymbolicValue) throws(TooDeep) -> SymbolicValue? {
        let depth = max(lhs.depth, rhs.depth) + 1
        guard let expression = combine(op, lhs.expression, rhs.expression) else { return nil }
        return try wrap(expression, depth: depth, size: lhs.size + rhs.size + 2)
    }

    package static func combine(_ op: BinaryOperator, _ a: Expr, _ b: Expr) -> Expr? {
        switch op {
        case .add: a + b
        case .subtract: a - b
        case .multiply: a * b
        case .divide: a / b
        case .power: power(a, b)
        default: nil
        }
    }

    /// `a ^ b`. Symbolic leaves exact powers whose value would be enormous
    /// (`2^(10^9)`) unevaluated, so this never allocates without bound.
    package static func power(_ a: Expr, _ b: Expr) -> Expr { Expr.power(a, b) }

    package static func negate(_ a: Expr) -> Expr {
        if let r = a.numberValue { return .number(-r) }  // what -a folds to, without building a product
        return -a
    }

    /// `name(argument)` for an elementary function.
    package static func apply(_ name: String, _ argument: SymbolicValue) throws(TooDeep) -> SymbolicValue {
        // sqrt is the power 1/2, which may fold into the argument: depth grows by at most 2.
        try wrap(applyExpression(name, argument.expression), depth: argument.depth + 2, size: argument.size + 2)
    }

    package static func applyExpression(_ name: String, _ argument: Expr) -> Expr {
        ElementaryFunction.named(name)?.applied(to: argument) ?? .undefined
    }

    // MARK: Numbers with exact forms

    /// Arithmetic on two numbers: the Double result, and the exact form when both have one.
    package static func number(_ op: BinaryOperator, _ lhs: Number, _ rhs: Number, value: Double) -> Number {
        guard let a = lhs.exact, let b = rhs.exact, value.isFinite else { return Number(value, exact: nil) }
        if let p = a.numberValue, let q = b.numberValue, let result = rational(op, p, q) {
            return Number(value, exact: .number(result))
        }
        guard let exact = combine(op, a, b), !exact.isUndefined else { return Number(value, exact: nil) }
        return Number(value, exact: exact)
    }

    /// `p op q` in `Rational` arithmetic, the number `combine` would fold the two to,
    /// without building expressions: most arithmetic in a program is on exact numbers,
    /// and it should cost little more than the Double's. Nil leaves it to `combine`:
    /// `2^(1/2)` is not rational, and a power past `Number`'s bound may stay unevaluated.
    private static func rational(_ op: BinaryOperator, _ p: Rational, _ q: Rational) -> Rational? {
        switch op {
        case .add: p + q
        case .subtract: p - q
        case .multiply: p * q
        case .divide: try? p / q
        case .power: rationalPower(p, q)
        default: nil
        }
    }

    /// `p^q` for an integer `q` whose result stays within `Number.maximumExactBits`
    /// (`(2/3)^5` is 32/243, `2^1000` an integer of 1001 bits); nil otherwise.
    private static func rationalPower(_ p: Rational, _ q: Rational) -> Rational? {
        guard q.isInteger, let n = q.numerator.asInt else { return nil }
        // (a/b)^n has at most |n|·bits(a) bits above the line and |n|·bits(b) below.
        let bits = max(p.numerator.bitWidthOfMagnitude, p.denominator.bitWidthOfMagnitude)
        guard bits <= 1 || n.magnitude <= UInt(Number.maximumExactBits / bits) else { return nil }
        return try? p.power(n)
    }

    /// An elementary function of a number, keeping an exact form (`sqrt(2)`) when the
    /// argument has one.
    package static func number(applying name: String, to argument: Number, value: Double) -> Number {
        guard let exact = argument.exact, value.isFinite else { return Number(value, exact: nil) }
        let result = applyExpression(name, exact)
        return Number(value, exact: result.isUndefined ? nil : result)
    }

    /// The named constant (`pi`, `e`) as a number that remembers its name.
    package static func constant(_ name: String, value: Double) -> Number {
        Number(value, exact: NamedConstant.all.first { $0.name == name }?.expression)
    }

    /// The exact value of a Double's shortest decimal text (`0.1` is 1/10), so that
    /// inexact numbers print as the decimal they show; non-finite values are undefined.
    package static func expression(of value: Double) -> Expr {
        guard value.isFinite else { return .undefined }
        if let integer = Int(exactly: value) { return Expr(integer) }
        guard let rational = try? Rational(parsing: String(value)) else { return .undefined }
        return Expr.number(rational)
    }
}
