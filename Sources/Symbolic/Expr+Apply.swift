import Exact

/// Canonical function applications, with the exact evaluations SymPy performs
/// on construction:
/// - exact values: exp(0) = 1, log(1) = 0, log(0) undefined, log(exp(c)) = c for
///   a number c, sinh(0) = tanh(0) = asin(0) = atan(0) = atanh(0) = 0,
///   cosh(0) = 1, abs and sign of numbers and of π, asin(1/2) = π/6, acos(0) = π/2,
///   atan(1) = π/4, and the like; sin(asin u) = cos(acos u) = tan(atan u) =
///   tanh(atanh u) = u;
/// - odd and even functions pull out a sign: sin(-x) = -sin(x), cos(-x) = cos(x),
///   abs(-x) = abs(x) (see `looksNegative` for when an argument counts as negative);
/// - sin, cos, tan at rational multiples of π, and shifts of their argument by
///   such multiples (see `Trigonometry.swift`).
///
/// A built-in function given other than one argument, or a named function given
/// none, is undefined (the parser reports arity errors before this).
extension Expr {
    /// The canonical application `f(args)`.
    public static func apply(_ function: Function, _ args: [Expr]) -> Expr {
        if args.contains(where: \.isUndefined) { return .undefined }
        if case .named = function {
            return args.isEmpty ? .undefined : Expr(canonical: .apply(function, args))
        }
        guard args.count == 1 else { return .undefined }
        let x = args[0]
        if let value = exactValue(function, x) { return value }
        if function.isOdd && x.looksNegative { return -apply(function, [-x]) }
        if function.isEven && x.looksNegative { return apply(function, [-x]) }
        if let value = trigonometricReduction(function, x) { return value }
        return Expr(canonical: .apply(function, [x]))
    }

    /// The canonical application `f(x)`.
    public static func apply(_ function: Function, _ x: Expr) -> Expr { apply(function, [x]) }

    public static func sin(_ x: Expr) -> Expr { apply(.sin, [x]) }
    public static func cos(_ x: Expr) -> Expr { apply(.cos, [x]) }
    public static func tan(_ x: Expr) -> Expr { apply(.tan, [x]) }
    public static func exp(_ x: Expr) -> Expr { apply(.exp, [x]) }
    public static func log(_ x: Expr) -> Expr { apply(.log, [x]) }
    public static func abs(_ x: Expr) -> Expr { apply(.abs, [x]) }
    public static func sign(_ x: Expr) -> Expr { apply(.sign, [x]) }
    public static func tanh(_ x: Expr) -> Expr { apply(.tanh, [x]) }
    public static func sinh(_ x: Expr) -> Expr { apply(.sinh, [x]) }
    public static func cosh(_ x: Expr) -> Expr { apply(.cosh, [x]) }
    public static func asin(_ x: Expr) -> Expr { apply(.asin, [x]) }
    public static func acos(_ x: Expr) -> Expr { apply(.acos, [x]) }
    public static func atan(_ x: Expr) -> Expr { apply(.atan, [x]) }
    public static func atanh(_ x: Expr) -> Expr { apply(.atanh, [x]) }

    /// A user-named function applied to `args` (at least one).
    public static func function(_ name: String, _ args: Expr...) -> Expr {
        apply(.named(name), args)
    }

    /// The exact value of a built-in function at special arguments, or nil.
    private static func exactValue(_ function: Function, _ x: Expr) -> Expr? {
        let value = x.numberValue
        let piFraction = x.rationalMultipleOfPi
        switch function {
        case .exp:
            if value == 0 { return .one }
        case .log:
            if value == 1 { return .zero }
            if value == 0 { return .undefined }
            if case .apply(.exp, let inner) = x.node, inner[0].isNumber { return inner[0] }
        case .sinh, .tanh, .atanh:
            if value == 0 { return .zero }
            if let inverse = x.inverseArgument(of: function) { return inverse }
        case .cosh:
            if value == 0 { return .one }
        case .abs:
            if let value { return .number(value.signum() < 0 ? -value : value) }
            if x.isPositiveConstant { return x }
        case .sign:
            if let value { return Expr(value.signum()) }
            if x.isPositiveConstant { return .one }
        case .asin:
            if let value, let k = asinTable[value] { return product([.number(k), .pi]) }
        case .acos:
            if let value, let k = asinTable[value] {
                return product([.number(Rational.oneHalf - k), .pi])
            }
        case .atan:
            if value == 0 { return .zero }
            if value == 1 { return product([.number(Rational.quarter), .pi]) }
            if value == -1 { return product([.number(-Rational.quarter), .pi]) }
        case .sin, .cos, .tan:
            if value == 0 { return function == .cos ? .one : .zero }
            if let inverse = x.inverseArgument(of: function) { return inverse }
            if let piFraction { return trigonometricValue(function, piFraction) }
        case .named:
            break
        }
        return nil
    }

    /// asin(v) / π at the values v where it is a simple fraction.
    private static let asinTable: [Rational: Rational] = {
        var table: [Rational: Rational] = [0: 0, 1: Rational.oneHalf, -1: -Rational.oneHalf]
        if let half = try? Rational(1, 2), let sixth = try? Rational(1, 6) {
            table[half] = sixth
            table[-half] = -sixth
        }
        return table
    }()

    /// u when self is f⁻¹(u): sin(asin u) = cos(acos u) = tan(atan u) =
    /// tanh(atanh u) = u wherever the left side is defined.
    fileprivate func inverseArgument(of function: Function) -> Expr? {
        guard case .apply(let inner, let args) = node else { return nil }
        switch (function, inner) {
        case (.sin, .asin), (.cos, .acos), (.tan, .atan), (.tanh, .atanh): return args[0]
        default: return nil
        }
    }

    /// Whether the expression is a positive constant known on construction
    /// (π, exp of anything real, a positive number).
    var isPositiveConstant: Bool {
        switch node {
        case .pi: return true
        case .apply(.exp, _): return true
        case .number(let value): return value.signum() > 0
        default: return false
        }
    }
}

extension Rational {
    static let quarter: Rational = (try? Rational(1, 4)) ?? 0
}
