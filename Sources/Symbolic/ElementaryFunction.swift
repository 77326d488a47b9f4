import Foundation

/// The one-argument functions a user calls by name — the built-in `Expr.Function`s and `sqrt`
/// (which is the power 1/2) — with their values in Double arithmetic and a line of help: the
/// one table behind KanLang's `sin`, `sqrt`, … (a number for a number, an expression for an
/// expression) and the evaluators of `Expr`.
///
///     let sine = ElementaryFunction.named("sin")!
///     sine.value(0.5)                  // Foundation.sin(0.5), as Expr.evaluate computes it
///     sine.applied(to: .symbol("x"))   // sin(x)
///     ElementaryFunction.named("sqrt")!.applied(to: Expr(4))   // 2
///
/// The values are `Expr.Function.evaluate`'s and `PowerKind`'s, so a function computes the
/// same Double whether a script calls it on a number or a formula is evaluated: NaN outside
/// the domain (log of a negative number, asin(2), sign(NaN)).
public struct ElementaryFunction: Sendable {
    /// The name scripts and the text form call it by.
    public let name: String
    /// One line of help: "The sine (radians)."
    public let summary: String
    let kind: Kind

    enum Kind: Sendable {
        case function(Expr.Function)
        /// x^(1/2): not an `Expr.Function`, a power.
        case squareRoot
    }

    /// f(x) in Double arithmetic.
    public func value(_ x: Double) -> Double {
        switch kind {
        case .function(let function): function.evaluate(x)
        case .squareRoot: PowerKind.squareRoot.apply(x)
        }
    }

    /// f(argument) as a (canonical) expression.
    public func applied(to argument: Expr) -> Expr {
        switch kind {
        case .function(let function): Expr.apply(function, argument)
        case .squareRoot: Expr.sqrt(argument)
        }
    }

    /// Every elementary function, in the order help lists them.
    public static let all: [ElementaryFunction] = [
        ElementaryFunction(name: "sqrt", summary: "The square root.", kind: .squareRoot),
        ElementaryFunction(.exp, "The exponential e^x."),
        ElementaryFunction(.log, "The natural logarithm."),
        ElementaryFunction(.sin, "The sine (radians)."),
        ElementaryFunction(.cos, "The cosine (radians)."),
        ElementaryFunction(.tan, "The tangent (radians)."),
        ElementaryFunction(.asin, "The inverse sine."),
        ElementaryFunction(.acos, "The inverse cosine."),
        ElementaryFunction(.atan, "The inverse tangent."),
        ElementaryFunction(.sinh, "The hyperbolic sine."),
        ElementaryFunction(.cosh, "The hyperbolic cosine."),
        ElementaryFunction(.tanh, "The hyperbolic tangent."),
        ElementaryFunction(.atanh, "The inverse hyperbolic tangent."),
        ElementaryFunction(.abs, "The absolute value."),
        ElementaryFunction(.sign, "-1, 0 or 1 by the sign of x."),
    ]

    /// The elementary function called `name`, if any.
    public static func named(_ name: String) -> ElementaryFunction? {
        all.first { $0.name == name }
    }

    private init(_ function: Expr.Function, _ summary: String) {
        self.init(name: function.name, summary: summary, kind: .function(function))
    }

    private init(name: String, summary: String, kind: Kind) {
        self.name = name
        self.summary = summary
        self.kind = kind
    }
}
