import Symbolic

/// Evaluates a symbolic expression to a Double, given values for its symbols.
package enum SymbolicEvaluator {
    package struct UnboundSymbol: Error { package let name: String }

    /// The value of `expression`; a symbol without a value is an error rather than
    /// the NaN `Expr.evaluate` would give, so scripts learn which one is missing.
    package static func evaluate(_ expression: Expr, _ values: [String: Double]) throws(UnboundSymbol) -> Double {
        if let missing = expression.freeSymbols.sorted().first(where: { values[$0] == nil }) {
            throw UnboundSymbol(name: missing)
        }
        return expression.evaluate(values)
    }
}
