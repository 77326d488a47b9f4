import Foundation

/// The one-argument functions that work on numbers and on symbolic expressions.
/// `sin(2)` is a number; `sin(x)` with `x` a symbol is the expression `sin(x)`.
enum ElementaryFunctions {
    static let table: [String: @Sendable (Double) -> Double] = [
        "sqrt": { Foundation.sqrt($0) }, "exp": { Foundation.exp($0) }, "log": { Foundation.log($0) },
        "sin": { Foundation.sin($0) }, "cos": { Foundation.cos($0) }, "tan": { Foundation.tan($0) },
        "asin": { Foundation.asin($0) }, "acos": { Foundation.acos($0) }, "atan": { Foundation.atan($0) },
        "sinh": { Foundation.sinh($0) }, "cosh": { Foundation.cosh($0) }, "tanh": { Foundation.tanh($0) },
        "atanh": { Foundation.atanh($0) }, "abs": { Swift.abs($0) },
        "sign": { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) },
    ]

    /// Names in a stable order, for registration and help.
    static let names = ["sqrt", "exp", "log", "sin", "cos", "tan", "asin", "acos", "atan",
                        "sinh", "cosh", "tanh", "atanh", "abs", "sign"]

    static let documentation: [String: String] = [
        "sqrt": "The square root.", "exp": "The exponential e^x.", "log": "The natural logarithm.",
        "sin": "The sine (radians).", "cos": "The cosine (radians).", "tan": "The tangent (radians).",
        "asin": "The inverse sine.", "acos": "The inverse cosine.", "atan": "The inverse tangent.",
        "sinh": "The hyperbolic sine.", "cosh": "The hyperbolic cosine.", "tanh": "The hyperbolic tangent.", "atanh": "The inverse hyperbolic tangent.",
        "abs": "The absolute value.", "sign": "-1, 0 or 1 by the sign of x.",
    ]

    /// The named constants, as numbers that remember their name.
    static let constants: [String: Double] = ["pi": Double.pi, "e": M_E]
}
