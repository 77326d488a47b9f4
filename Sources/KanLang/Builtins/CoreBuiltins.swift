import Symbolic

import Foundation

/// Printing, types and conversions, assertions and errors.
public enum CoreBuiltins: BuiltinGroup {
    public static var builtins: [Builtin] {
        [
            Builtin("print", variadic: .required("values", .any), group: "core",
                    doc: "Writes the values separated by spaces, then a line break. Strings print without quotes.") { call in
                var text = ""
                for (index, item) in call.rest.enumerated() {
                    if index > 0 { text += " " }
                    text += try CoreBuiltins.text(of: item.value, call, limit: ValueFormatter.maxLength - text.utf8.count)
                }
                call.write(text + "\n")
                return .nil
            },
            Builtin("type", [.required("value", .any)], group: "core",
                    doc: "The type name: number, string, boolean, list, record, function, expression, nil, or a pipeline type.") { call in
                .string(try call.value("value").typeName)
            },
            Builtin("str", [.required("value", .any)], group: "core",
                    doc: "The value as text, as print would write it.") { call in
                .string(try CoreBuiltins.text(of: try call.value("value"), call))
            },
            Builtin("num", [.required("value", .oneOf([.number, .string, .boolean, .expression]))], group: "core",
                    doc: "A number from a string (\"2.5\"), a boolean (1 or 0), or a symbol-free expression.") { call in
                switch try call.value("value") {
                case .number(let number): return .number(number)
                case .boolean(let flag): return .number(flag ? 1 : 0)
                case .string(let text):
                    let trimmed = text.trimmingCharacters(in: .whitespaces)
                    guard let value = Double(trimmed) else { throw call.error("cannot convert \"\(text)\" to a number", at: "value") }
                    return .number(value)
                case .symbolic(let symbolic):
                    do throws(SymbolicEvaluator.UnboundSymbol) {
                        return .number(try SymbolicEvaluator.evaluate(symbolic.expression, [:]))
                    } catch {
                        throw call.error("the expression has the free symbol '\(error.name)'", at: "value")
                    }
                default: return .nil
                }
            },
            Builtin("int", [.required("value", .number)], group: "core",
                    doc: "The number rounded toward zero.") { call in
                let value = try call.number("value")
                guard value.isFinite else { throw call.error("cannot convert \(ValueFormatter.format(value)) to an integer", at: "value") }
                return .number(value.rounded(.towardZero))
            },
            Builtin("assert", [.required("condition", .boolean), .optional("message", .string, default: .string("assertion failed"))],
                    group: "core", doc: "Stops with an error (located at the call) if the condition is false.") { call in
                guard try call.boolean("condition") else { throw call.error(try call.string("message")) }
                return .nil
            },
            Builtin("error", [.required("message", .string)], group: "core",
                    doc: "Stops the program with an error located at the call.") { call in
                throw call.error(try call.string("message"))
            },
            Builtin("help", [.required("name", .oneOf([.string, .function]))], group: "core",
                    doc: "The documentation of a builtin, as text.") { call in
                let name: String
                switch try call.value("name") {
                case .function(let function): name = function.name
                case .string(let text): name = text
                default: name = ""
                }
                guard let text = call.interpreter.registry.help(for: name) else {
                    throw call.error("no builtin named '\(name)'", at: "name")
                }
                return .string(text)
            },
        ]
    }

    /// The value as `print` writes it, or an error if that text would be longer than
    /// `limit` bytes (a list that holds itself twice per level, say).
    static func text(of value: Value, _ call: BuiltinCall, limit: Int = ValueFormatter.maxLength) throws(KanError) -> String {
        guard let text = ValueFormatter.text(of: value, limit: max(limit, 0)) else {
            throw call.error("the text would be longer than \(ValueFormatter.maxLength) bytes")
        }
        return text
    }
}
