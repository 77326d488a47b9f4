import Exact

/// A real-valued mathematical expression in canonical form.
///
/// An `Expr` is built only through canonicalising constructors (the operators,
/// `Expr.sum`, `Expr.product`, `Expr.power`, `Expr.apply`, …), so two expressions
/// that are structurally equal after flattening, ordering, collecting like terms
/// and like powers, and folding exact numbers compare equal with `==` and hash
/// alike:
///
/// ```swift
/// let x = Expr.symbol("x"), y = Expr.symbol("y")
/// x + y == y + x            // true
/// 2 * x + x == 3 * x        // true
/// (x * y) / y == x          // true: y^1 · y^-1 = y^0 = 1
/// ```
///
/// Numbers are exact rationals (`Exact.Rational`); there is no floating-point
/// constant. The constant e is represented as `exp(1)`, and √x as `x^(1/2)`.
///
/// Division by zero and other undefined exact results (0^-1, tan(π/2), log(0))
/// produce `Expr.undefined`, which absorbs every expression it enters (like
/// SymPy's `nan`) and evaluates to `Double.nan`. No operation traps.
public struct Expr: Hashable, Sendable {
    /// The canonical tree. Read it to pattern-match; construct through `Expr`'s
    /// builders so that the invariants below hold.
    public let node: Node

    /// One node of the canonical tree.
    ///
    /// Invariants (established by the builders):
    /// - `.sum`: at least two terms, no term is a sum, no two terms share a
    ///   monomial (`c·m` and `d·m` are merged), the only number term comes first,
    ///   terms are in `Expr`'s total order of their monomials.
    /// - `.product`: at least two factors, none is a product, no two share a
    ///   base (`x^a · x^b` is merged), an optional number coefficient ≠ 1 comes
    ///   first, and a product is never just `number · sum` (that is distributed).
    /// - `.power(b, r)`: r ∉ {0, 1}; b is not a number whose power is exact.
    /// - `.apply(f, args)`: `args.count` equals the arity of `f` (1 for built-ins).
    public indirect enum Node: Hashable, Sendable {
        case number(Rational)
        case symbol(String)
        /// The constant π.
        case pi
        case sum([Expr])
        case product([Expr])
        /// `base ^ exponent`, the exponent an exact rational.
        case power(Expr, Rational)
        case apply(Function, [Expr])
        /// The result of an undefined exact operation, such as 1/0.
        case undefined
    }

    /// Wraps a node that is already canonical. Internal: callers use builders.
    init(canonical node: Node) { self.node = node }
}

extension Expr {
    /// A function that can be applied to expressions.
    ///
    /// The built-in functions take one argument; `.named` functions (declared by
    /// users, unknown to the simplifier) take any number ≥ 1.
    public enum Function: Hashable, Sendable {
        case sin, cos, tan, exp, log, abs, sign, tanh, sinh, cosh, asin, acos, atan, atanh
        case named(String)

        /// Every built-in function, in a fixed order.
        public static let builtins: [Function] = [
            .sin, .cos, .tan, .exp, .log, .abs, .sign, .tanh, .sinh, .cosh,
            .asin, .acos, .atan, .atanh,
        ]

        /// The name used by the text printer and parser (`sin`, `atanh`, `f`).
        public var name: String {
            switch self {
            case .sin: "sin"
            case .cos: "cos"
            case .tan: "tan"
            case .exp: "exp"
            case .log: "log"
            case .abs: "abs"
            case .sign: "sign"
            case .tanh: "tanh"
            case .sinh: "sinh"
            case .cosh: "cosh"
            case .asin: "asin"
            case .acos: "acos"
            case .atan: "atan"
            case .atanh: "atanh"
            case .named(let name): name
            }
        }

        /// The built-in function of that name, if any (`"sqrt"` is not a function
        /// here: it is the power 1/2).
        public init?(builtin name: String) {
            guard let match = Function.builtins.first(where: { $0.name == name }) else { return nil }
            self = match
        }

        /// f(-x) = -f(x).
        var isOdd: Bool {
            switch self {
            case .sin, .tan, .sign, .tanh, .sinh, .asin, .atan, .atanh: true
            default: false
            }
        }

        /// f(-x) = f(x).
        var isEven: Bool {
            switch self {
            case .cos, .cosh, .abs: true
            default: false
            }
        }
    }
}

extension Expr {
    /// The constant π.
    public static let pi = Expr(canonical: .pi)
    /// The constant e, represented as `exp(1)`.
    public static let e = Expr(canonical: .apply(.exp, [Expr(canonical: .number(1))]))
    /// The undefined result (1/0, log(0), tan(π/2)); evaluates to NaN.
    public static let undefined = Expr(canonical: .undefined)
    public static let zero = Expr(canonical: .number(0))
    public static let one = Expr(canonical: .number(1))
    public static let minusOne = Expr(canonical: .number(-1))

    /// The exact number `value`.
    public static func number(_ value: Rational) -> Expr { Expr(canonical: .number(value)) }

    /// The variable called `name`. Names that the parser reads back are
    /// identifiers (`[A-Za-z_][A-Za-z0-9_]*`) other than `pi`, `e`, `nan` and
    /// function names.
    public static func symbol(_ name: String) -> Expr { Expr(canonical: .symbol(name)) }

    /// The integer `value`.
    public init(_ value: Int) { self.init(canonical: .number(Rational(value))) }

    /// The exact rational `value`.
    public init(_ value: Rational) { self.init(canonical: .number(value)) }

    /// The number, if this is one.
    public var numberValue: Rational? {
        if case .number(let value) = node { return value }
        return nil
    }

    public var isNumber: Bool { numberValue != nil }
    public var isZero: Bool { numberValue?.isZero ?? false }
    public var isOne: Bool { numberValue == 1 }
    public var isUndefined: Bool { node == .undefined }

    /// The symbol's name, if this is a symbol.
    public var symbolName: String? {
        if case .symbol(let name) = node { return name }
        return nil
    }

    /// The direct subexpressions (terms, factors, base, arguments).
    public var children: [Expr] {
        switch node {
        case .number, .symbol, .pi, .undefined: []
        case .sum(let terms): terms
        case .product(let factors): factors
        case .power(let base, _): [base]
        case .apply(_, let args): args
        }
    }
}

extension Expr: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

extension Expr: CustomStringConvertible {
    /// The plain-text form (see `TextPrinter`), which `Expr(parsing:)` reads back.
    public var description: String { TextPrinter().print(self) }
}
