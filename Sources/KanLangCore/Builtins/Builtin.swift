/// A function provided by Swift: its signature, its documentation, and its body.
///
///     Builtin("range", [.required("start", .integer), .optional("stop", .integer),
///                       .optional("step", .integer, default: .number(1))],
///             doc: "The integers from start up to (not including) stop.") { call in ... }
public struct Builtin: Sendable {
    /// Untyped `throws` so closure literals need no annotation; the interpreter turns
    /// any error that is not a `KanError` into one located at the call.
    public typealias Body = @Sendable (BuiltinCall) throws -> Value

    public let name: String
    public let parameters: [BuiltinParameter]
    /// Takes any further positional arguments as a list under this parameter's name.
    public let variadic: BuiltinParameter?
    /// The text `:help NAME` shows under the signature.
    public let doc: String
    /// The group it belongs to ("core", "math", ...), for `:help` listings.
    public let group: String
    let body: Body

    public init(_ name: String, _ parameters: [BuiltinParameter] = [], variadic: BuiltinParameter? = nil,
                group: String, doc: String, body: @escaping Body) {
        self.name = name
        self.parameters = parameters
        self.variadic = variadic
        self.group = group
        self.doc = doc
        self.body = body
    }

    /// `name(a: number, b: string = "x", ...rest: any)`.
    public var signature: String {
        var parts = parameters.map(\.signature)
        if let variadic { parts.append("...\(variadic.name): \(variadic.type)") }
        return "\(name)(\(parts.joined(separator: ", ")))"
    }
}

/// A named, typed builtin parameter, required or with a default.
public struct BuiltinParameter: Sendable {
    public let name: String
    public let type: ParameterType
    /// nil: the argument is required. `.nil`: optional and absent unless given.
    public let defaultValue: Value?
    public let doc: String

    public static func required(_ name: String, _ type: ParameterType, _ doc: String = "") -> BuiltinParameter {
        BuiltinParameter(name: name, type: type, defaultValue: nil, doc: doc)
    }

    public static func optional(_ name: String, _ type: ParameterType, default value: Value = .nil,
                                _ doc: String = "") -> BuiltinParameter {
        BuiltinParameter(name: name, type: type, defaultValue: value, doc: doc)
    }

    var signature: String {
        guard let defaultValue else { return "\(name): \(type)" }
        return "\(name): \(type) = \(ValueFormatter.describe(defaultValue, quoted: true))"
    }
}
