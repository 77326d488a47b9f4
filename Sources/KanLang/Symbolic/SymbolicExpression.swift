/// A symbolic expression over named symbols: the stand-in for `Symbolic.Expr`
/// until that module is wired in. Only `SymbolicBuilder` creates these, so the
/// swap touches that file, the printer and the evaluator.
///
/// Subtraction is a sum with a `-1` factor and division a product with a `-1`
/// power, as in SymPy; the printer turns them back into `-` and `/`.
indirect enum SymbolicExpression: Hashable, Sendable {
    case rational(SmallRational)
    /// An inexact constant (a Double that had no exact form).
    case real(Double)
    /// A named constant: `pi` or `e`.
    case constant(String)
    case symbol(String)
    case sum([SymbolicExpression])
    case product([SymbolicExpression])
    case power(SymbolicExpression, SymbolicExpression)
    /// An elementary function applied to arguments: `sin(x)`.
    case function(String, [SymbolicExpression])

    var rationalValue: SmallRational? {
        if case .rational(let value) = self { return value }
        return nil
    }

    /// Whether the expression contains no symbols (it is a number in exact form).
    var isConstant: Bool {
        switch self {
        case .rational, .real, .constant: true
        case .symbol: false
        case .sum(let terms), .product(let terms), .function(_, let terms): terms.allSatisfy(\.isConstant)
        case .power(let base, let exponent): base.isConstant && exponent.isConstant
        }
    }

    /// The number of nodes, counting at most `limit` (so the count is cheap on big trees).
    func size(limit: Int) -> Int {
        var count = 1
        switch self {
        case .rational, .real, .constant, .symbol: break
        case .sum(let terms), .product(let terms), .function(_, let terms):
            for term in terms where count < limit { count += term.size(limit: limit - count) }
        case .power(let base, let exponent):
            count += base.size(limit: limit)
            if count < limit { count += exponent.size(limit: limit - count) }
        }
        return count
    }

    /// The symbols that occur, in first-occurrence order.
    var freeSymbols: [String] {
        var seen: [String] = []
        func visit(_ expression: SymbolicExpression) {
            switch expression {
            case .symbol(let name): if !seen.contains(name) { seen.append(name) }
            case .sum(let terms), .product(let terms), .function(_, let terms): terms.forEach(visit)
            case .power(let base, let exponent): visit(base); visit(exponent)
            default: break
            }
        }
        visit(self)
        return seen
    }
}
