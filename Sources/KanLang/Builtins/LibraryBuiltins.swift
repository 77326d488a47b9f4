/// The function library that symbolic matching draws from: the primitives
/// declared with `primitive`. (`library_add` from files and the built-in
/// library arrive with the Discovery module.)
public enum LibraryBuiltins: BuiltinGroup {
    public static var builtins: [Builtin] {
        [
            Builtin("library", group: "library",
                    doc: "The declared primitives as records {name, expression, cost}, in declaration order.") { call in
                .list(call.interpreter.primitives.map { primitive in
                    .record(RecordStorage([
                        ("name", .string(primitive.name)),
                        ("expression", .string(primitive.expressionText)),
                        ("cost", .number(primitive.cost)),
                    ]))
                })
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
