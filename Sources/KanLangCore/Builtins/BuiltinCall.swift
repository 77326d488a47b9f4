/// The checked arguments of one builtin call, and access to the interpreter.
///
/// Every declared parameter has a value here (given or default) of the declared
/// type, so the accessors only convert; they throw only for a parameter name the
/// builtin did not declare, a programming error reported as a KanLang error.
public struct BuiltinCall {
    public let interpreter: Interpreter
    /// Where the call is (its opening parenthesis).
    public let location: SourceLocation
    package let arguments: [String: Value]
    package let argumentLocations: [String: SourceLocation]
    /// Extra positional arguments, for a variadic builtin, with their locations.
    public let rest: [(value: Value, location: SourceLocation)]
    package let builtinName: String

    /// The argument `name`, given or defaulted.
    public func value(_ name: String) throws(KanError) -> Value {
        guard let value = arguments[name] else {
            throw KanError("internal: \(builtinName) has no parameter '\(name)'", at: location)
        }
        return value
    }

    /// Whether `name` was given or has a non-nil default.
    public func has(_ name: String) -> Bool {
        if case .nil = arguments[name] ?? .nil { return false }
        return true
    }

    /// Where argument `name` was written, or the call itself if it was defaulted.
    public func location(of name: String) -> SourceLocation { argumentLocations[name] ?? location }

    /// An error located at argument `name`.
    public func error(_ message: String, at name: String? = nil) -> KanError {
        KanError(message, at: name.map(location(of:)) ?? location)
    }

    public func number(_ name: String) throws(KanError) -> Double {
        guard case .number(let number) = try value(name) else { throw error("\(name) must be a number", at: name) }
        return number.value
    }

    public func integer(_ name: String) throws(KanError) -> Int {
        guard case .number(let number) = try value(name), let integer = number.integer else {
            throw error("\(name) must be an integer", at: name)
        }
        return integer
    }

    public func string(_ name: String) throws(KanError) -> String {
        guard case .string(let text) = try value(name) else { throw error("\(name) must be a string", at: name) }
        return text
    }

    /// A file path argument: a non-empty string without NUL characters. Foundation would
    /// quietly write `"a\0b"` as a file named `a%00b`, so such a path is an error instead.
    public func path(_ name: String) throws(KanError) -> String {
        let path = try string(name)
        guard !path.isEmpty else { throw error("path must not be empty", at: name) }
        guard !path.unicodeScalars.contains("\0") else { throw error("path must not contain a NUL character (\\0)", at: name) }
        return path
    }

    public func boolean(_ name: String) throws(KanError) -> Bool {
        guard case .boolean(let flag) = try value(name) else { throw error("\(name) must be a boolean", at: name) }
        return flag
    }

    public func list(_ name: String) throws(KanError) -> ListStorage {
        guard case .list(let list) = try value(name) else { throw error("\(name) must be a list", at: name) }
        return list
    }

    public func record(_ name: String) throws(KanError) -> RecordStorage {
        guard case .record(let record) = try value(name) else { throw error("\(name) must be a record", at: name) }
        return record
    }

    public func function(_ name: String) throws(KanError) -> Function {
        guard case .function(let function) = try value(name) else { throw error("\(name) must be a function", at: name) }
        return function
    }

    /// A pipeline object argument of a known class: `try call.object("data", as: DatasetValue.self)`.
    public func object<Object: OpaqueValue>(_ name: String, as type: Object.Type) throws(KanError) -> Object {
        guard case .opaque(let object) = try value(name), let typed = object as? Object else {
            throw error("\(name) must be a \(String(describing: Object.self).replacingOccurrences(of: "Value", with: "").lowercased())", at: name)
        }
        return typed
    }

    /// Calls a KanLang function value (for `map`, `filter`, ...), located at this call.
    public func call(_ function: Function, _ arguments: [Value]) throws(KanError) -> Value {
        try interpreter.call(function, positional: arguments, at: location)
    }

    /// Writes text to the interpreter's output sink.
    public func write(_ text: String) { interpreter.write(text) }
}
