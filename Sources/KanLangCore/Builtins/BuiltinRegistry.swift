/// All builtins by name: binds call arguments to parameters, checks them, and
/// answers `:help`.
///
/// A group of builtins lives in one file as a type conforming to `BuiltinGroup`;
/// adding the group to the host's `builtinGroups` (`PipelineHost.builtinGroups` in the
/// KanLang module), or to `InterpreterOptions.builtinGroups`, makes it callable. The registry, not the builtin,
/// reports wrong arguments, each located at the argument at fault:
///
///     script.kan:2:12: error: sqrt: argument 'x' must be expression, got string
public final class BuiltinRegistry: @unchecked Sendable {
    private var table: [String: Builtin] = [:]
    /// Function values for builtins, made once so `sin == sin` holds.
    private var functions: [String: Function] = [:]
    private var order: [String] = []

    public init(groups: [any BuiltinGroup.Type]) {
        for group in groups { register(group.builtins) }
    }

    /// Adds builtins; a later one with the same name replaces the earlier.
    public func register(_ builtins: [Builtin]) {
        for builtin in builtins {
            if table[builtin.name] == nil { order.append(builtin.name) }
            table[builtin.name] = builtin
            functions[builtin.name] = Function(.builtin(builtin))
        }
    }

    public func builtin(named name: String) -> Builtin? { table[name] }

    func function(named name: String) -> Function? { functions[name] }

    /// Builtin names in registration order.
    public var names: [String] { order }

    /// The help text: signature, documentation, and parameter notes.
    public func help(for name: String) -> String? {
        guard let builtin = table[name] else { return nil }
        var text = builtin.signature + "\n    " + builtin.doc
        for parameter in builtin.parameters + [builtin.variadic].compactMap({ $0 }) where !parameter.doc.isEmpty {
            text += "\n    \(parameter.name): \(parameter.doc)"
        }
        return text
    }

    /// Matches arguments to parameters: positional first, then by name, then defaults.
    func bind(_ builtin: Builtin, _ arguments: [EvaluatedArgument], interpreter: Interpreter,
              at location: SourceLocation) throws(KanError) -> BuiltinCall {
        var values: [String: Value] = [:]
        var locations: [String: SourceLocation] = [:]
        var rest: [(value: Value, location: SourceLocation)] = []
        var positionalIndex = 0
        for argument in arguments {
            if let label = argument.label {
                guard let parameter = builtin.parameters.first(where: { $0.name == label }) else {
                    throw KanError("\(builtin.name) has no parameter named '\(label)'", at: argument.location)
                }
                guard values[parameter.name] == nil else {
                    throw KanError("\(builtin.name): argument '\(label)' given twice", at: argument.location)
                }
                values[label] = argument.value
                locations[label] = argument.location
            } else if positionalIndex < builtin.parameters.count {
                let parameter = builtin.parameters[positionalIndex]
                values[parameter.name] = argument.value
                locations[parameter.name] = argument.location
                positionalIndex += 1
            } else if builtin.variadic != nil {
                rest.append((argument.value, argument.location))
            } else {
                let count = builtin.parameters.count
                throw KanError("\(builtin.name) takes at most \(count) argument\(count == 1 ? "" : "s")", at: argument.location)
            }
        }
        for parameter in builtin.parameters {
            if let value = values[parameter.name] {
                // An explicit nil means "absent" for optional parameters.
                if case .nil = value, parameter.defaultValue != nil {
                    values[parameter.name] = parameter.defaultValue
                    continue
                }
                guard parameter.type.accepts(value) else {
                    throw KanError("\(builtin.name): argument '\(parameter.name)' must be \(parameter.type), got \(value.typeName)",
                                   at: locations[parameter.name] ?? location)
                }
            } else if let defaultValue = parameter.defaultValue {
                values[parameter.name] = defaultValue
            } else {
                throw KanError("\(builtin.name): missing argument '\(parameter.name)'; expected \(builtin.signature)", at: location)
            }
        }
        if let variadic = builtin.variadic {
            for item in rest where !variadic.type.accepts(item.value) {
                throw KanError("\(builtin.name): arguments must be \(variadic.type), got \(item.value.typeName)", at: item.location)
            }
            values[variadic.name] = .list(rest.map(\.value))
        }
        return BuiltinCall(interpreter: interpreter, location: location, arguments: values,
                           argumentLocations: locations, rest: rest, builtinName: builtin.name)
    }
}

/// A set of builtins defined together in one file.
public protocol BuiltinGroup {
    static var builtins: [Builtin] { get }
}

/// An argument after evaluation, still carrying its label and location.
struct EvaluatedArgument {
    var label: String?
    var value: Value
    var location: SourceLocation
}
