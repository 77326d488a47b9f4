/// Builds symbolic values from operations: the single seam between the
/// interpreter and the symbolic representation. When `Symbolic.Expr` arrives,
/// this file (with `SymbolicPrinter` and `SymbolicEvaluator`) is what changes.
///
/// The builder folds exact constants (`1/3*3` is 1), flattens sums and products,
/// and drops identities (`x*1`, `x+0`, `x^1`); it does not reorder or expand.
enum SymbolicBuilder {
    /// Deeper expressions are refused, so printing and freeing them stay within the stack.
    static let maxDepth = 400
    /// Larger expressions are refused: `f = f*f` repeated would otherwise make a tree
    /// whose printing never ends, though sharing keeps it small in memory.
    static let maxSize = 100_000

    /// An expression past `maxDepth` or `maxSize`.
    struct TooDeep: Error {
        var tooLarge = false
    }

    static func symbol(_ name: String) -> SymbolicValue {
        SymbolicValue(expression: .symbol(name), depth: 1, size: 1)
    }

    /// The symbolic form of a value, if it has one (numbers and expressions).
    static func operand(_ value: Value) -> SymbolicValue? {
        switch value {
        case .number(let number): SymbolicValue(expression: number.symbolic, depth: 1, size: 1)
        case .symbolic(let symbolic): symbolic
        default: nil
        }
    }

    static func wrap(_ expression: SymbolicExpression, depth: Int, size: Int) throws(TooDeep) -> SymbolicValue {
        guard depth <= maxDepth else { throw TooDeep() }
        guard size <= maxSize else { throw TooDeep(tooLarge: true) }
        return SymbolicValue(expression: expression, depth: depth, size: size)
    }

    /// `lhs op rhs` where at least one side is symbolic. Comparisons are not symbolic.
    static func binary(_ op: BinaryOperator, _ lhs: SymbolicValue, _ rhs: SymbolicValue) throws(TooDeep) -> SymbolicValue? {
        let depth = max(lhs.depth, rhs.depth) + 1
        guard let expression = combine(op, lhs.expression, rhs.expression) else { return nil }
        return try wrap(expression, depth: depth, size: lhs.size + rhs.size + 2)
    }

    static func combine(_ op: BinaryOperator, _ a: SymbolicExpression, _ b: SymbolicExpression) -> SymbolicExpression? {
        switch op {
        case .add: add(a, b)
        case .subtract: add(a, negate(b))
        case .multiply: multiply(a, b)
        case .divide: multiply(a, power(b, .rational(SmallRational(integer: -1))))
        case .power: power(a, b)
        default: nil
        }
    }

    static func negate(_ a: SymbolicExpression) -> SymbolicExpression {
        multiply(.rational(SmallRational(integer: -1)), a)
    }

    static func add(_ a: SymbolicExpression, _ b: SymbolicExpression) -> SymbolicExpression {
        var terms: [SymbolicExpression] = []
        var constant = SmallRational(integer: 0)
        for term in flatten(a, sum: true) + flatten(b, sum: true) {
            if let value = term.rationalValue, let folded = constant + value {
                constant = folded
            } else {
                terms.append(term)
            }
        }
        if constant.numerator != 0 { terms.append(.rational(constant)) }
        if terms.isEmpty { return .rational(SmallRational(integer: 0)) }
        return terms.count == 1 ? terms[0] : .sum(terms)
    }

    static func multiply(_ a: SymbolicExpression, _ b: SymbolicExpression) -> SymbolicExpression {
        var factors: [SymbolicExpression] = []
        var coefficient = SmallRational(integer: 1)
        for factor in flatten(a, sum: false) + flatten(b, sum: false) {
            if let value = factor.rationalValue, let folded = coefficient * value {
                coefficient = folded
            } else {
                factors.append(factor)
            }
        }
        if coefficient.numerator == 0 { return .rational(coefficient) }
        if coefficient != SmallRational(integer: 1) { factors.insert(.rational(coefficient), at: 0) }
        if factors.isEmpty { return .rational(SmallRational(integer: 1)) }
        return factors.count == 1 ? factors[0] : .product(factors)
    }

    static func power(_ base: SymbolicExpression, _ exponent: SymbolicExpression) -> SymbolicExpression {
        if let e = exponent.rationalValue {
            if e == SmallRational(integer: 1) { return base }
            if e.numerator == 0 { return .rational(SmallRational(integer: 1)) }
            if e.isInteger, let b = base.rationalValue, b.numerator != 0 || e.numerator > 0,
               let folded = b.power(e.numerator) {
                return .rational(folded)
            }
            // (x^a)^n = x^(a*n) for an integer n: always valid.
            if e.isInteger, case .power(let innerBase, let innerExponent) = base,
               let a = innerExponent.rationalValue, let product = a * e {
                return power(innerBase, .rational(product))
            }
        }
        return .power(base, exponent)
    }

    static func flatten(_ expression: SymbolicExpression, sum: Bool) -> [SymbolicExpression] {
        switch expression {
        case .sum(let terms) where sum: terms
        case .product(let factors) where !sum: factors
        default: [expression]
        }
    }

    /// `name(argument)` for an elementary function, folding the obvious exact cases.
    static func apply(_ name: String, _ argument: SymbolicValue) throws(TooDeep) -> SymbolicValue {
        try wrap(applyExpression(name, argument.expression), depth: argument.depth + 1, size: argument.size + 2)
    }

    static func applyExpression(_ name: String, _ argument: SymbolicExpression) -> SymbolicExpression {
        if let value = argument.rationalValue {
            switch name {
            case "sqrt":
                if let root = exactSquareRoot(value) { return .rational(root) }
                return .power(argument, .rational(SmallRational(1, 2) ?? SmallRational(integer: 1)))
            case "exp" where value.numerator == 0: return .rational(SmallRational(integer: 1))
            case "log" where value == SmallRational(integer: 1): return .rational(SmallRational(integer: 0))
            case "sin", "tan", "asin", "atan", "sinh", "tanh":
                if value.numerator == 0 { return argument }
            case "cos", "cosh":
                if value.numerator == 0 { return .rational(SmallRational(integer: 1)) }
            case "abs":
                return .rational(SmallRational(abs(value.numerator), value.denominator) ?? value)
            default: break
            }
        }
        if name == "sqrt", let half = SmallRational(1, 2) { return power(argument, .rational(half)) }
        return .function(name, [argument])
    }

    static func exactSquareRoot(_ value: SmallRational) -> SmallRational? {
        guard value.numerator >= 0 else { return nil }
        func root(_ n: Int64) -> Int64? {
            let r = Int64(Double(n).squareRoot().rounded())
            for candidate in [r - 1, r, r + 1] where candidate >= 0 && candidate <= 3_037_000_499 && candidate * candidate == n {
                return candidate
            }
            return nil
        }
        guard let p = root(value.numerator), let q = root(value.denominator) else { return nil }
        return SmallRational(p, q)
    }

    // MARK: Numbers with exact forms

    /// Arithmetic on two numbers: the Double result, and the exact form when both have one.
    static func number(_ op: BinaryOperator, _ lhs: Number, _ rhs: Number, value: Double) -> Number {
        guard let a = lhs.exact, let b = rhs.exact, value.isFinite,
              let exact = combine(op, a, b) else { return Number(value, exact: nil) }
        return Number(value, exact: exact)
    }

    /// An elementary function of a number, keeping an exact form (`sqrt(2)`) when the
    /// argument has one.
    static func number(applying name: String, to argument: Number, value: Double) -> Number {
        guard let exact = argument.exact, value.isFinite else { return Number(value, exact: nil) }
        return Number(value, exact: applyExpression(name, exact))
    }

    /// The named constant (`pi`, `e`) as a number that remembers its name.
    static func constant(_ name: String, value: Double) -> Number {
        Number(value, exact: .constant(name))
    }

    /// The number for a literal; decimal literals are exact (0.1 is 1/10).
    static func literal(_ value: Double, text: String) -> Number {
        Number(value, exact: SmallRational(literal: text).map { .rational($0) })
    }
}
