import Discovery
import Symbolic

/// The function library: `primitive` declarations compiled into `Discovery.Primitive`s.
extension Interpreter {
    /// The library primitive for a declaration `primitive NAME = EXPRESSION cost N`, or a
    /// located error saying why it cannot be one: a cost that is not a whole number, or what
    /// `Primitive` rejects (an expression that is undefined, cannot be compiled, or is finite
    /// nowhere on [-1, 1] and its domain).
    ///
    /// - Parameter location: where the expression is written, for the error.
    func libraryPrimitive(name: String, expression: Expr, cost: Double,
                          at location: SourceLocation) throws(KanError) -> Primitive {
        guard cost >= 0, cost == cost.rounded(), cost <= 1_000_000 else {
            throw KanError("primitive '\(name)': cost must be a whole number from 0 to 1000000, got \(ValueFormatter.format(cost))",
                           at: location)
        }
        do throws(PrimitiveError) {
            return try Primitive(name: name, expression: expression, cost: Int(cost))
        } catch {
            throw KanError(error.description, at: location)
        }
    }

    /// Declares a primitive from Swift or a builtin, as a `primitive` statement would
    /// (replacing one of the same name). The expression must be in `x` alone.
    func declarePrimitive(name: String, expression: SymbolicValue, cost: Double,
                          at location: SourceLocation) throws(KanError) {
        if let other = expression.expression.freeSymbols.sorted().first(where: { $0 != Primitive.variable }) {
            throw KanError("a primitive may use only the variable x, not '\(other)'", at: location)
        }
        let primitive = try libraryPrimitive(name: name, expression: expression.expression, cost: cost, at: location)
        let text = SymbolicPrinter.text(expression.expression)
        let declaration = PrimitiveDeclaration(
            name: name, text: text, expressionText: text, cost: cost, location: location,
            expression: expression.expression)
        do throws(KanError) {
            try addPrimitive(declaration, primitive)
        } catch {
            var located = error
            if located.location == nil { located.location = location }
            throw located
        }
    }
}
