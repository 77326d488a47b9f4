import Discovery
import Symbolic

/// The function library that symbolic matching draws from: the primitives declared with
/// `primitive` (the standard ones by `library/std.kan`), listed, added and removed.
///
///     library_add("cube_root", x^(1/3), 3)     # as `primitive cube_root = x^(1/3) cost 3`
///     library_remove("tan")
///     print(len(library()))
public enum LibraryBuiltins: BuiltinGroup {
    public static var builtins: [Builtin] {
        [
            Builtin("library", group: "library",
                    doc: "The function library as records {name, expression, cost}, in declaration order "
                        + "(the primitives suggest, fix, auto_symbolic and discover try).") { call in
                .list(call.interpreter.functionLibrary.primitives.map { primitive in
                    .record(RecordStorage([
                        ("name", .string(primitive.name)),
                        ("expression", .string(TextPrinter().print(primitive.expression))),
                        ("cost", .number(Double(primitive.cost))),
                    ]))
                })
            },
            Builtin("library_add",
                    [.required("name", .string, "the name tables and formulas show"),
                     .required("expression", .expression, "the function, in the symbol x"),
                     .optional("cost", .number, default: .number(PrimitiveDeclaration.defaultCost),
                               "its complexity, a whole number")],
                    group: "library",
                    doc: "Adds a primitive to the library (replacing one of the same name), like "
                        + "`primitive NAME = EXPRESSION cost N`: library_add(\"cube\", x^3, 3) after `symbols x`.") { call in
                let name = try call.string("name")
                guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw call.error("a primitive needs a name", at: "name")
                }
                guard let expression = SymbolicBuilder.operand(try call.value("expression")) else {
                    throw call.error("the expression must be a number or an expression in x", at: "expression")
                }
                try call.interpreter.declarePrimitive(
                    name: name, expression: expression, cost: try call.number("cost"), at: call.location(of: "expression"))
                return .nil
            },
            Builtin("library_remove", [.required("name", .string)], group: "library",
                    doc: "Removes the primitive with this name; an error if there is none.") { call in
                let name = try call.string("name")
                guard call.interpreter.removePrimitive(named: name) else {
                    throw call.error("no primitive named '\(name)'", at: "name")
                }
                return .nil
            },
        ]
    }
}
