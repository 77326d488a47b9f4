import TOMLKit

/// A value of the manifest's TOML document, in a tree of our own, so that one file knows
/// TOMLKit and the rest of the module works with plain Swift values.
enum ManifestValue: Equatable {
    case string(String)
    case integer(Int)
    case double(Double)
    case bool(Bool)
    case array([ManifestValue])
    case table([(key: String, value: ManifestValue)])
    /// A date or time: TOML has them, a manifest has no use for them.
    case other(String)

    static func == (lhs: ManifestValue, rhs: ManifestValue) -> Bool {
        switch (lhs, rhs) {
        case let (.string(a), .string(b)): a == b
        case let (.integer(a), .integer(b)): a == b
        case let (.double(a), .double(b)): a == b
        case let (.bool(a), .bool(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.table(a), .table(b)): a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
        case let (.other(a), .other(b)): a == b
        default: false
        }
    }

    /// What the value is, for messages: "a string", "an array".
    var kindName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .double: "a number"
        case .bool: "a boolean"
        case .array: "an array"
        case .table: "a table"
        case .other: "a date or time"
        }
    }

    /// Parses a TOML document into its top-level table; a syntax error names its line.
    static func parseTOML(_ text: String, path: String) throws(ManifestError) -> [(key: String, value: ManifestValue)] {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ManifestError(path: path, line: error.source.begin.line, reason: "not valid TOML: \(error.description)")
        } catch {
            throw ManifestError(path: path, line: nil, reason: "not valid TOML: \(error)")
        }
        return entries(of: table)
    }

    private static func entries(of table: TOMLTable) -> [(key: String, value: ManifestValue)] {
        var result: [(key: String, value: ManifestValue)] = []
        for (key, value) in table {
            result.append((key, convert(value.tomlValue)))
        }
        return result
    }

    private static func convert(_ value: TOMLValue) -> ManifestValue {
        switch value.type {
        case .string: return value.string.map(ManifestValue.string) ?? .other("?")
        case .int: return value.int.map(ManifestValue.integer) ?? .other("?")
        case .double: return value.double.map(ManifestValue.double) ?? .other("?")
        case .bool: return value.bool.map(ManifestValue.bool) ?? .other("?")
        case .array:
            guard let array = value.array else { return .array([]) }
            return .array(array.map { convert($0.tomlValue) })
        case .table:
            guard let table = value.table else { return .table([]) }
            return .table(entries(of: table))
        case .date, .time, .dateTime:
            return .other("\(value)")
        }
    }
}
