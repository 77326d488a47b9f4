import Exact
import PropertyBased
@testable import Symbolic

/// Random expressions for property tests, decoded from a list of integers (so
/// PropertyBased can shrink a failing case by shrinking the list).
///
/// The list is read as a stack program: each code pushes a leaf (x, y, z, a
/// small rational, π) or combines the top of the stack (+, -, ·, /, integer
/// and fractional powers, a power of a sum, a function); what remains is summed.
enum RandomExpression {
    static let symbols: [Expr] = [x, y, z]
    static let functions: [Expr.Function] = [.sin, .cos, .exp, .log, .tanh, .atan, .abs, .sinh, .tan, .sign, .cosh]
    static let integerExponents: [Rational] = [-2, -1, 2, 3]
    static let fractionalExponents: [Rational] = [Rational.oneHalf, Rational.threeHalves, -Rational.oneHalf, Rational.third]

    static func decode(_ codes: [Int]) -> Expr {
        var stack: [Expr] = []
        func pop() -> Expr { stack.popLast() ?? x }
        for code in codes {
            let op = code % 14, arg = code / 14
            switch op {
            case 0, 1, 2:
                stack.append(symbols[arg % 3])
            case 3:
                stack.append(q(arg % 9 - 4, 1 + (arg / 9) % 3))
            case 4:
                stack.append(arg % 3 == 0 ? .pi : symbols[arg % 3])
            case 5:
                let b = pop(), a = pop(); stack.append(a + b)
            case 6:
                let b = pop(), a = pop(); stack.append(a * b)
            case 7:
                let b = pop(), a = pop(); stack.append(a - b)
            case 8:
                let b = pop(), a = pop(); stack.append(a / b)
            case 9:
                stack.append(Expr.power(pop(), integerExponents[arg % integerExponents.count]))
            case 10:
                stack.append(Expr.power(pop(), fractionalExponents[arg % fractionalExponents.count]))
            case 11, 12:
                stack.append(Expr.apply(functions[arg % functions.count], pop()))
            default:
                let b = pop(), a = pop()
                stack.append(Expr.power(a + b, Rational(2 + arg % 2)))
            }
        }
        return Expr.sum(stack)
    }

    /// Random expressions of up to 14 operations.
    static let generator = Gen.int(in: 0...9_999).array(of: 1...14).map(decode)

    /// Random points: (x, y, z) each in [-2, 2].
    static let point = Gen.int(in: -2_000...2_000).array(of: 3...3).map { values in
        ["x": Double(values[0]) / 1000 + 0.0001, "y": Double(values[1]) / 1000 + 0.0002,
         "z": Double(values[2]) / 1000 + 0.0003]
    }
}

/// |a - b| small relative to the size of a.
func close(_ a: Double, _ b: Double, tolerance: Double = 1e-6) -> Bool {
    Swift.abs(a - b) <= tolerance * (1 + Swift.abs(a))
}

/// The largest magnitude of any subexpression's value at `point`: above ~1e8,
/// Double arithmetic cannot resolve the small differences these tests compare.
func largestIntermediate(_ e: Expr, at point: [String: Double]) -> Double {
    e.children.reduce(Swift.abs(e.evaluate(point))) { Swift.max($0, largestIntermediate($1, at: point)) }
}

/// Whether some power u^p in `e` with p < 1 has u = 0 at `point`: there the chain rule's
/// p·u^(p−1)·u' is 0·∞ even where u is 0 all around and `e` is smooth ((x + x·sign x)^(1/3)
/// for x < 0), so a derivative read by the chain rule is undefined at such a point.
func hasSingularPower(_ e: Expr, at point: [String: Double]) -> Bool {
    if case .power(let base, let exponent) = e.node, exponent < Rational(1), base.evaluate(point) == 0 {
        return true
    }
    return e.children.contains { hasSingularPower($0, at: point) }
}

/// Whether `e`'s value at `point` is set by the point rather than by rounding: moving every
/// variable by a relative 10⁻¹² (a few units in the last place of the inputs) changes the value
/// by less than a relative 10⁻⁸. tan(2x³y(4x² + x)⁹) near x = −1.38 is not: its argument is
/// 8·10⁷, and two exact forms of it, rounded differently, give tangents 0.004 apart.
func isWellConditioned(_ e: Expr, at point: [String: Double]) -> Bool {
    let value = e.evaluate(point)
    guard value.isFinite else { return false }
    for (name, x) in point {
        var moved = point
        moved[name] = x * (1 + 1e-12) + 1e-300
        let shifted = e.evaluate(moved)
        guard shifted.isFinite, Swift.abs(shifted - value) <= 1e-8 * Swift.max(Swift.abs(value), 1) else { return false }
    }
    return true
}
