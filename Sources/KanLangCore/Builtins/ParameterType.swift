/// The type a builtin parameter accepts; the registry checks it before the
/// builtin runs, so builtins read their arguments without re-checking.
public indirect enum ParameterType: Sendable, CustomStringConvertible {
    case any
    case number
    /// A number with an integral value.
    case integer
    case string
    case boolean
    case list
    case record
    case function
    /// A number or a symbolic expression.
    case expression
    /// A pipeline object whose `typeName` is the given name ("dataset", "model").
    case opaque(String)
    case oneOf([ParameterType])

    public func accepts(_ value: Value) -> Bool {
        switch (self, value) {
        case (.any, _): true
        case (.number, .number): true
        case (.integer, .number(let number)): number.integer != nil
        case (.string, .string), (.boolean, .boolean), (.list, .list), (.record, .record): true
        case (.function, .function): true
        case (.expression, .number), (.expression, .symbolic): true
        case (.opaque(let name), .opaque(let object)): object.typeName == name
        case (.oneOf(let types), _): types.contains { $0.accepts(value) }
        default: false
        }
    }

    public var description: String {
        switch self {
        case .any: "any"
        case .number: "number"
        case .integer: "integer"
        case .string: "string"
        case .boolean: "boolean"
        case .list: "list"
        case .record: "record"
        case .function: "function"
        case .expression: "expression"
        case .opaque(let name): name
        case .oneOf(let types): types.map(\.description).joined(separator: " or ")
        }
    }
}
