/// Symbols and evaluation of symbolic expressions. (Simplification, printers and
/// the rest arrive with the `Symbolic` module.)
public enum SymbolicBuiltins: BuiltinGroup {
    public static var builtins: [Builtin] {
        [
            Builtin("symbol", [.required("name", .string)], group: "symbolic",
                    doc: "A symbol as a value: symbol(\"x\") is what `symbols x` binds to x.") { call in
                let name = try call.string("name")
                guard ValueFormatter.isIdentifier(name) else { throw call.error("'\(name)' is not a valid symbol name", at: "name") }
                return .symbolic(SymbolicBuilder.symbol(name))
            },
            Builtin("evaluate", [.required("expression", .expression), .optional("values", .record, default: .record(RecordStorage()))],
                    group: "symbolic",
                    doc: "The number an expression takes with values for its symbols: evaluate(x^2 + y, {x: 2, y: 1}) is 5.") { call in
                let values = try call.record("values")
                var bindings: [String: Double] = [:]
                for entry in values.entries {
                    guard let value = entry.value.numberValue else {
                        throw call.error("the value of '\(entry.key)' must be a number", at: "values")
                    }
                    bindings[entry.key] = value
                }
                guard let operand = SymbolicBuilder.operand(try call.value("expression")) else { return .nil }
                do throws(SymbolicEvaluator.UnboundSymbol) {
                    return .number(try SymbolicEvaluator.evaluate(operand.expression, bindings))
                } catch {
                    throw call.error("no value for the symbol '\(error.name)'", at: "values")
                }
            },
            Builtin("free_symbols", [.required("expression", .expression)], group: "symbolic",
                    doc: "The names of the symbols in an expression, in order of first appearance.") { call in
                guard let operand = SymbolicBuilder.operand(try call.value("expression")) else { return .list([]) }
                return .list(operand.expression.freeSymbols.map(Value.string))
            },
        ]
    }
}
