import Foundation
import Symbolic

/// Hand-written numeric forms (value, derivative, domain, symmetries, periodicity) of the
/// expressions `library/std.kan` declares: a declared primitive whose expression is one of
/// these uses it instead of the compiled expression and inferred metadata
/// (`Primitive(name:expression:cost:)`, through `kernel(for:)`); they are faster and also know
/// periodicity. Which primitives the standard library has, their names, costs and order, is
/// std.kan's to say (`FunctionLibrary.standard`); a kernel's own name and cost are only those
/// it carries when used alone (in tests). x^1.5 is √x³ on x ≥ 0 as in pykan's unprotected form.
extension NumericPrimitive {
    /// The standard library's numeric forms, in its order (`FunctionLibrary.standard`).
    public static var standard: [NumericPrimitive] { FunctionLibrary.standard.numericPrimitives }

    /// The kernel for `expression` (in `x`), if there is one.
    static func kernel(for expression: Expr) -> NumericPrimitive? { kernels[expression] }

    /// The kernels by the expression they compute.
    static let kernels: [Expr: NumericPrimitive] = {
        let x = Expr.symbol(Primitive.variable)
        let half = Expr(1) / Expr(2)
        let table: [(Expr, NumericPrimitive)] = [
            (x, .identity), (pow(x, 2), .square), (pow(x, 3), .cube), (pow(x, 4), .fourthPower),
            (pow(x, 5), .fifthPower),
            (pow(x, -1), .reciprocal), (pow(x, -2), .reciprocalSquare), (pow(x, -3), .reciprocalCube),
            (pow(x, -4), .reciprocalFourthPower), (pow(x, -5), .reciprocalFifthPower),
            (Expr.power(x, half), .squareRoot), (Expr.power(x, Expr(3) / Expr(2)), .powerThreeHalves),
            (Expr.power(x, -half), .reciprocalSquareRoot),
            (.exp(x), .exponential), (.log(x), .logarithm), (.abs(x), .absoluteValue),
            (.sin(x), .sine), (.cos(x), .cosine), (.tan(x), .tangent), (.tanh(x), .hyperbolicTangent),
            (.sign(x), .sign),
            (.asin(x), .arcsine), (.acos(x), .arccosine), (.atan(x), .arctangent),
            (.atanh(x), .hyperbolicArctangent),
            (.zero, .zero), (.exp(-pow(x, 2)), .gaussian),
            (.cosh(x), .hyperbolicCosine), (.sinh(x), .hyperbolicSine),
            (Expr.one / (Expr.one + .exp(-x)), .sigmoid),
        ]
        var map: [Expr: NumericPrimitive] = [:]
        for (expression, kernel) in table where map[expression] == nil { map[expression] = kernel }
        return map
    }()

    // MARK: Powers

    public static let identity = NumericPrimitive(
        name: "x", cost: 1, value: { $0 }, derivative: { _ in 1 },
        reflection: .odd(offset: 0), degeneracy: .identity)

    public static let square = NumericPrimitive(
        name: "x^2", cost: 2, value: { $0 * $0 }, derivative: { 2 * $0 },
        reflection: .even, degeneracy: .homogeneous(degree: 2))

    public static let cube = NumericPrimitive(
        name: "x^3", cost: 3, value: { $0 * $0 * $0 }, derivative: { 3 * $0 * $0 },
        reflection: .odd(offset: 0), degeneracy: .homogeneous(degree: 3))

    public static let fourthPower = NumericPrimitive(
        name: "x^4", cost: 3, value: { let s = $0 * $0; return s * s },
        derivative: { 4 * $0 * $0 * $0 },
        reflection: .even, degeneracy: .homogeneous(degree: 4))

    public static let fifthPower = NumericPrimitive(
        name: "x^5", cost: 3, value: { let s = $0 * $0; return s * s * $0 },
        derivative: { let s = $0 * $0; return 5 * s * s },
        reflection: .odd(offset: 0), degeneracy: .homogeneous(degree: 5))

    public static let reciprocal = NumericPrimitive(
        name: "1/x", cost: 2, value: { 1 / $0 }, derivative: { -1 / ($0 * $0) },
        domain: PrimitiveDomain(poles: [0]),
        reflection: .odd(offset: 0), degeneracy: .homogeneous(degree: -1))

    public static let reciprocalSquare = NumericPrimitive(
        name: "1/x^2", cost: 2, value: { 1 / ($0 * $0) }, derivative: { -2 / ($0 * $0 * $0) },
        domain: PrimitiveDomain(poles: [0]),
        reflection: .even, degeneracy: .homogeneous(degree: -2))

    public static let reciprocalCube = NumericPrimitive(
        name: "1/x^3", cost: 3, value: { 1 / ($0 * $0 * $0) },
        derivative: { let s = $0 * $0; return -3 / (s * s) },
        domain: PrimitiveDomain(poles: [0]),
        reflection: .odd(offset: 0), degeneracy: .homogeneous(degree: -3))

    public static let reciprocalFourthPower = NumericPrimitive(
        name: "1/x^4", cost: 4, value: { let s = $0 * $0; return 1 / (s * s) },
        derivative: { let s = $0 * $0; return -4 / (s * s * $0) },
        domain: PrimitiveDomain(poles: [0]),
        reflection: .even, degeneracy: .homogeneous(degree: -4))

    public static let reciprocalFifthPower = NumericPrimitive(
        name: "1/x^5", cost: 5, value: { let s = $0 * $0; return 1 / (s * s * $0) },
        derivative: { let s = $0 * $0; return -5 / (s * s * s) },
        domain: PrimitiveDomain(poles: [0]),
        reflection: .odd(offset: 0), degeneracy: .homogeneous(degree: -5))

    public static let squareRoot = NumericPrimitive(
        name: "sqrt", cost: 2, value: { $0.squareRoot() }, derivative: { 0.5 / $0.squareRoot() },
        domain: PrimitiveDomain(lowerBound: 0), degeneracy: .homogeneous(degree: 0.5))

    public static let powerThreeHalves = NumericPrimitive(
        name: "x^1.5", cost: 4, value: { $0 * $0.squareRoot() },
        derivative: { 1.5 * $0.squareRoot() },
        domain: PrimitiveDomain(lowerBound: 0), degeneracy: .homogeneous(degree: 1.5))

    public static let reciprocalSquareRoot = NumericPrimitive(
        name: "1/sqrt(x)", cost: 2, value: { 1 / $0.squareRoot() },
        derivative: { -0.5 / ($0 * $0.squareRoot()) },
        domain: PrimitiveDomain(lowerBound: 0, poles: [0]),
        degeneracy: .homogeneous(degree: -0.5))

    // MARK: Exponential and logarithm

    public static let exponential = NumericPrimitive(
        name: "exp", cost: 2, value: { Foundation.exp($0) }, derivative: { Foundation.exp($0) },
        degeneracy: .exponential)

    public static let logarithm = NumericPrimitive(
        name: "log", cost: 2, value: { Foundation.log($0) }, derivative: { 1 / $0 },
        domain: PrimitiveDomain(lowerBound: 0, poles: [0]), degeneracy: .logarithmic)

    // MARK: Piecewise

    public static let absoluteValue = NumericPrimitive(
        name: "abs", cost: 3, value: { Swift.abs($0) },
        derivative: { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) },
        reflection: .even, degeneracy: .homogeneous(degree: 1))

    public static let sign = NumericPrimitive(
        name: "sgn", cost: 3, value: { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }, derivative: { _ in 0 },
        reflection: .odd(offset: 0), degeneracy: .homogeneous(degree: 0))

    public static let zero = NumericPrimitive(
        name: "0", cost: 0, value: { _ in 0 }, derivative: { _ in 0 },
        reflection: .even, degeneracy: .zero)

    // MARK: Trigonometric and hyperbolic

    public static let sine = NumericPrimitive(
        name: "sin", cost: 2, value: { Foundation.sin($0) }, derivative: { Foundation.cos($0) },
        reflection: .odd(offset: 0),
        periodicity: .periodic(period: 2 * Double.pi, halfPeriodNegates: true))

    public static let cosine = NumericPrimitive(
        name: "cos", cost: 2, value: { Foundation.cos($0) }, derivative: { -Foundation.sin($0) },
        reflection: .even,
        periodicity: .periodic(period: 2 * Double.pi, halfPeriodNegates: true))

    public static let tangent = NumericPrimitive(
        name: "tan", cost: 3, value: { Foundation.tan($0) },
        derivative: { let t = Foundation.tan($0); return 1 + t * t },
        domain: PrimitiveDomain(poles: [Double.pi / 2], polePeriod: Double.pi),
        reflection: .odd(offset: 0),
        periodicity: .periodic(period: Double.pi, halfPeriodNegates: false))

    public static let hyperbolicTangent = NumericPrimitive(
        name: "tanh", cost: 3, value: { Foundation.tanh($0) },
        derivative: { let t = Foundation.tanh($0); return 1 - t * t },
        reflection: .odd(offset: 0))

    public static let arcsine = NumericPrimitive(
        name: "arcsin", cost: 4, value: { Foundation.asin($0) },
        derivative: { 1 / (1 - $0 * $0).squareRoot() },
        domain: PrimitiveDomain(lowerBound: -1, upperBound: 1),
        reflection: .odd(offset: 0))

    public static let arccosine = NumericPrimitive(
        name: "arccos", cost: 4, value: { Foundation.acos($0) },
        derivative: { -1 / (1 - $0 * $0).squareRoot() },
        domain: PrimitiveDomain(lowerBound: -1, upperBound: 1),
        reflection: .odd(offset: Double.pi))

    public static let arctangent = NumericPrimitive(
        name: "arctan", cost: 4, value: { Foundation.atan($0) }, derivative: { 1 / (1 + $0 * $0) },
        reflection: .odd(offset: 0))

    public static let hyperbolicArctangent = NumericPrimitive(
        name: "arctanh", cost: 4, value: { Foundation.atanh($0) },
        derivative: { 1 / (1 - $0 * $0) },
        domain: PrimitiveDomain(lowerBound: -1, upperBound: 1, poles: [-1, 1]),
        reflection: .odd(offset: 0))

    public static let gaussian = NumericPrimitive(
        name: "gaussian", cost: 3, value: { Foundation.exp(-$0 * $0) },
        derivative: { -2 * $0 * Foundation.exp(-$0 * $0) },
        reflection: .even)

    public static let hyperbolicCosine = NumericPrimitive(
        name: "cosh", cost: 5, value: { Foundation.cosh($0) }, derivative: { Foundation.sinh($0) },
        reflection: .even)

    public static let hyperbolicSine = NumericPrimitive(
        name: "sinh", cost: 5, value: { Foundation.sinh($0) }, derivative: { Foundation.cosh($0) },
        reflection: .odd(offset: 0))

    /// σ(u) = 1 / (1 + e⁻ᵘ); σ(−u) = 1 − σ(u).
    public static let sigmoid = NumericPrimitive(
        name: "sigmoid", cost: 4, value: { 1 / (1 + Foundation.exp(-$0)) },
        derivative: { let s = 1 / (1 + Foundation.exp(-$0)); return s * (1 - s) },
        reflection: .odd(offset: 1))
}
