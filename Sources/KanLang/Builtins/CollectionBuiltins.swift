/// Lists, records and strings: size, construction, mutation, higher-order helpers.
public enum CollectionBuiltins: BuiltinGroup {
    /// `range`, `push` and `split` refuse to build longer lists, as `+` does
    /// (`Interpreter.maxListLength`).
    public static let maxRangeLength = Interpreter.maxListLength

    public static var builtins: [Builtin] {
        [
            Builtin("len", [.required("value", .oneOf([.list, .string, .record]))], group: "collections",
                    doc: "The number of elements of a list, characters of a string, or fields of a record.") { call in
                switch try call.value("value") {
                case .list(let list): return .number(Double(list.elements.count))
                case .string(let text): return .number(Double(text.count))
                case .record(let record): return .number(Double(record.keys.count))
                default: return .nil
                }
            },
            Builtin("range", [.required("start", .integer), .optional("stop", .integer), .optional("step", .integer, default: .number(1))],
                    group: "collections",
                    doc: "range(n) is [0, 1, ..., n-1]; range(a, b) counts from a up to b (excluded); step may be negative.") { call in
                var start = try call.integer("start")
                var stop: Int
                if call.has("stop") {
                    stop = try call.integer("stop")
                } else {
                    stop = start
                    start = 0
                }
                let step = try call.integer("step")
                guard step != 0 else { throw call.error("range step must not be zero", at: "step") }
                let length = step > 0 ? (stop > start ? (stop - start + step - 1) / step : 0)
                                      : (start > stop ? (start - stop - step - 1) / -step : 0)
                guard length <= maxRangeLength else {
                    throw call.error("range of \(length) elements is too long (at most \(maxRangeLength))")
                }
                return .list(stride(from: start, to: stop, by: step).map { .number(Double($0)) })
            },
            push("push"),
            push("append"),
            Builtin("pop", [.required("list", .list)], group: "collections",
                    doc: "Removes and returns the last element of a list.") { call in
                let list = try call.list("list")
                guard let last = list.elements.popLast() else { throw call.error("pop from an empty list", at: "list") }
                return last
            },
            Builtin("keys", [.required("record", .record)], group: "collections",
                    doc: "The field names of a record, in the order they were added.") { call in
                .list(try call.record("record").keys.map(Value.string))
            },
            Builtin("values", [.required("record", .record)], group: "collections",
                    doc: "The field values of a record, in the order they were added.") { call in
                .list(try call.record("record").entries.map(\.value))
            },
            Builtin("has", [.required("record", .record), .required("key", .string)], group: "collections",
                    doc: "Whether the record has the field.") { call in
                .boolean(try call.record("record")[try call.string("key")] != nil)
            },
            Builtin("contains", [.required("collection", .oneOf([.list, .string])), .required("item", .any)], group: "collections",
                    doc: "Whether a list holds an element equal to item, or a string holds item as a substring.") { call in
                let item = try call.value("item")
                switch try call.value("collection") {
                case .list(let list): return .boolean(list.elements.contains { Interpreter.equal($0, item) })
                case .string(let text):
                    guard case .string(let part) = item else { throw call.error("item must be a string", at: "item") }
                    return .boolean(part.isEmpty || text.contains(part))
                default: return .nil
                }
            },
            Builtin("map", [.required("list", .list), .required("function", .function)], group: "collections",
                    doc: "A new list of function(element) for each element.") { call in
                let function = try call.function("function")
                var results: [Value] = []
                for element in try call.list("list").elements { results.append(try call.call(function, [element])) }
                return .list(results)
            },
            Builtin("filter", [.required("list", .list), .required("function", .function)], group: "collections",
                    doc: "A new list of the elements for which function(element) is true.") { call in
                let function = try call.function("function")
                var results: [Value] = []
                for element in try call.list("list").elements {
                    let keep = try call.call(function, [element])
                    guard case .boolean(let flag) = keep else {
                        throw call.error("filter function must return a boolean, got \(keep.typeName)", at: "function")
                    }
                    if flag { results.append(element) }
                }
                return .list(results)
            },
            Builtin("sort", [.required("list", .list)], group: "collections",
                    doc: "A new list with the numbers (or strings) in increasing order.") { call in
                let elements = try call.list("list").elements
                if let numbers = elements.map(\.numberValue) as? [Double] {
                    return .list(numbers.sorted().map(Value.number))
                }
                var strings: [String] = []
                for element in elements {
                    guard case .string(let text) = element else {
                        throw call.error("sort needs a list of numbers or of strings", at: "list")
                    }
                    strings.append(text)
                }
                return .list(strings.sorted().map(Value.string))
            },
            Builtin("reverse", [.required("list", .list)], group: "collections",
                    doc: "A new list with the elements in reverse order.") { call in
                .list(try call.list("list").elements.reversed())
            },
            Builtin("join", [.required("list", .list), .optional("separator", .string, default: .string(""))],
                    group: "collections", doc: "The elements as text, joined by the separator.") { call in
                let separator = try call.string("separator")
                var text = ""
                for (index, element) in try call.list("list").elements.enumerated() {
                    if index > 0 { text += separator }
                    text += try CoreBuiltins.text(of: element, call, limit: ValueFormatter.maxLength - text.utf8.count)
                }
                return .string(text)
            },
            Builtin("split", [.required("text", .string), .optional("separator", .string, default: .string(" "))],
                    group: "collections", doc: "The parts of the text between separators.") { call in
                let separator = try call.string("separator")
                guard !separator.isEmpty else { throw call.error("separator must not be empty", at: "separator") }
                let parts = try call.string("text").split(separator: separator, maxSplits: maxRangeLength,
                                                          omittingEmptySubsequences: false)
                guard parts.count <= maxRangeLength else {
                    throw call.error("split would make more than \(maxRangeLength) parts, the longest list there may be")
                }
                return .list(parts.map { .string(String($0)) })
            },
        ]
    }

    static func push(_ name: String) -> Builtin {
        Builtin(name, [.required("list", .list), .required("value", .any)], group: "collections",
                doc: "Adds the value at the end of the list (changing it) and returns the list.") { call in
            let list = try call.list("list")
            guard list.elements.count < maxRangeLength else {
                throw call.error("list too long (more than \(maxRangeLength) elements)", at: "list")
            }
            list.elements.append(try call.value("value"))
            return .list(list)
        }
    }
}
