import Symbolic

/// The function library: `primitive` declarations checked against the language's rules and
/// handed to the host's library (`InterpreterHost.addPrimitive`), which compiles them.
extension Interpreter {
    /// Throws unless `cost` is a whole number from 0 to 1,000,000: the complexity a
    /// primitive adds to a formula counts nodes, so it is whole.
    ///
    /// - Parameter location: where the expression is written, for the error.
    func checkPrimitiveCost(name: String, cost: Double, at location: SourceLocation) throws(KanError) {
        guard cost >= 0, cost == cost.rounded(), cost <= 1_000_000 else {
            throw KanError("primitive '\(name)': cost must be a whole number from 0 to 1000000, got \(ValueFormatter.format(cost))",
                           at: location)
        }
    }

    /// Declares a primitive from Swift or a builtin, as a `primitive` statement would
    /// (replacing one of the same name). The expression must be in `x` alone.
    package func declarePrimitive(name: String, expression: SymbolicValue, cost: Double,
                                  at location: SourceLocation) throws(KanError) {
        if let other = expression.expression.freeSymbols.sorted().first(where: { $0 != PrimitiveDeclaration.variable }) {
            throw KanError("a primitive may use only the variable x, not '\(other)'", at: location)
        }
        try checkPrimitiveCost(name: name, cost: cost, at: location)
        let text = SymbolicPrinter.text(expression.expression)
        let declaration = PrimitiveDeclaration(
            name: name, text: text, expressionText: text, cost: cost, location: location,
            expression: expression.expression)
        try addPrimitive(declaration, expressionAt: location)
    }
}
