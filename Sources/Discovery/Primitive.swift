import Foundation
import KAN
import Symbolic

/// A library function f for symbolic edges: its name, its defining expression in the symbol
/// `x`, its cost, and the numeric form the affine fit and training use.
///
///     let sine = try Primitive(name: "sin", expression: .sin(.symbol("x")), cost: 2)
///     sine.numeric.value(0.5)                 // sin(0.5)
///     sine.applied(to: .symbol("u"))          // sin(u)
///
/// `Primitive(name:expression:cost:)` is what a `primitive NAME = EXPR-IN-x cost N` declaration
/// of `library/std.kan` calls. It validates the declaration (see `PrimitiveError`), compiles the
/// expression and its derivative through `Symbolic`, derives the domain from the expression
/// (`PrimitiveDomain(of:)`: log, sqrt and other non-integer powers, asin, acos, atanh, 1/x and
/// tan of an affine argument) and detects symmetries numerically
/// (`NumericPrimitive.inferring`). When the expression is one of the standard library's
/// (sin(x), x^2, exp(-x^2), …), the hand-written closures and metadata of
/// `StandardPrimitives.swift` are used instead: they are faster and also know periodicity.
public struct Primitive: Sendable {
    /// The name as the library spells it (`"sin"`, `"x^2"`, `"gaussian"`).
    public let name: String
    /// f(x), in the symbol `x`.
    public let expression: Expr
    /// f′(x), in the symbol `x`.
    public let derivativeExpression: Expr
    /// The complexity charged for using the primitive (pykan: 1 for x, 2 for x², sin, exp, …).
    public let cost: Int
    /// The numeric form: value, derivative, domain, symmetries (for fitting and training).
    public let numeric: NumericPrimitive

    /// The symbol primitives are written in.
    public static let variable = "x"

    /// A validated primitive from its declaration.
    ///
    /// - Throws: `PrimitiveError` when the name is empty, the cost negative, the expression
    ///   mentions a symbol other than `x`, or is undefined, or is not finite at any probe point
    ///   of [-1, 1] (or of its domain).
    public init(name: String, expression: Expr, cost: Int) throws(PrimitiveError) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .emptyName }
        guard cost >= 0 else { throw .negativeCost(name: trimmed, cost: cost) }
        guard !expression.isUndefined else { throw .undefined(name: trimmed) }
        if let stray = expression.freeSymbols.subtracting([Self.variable]).sorted().first {
            throw .foreignSymbol(name: trimmed, symbol: stray)
        }
        let derivative = expression.derivative(withRespectTo: Self.variable)
        let compiled: CompiledExpression
        let compiledDerivative: CompiledExpression
        do {
            compiled = try expression.compile(variables: [Self.variable])
            compiledDerivative = try derivative.compile(variables: [Self.variable])
        } catch {
            throw .notCompilable(name: trimmed, reason: error.description)
        }
        let domain = PrimitiveDomain(of: expression)
        var numeric: NumericPrimitive
        if let known = NumericPrimitive.kernel(for: expression) {
            numeric = known
            numeric.name = trimmed
            numeric.cost = cost
        } else {
            let value = PointEvaluator(compiled)
            let slope = PointEvaluator(compiledDerivative)
            numeric = NumericPrimitive.inferring(
                name: trimmed, cost: cost, value: { value($0) }, derivative: { slope($0) },
                domain: domain)
        }
        guard Self.isFiniteSomewhere(numeric) else { throw .nowhereFinite(name: trimmed) }
        self.name = trimmed
        self.expression = expression
        self.derivativeExpression = derivative
        self.cost = cost
        self.numeric = numeric
    }

    /// f(argument): the defining expression with `x` replaced.
    public func applied(to argument: Expr) -> Expr {
        expression.substituting(Self.variable, with: argument)
    }

    /// The protected numeric function and its first and second derivatives for a symbolic
    /// network edge: bounded, never NaN, so training through an edge whose argument leaves
    /// the domain stays finite. The second derivative (for input Hessians) is exact: it is
    /// the numeric form's, or else compiled from the expression's second derivative (here,
    /// not at construction: most primitives never reach a network edge).
    public var symbolicFunction: SymbolicFunction {
        var completed = self.numeric
        if completed.secondDerivative == nil { completed.secondDerivative = Self.secondDerivative(of: derivativeExpression) }
        let numeric = completed
        var second: (@Sendable (Double) -> Double)? = nil
        if numeric.secondDerivative != nil { second = { numeric.protectedSecondDerivative($0) } }
        return SymbolicFunction(
            name: name, value: { numeric.protectedValue($0) },
            derivative: { numeric.protectedDerivative($0) }, secondDerivative: second)
    }

    /// f″ as a closure: the derivative of `derivative` (f′ in `x`), compiled; nil when it does
    /// not compile (then `SymbolicFunction` falls back to a difference quotient of f′).
    static func secondDerivative(of derivative: Expr) -> (@Sendable (Double) -> Double)? {
        guard let compiled = try? derivative.derivative(withRespectTo: variable).compile(variables: [variable]) else {
            return nil
        }
        let evaluator = PointEvaluator(compiled)
        return { evaluator($0) }
    }

    /// Whether f is finite at some probe of [-1, 1] or, failing that, of its domain.
    static func isFiniteSomewhere(_ numeric: NumericPrimitive) -> Bool {
        let unit = (0...40).map { -1 + Double($0) / 20 }
        if unit.contains(where: { numeric.value($0).isFinite }) { return true }
        let domain = numeric.domain
        var probes: [Double] = []
        for base in [domain.lowerBound, domain.upperBound] where base.isFinite {
            probes += (1...20).flatMap { [base + Double($0) / 10, base - Double($0) / 10] }
        }
        probes += (1...40).flatMap { [Double($0) / 4, -Double($0) / 4] }
        return probes.contains { domain.admits($0, $0) && numeric.value($0).isFinite }
    }
}

/// Why a primitive declaration was rejected.
public enum PrimitiveError: Error, Sendable, Hashable, CustomStringConvertible {
    case emptyName
    case negativeCost(name: String, cost: Int)
    /// The expression mentions a symbol other than `x`.
    case foreignSymbol(name: String, symbol: String)
    /// The expression is undefined (for example 1/0).
    case undefined(name: String)
    case notCompilable(name: String, reason: String)
    /// The expression is NaN or infinite at every probe point.
    case nowhereFinite(name: String)

    public var description: String {
        switch self {
        case .emptyName: "a primitive needs a name"
        case .negativeCost(let name, let cost): "primitive '\(name)': cost must be at least 0, got \(cost)"
        case .foreignSymbol(let name, let symbol):
            "primitive '\(name)': its expression must be in x only, but it mentions '\(symbol)'"
        case .undefined(let name): "primitive '\(name)': the expression is undefined"
        case .notCompilable(let name, let reason): "primitive '\(name)': \(reason)"
        case .nowhereFinite(let name):
            "primitive '\(name)': the expression is not finite anywhere on [-1, 1] or its domain"
        }
    }
}

/// One-point evaluation of a compiled expression in one variable, as a closure.
struct PointEvaluator: Sendable {
    let compiled: CompiledExpression
    init(_ compiled: CompiledExpression) { self.compiled = compiled }
    func callAsFunction(_ u: Double) -> Double { compiled.evaluate([u]) }
}
