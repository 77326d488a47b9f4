import Symbolic

/// Text for values: what `print` writes, what `str` returns, and what the REPL shows.
///
///     print([1, 2.5, "a", {b: true}])   # [1, 2.5, "a", {b: true}]
///
/// Lists and records may contain themselves; those are printed as `[...]` / `{...}`.
public enum ValueFormatter {
    /// Nesting beyond this is printed as `...`, keeping the output and the stack bounded.
    static let maxDepth = 64
    /// The longest text (in UTF-8 bytes) made for one value, the longest string there is.
    /// Sharing lets a short loop build a list whose text is astronomically long: after
    /// `for i in range(60) { l = [l, l] }` it would hold 2^60 copies of the innermost list.
    public static let maxLength = Interpreter.maxStringLength

    /// The value as text, cut after `limit` UTF-8 bytes and then ending in `…`.
    /// - Parameter quoted: whether a top-level string is quoted (REPL display) or not (`print`).
    public static func describe(_ value: Value, quoted: Bool = false, limit: Int = maxLength) -> String {
        let (text, isComplete) = render(value, quoted: quoted, limit: limit)
        return isComplete ? text : text + "…"
    }

    /// The value as the REPL shows it, short enough to read: strings quoted, a list or record
    /// of more than `elements` entries as its first and last few with `…` between and the
    /// count after (`[0, 1, 2, …, 199998, 199999] (200000 elements)`), at any depth, and the
    /// whole cut at `limit` bytes with the length said. `range(200000)` would otherwise
    /// print 1.5 MB; Julia and NumPy abbreviate the same way.
    public static func preview(_ value: Value, elements: Int = 20, limit: Int = 4_000) -> String {
        var visiting = Set<ObjectIdentifier>()
        var text = ""
        write(value, quoted: true, depth: 0, visiting: &visiting, into: &text, limit: limit, elementLimit: elements)
        var count: Int?
        switch value {
        case .list(let list) where list.elements.count > elements: count = list.elements.count
        case .record(let record) where record.entries.count > elements: count = record.entries.count
        default: break
        }
        if text.utf8.count > limit {
            var end = text.utf8.index(text.utf8.startIndex, offsetBy: limit)
            while end > text.startIndex, end.samePosition(in: text.unicodeScalars) == nil { end = text.utf8.index(before: end) }
            var more = "cut at \(limit) bytes"
            if case .string(let string) = value { more = "\(string.count) characters" }
            return String(text[..<end]) + "… (" + more + ")"
        }
        if let count {
            if case .list = value { text += " (\(count) elements)" } else { text += " (\(count) fields)" }
        }
        return text
    }

    /// The value as text, or nil if that is longer than `limit` UTF-8 bytes: for `str`,
    /// `join` and `print`, which refuse such values with an error rather than cut them.
    package static func text(of value: Value, quoted: Bool = false, limit: Int = maxLength) -> String? {
        let (text, isComplete) = render(value, quoted: quoted, limit: limit)
        return isComplete ? text : nil
    }

    /// The text up to about `limit` bytes, and whether that is all of it.
    private static func render(_ value: Value, quoted: Bool, limit: Int) -> (String, Bool) {
        var visiting = Set<ObjectIdentifier>()
        var text = ""
        write(value, quoted: quoted, depth: 0, visiting: &visiting, into: &text, limit: limit)
        guard text.utf8.count > limit else { return (text, true) }
        var end = text.utf8.index(text.utf8.startIndex, offsetBy: limit)
        // Cut at a scalar boundary.
        while end > text.startIndex, end.samePosition(in: text.unicodeScalars) == nil { end = text.utf8.index(before: end) }
        return (String(text[..<end]), false)
    }

    /// Appends the value's text; stops early (leaving `text` longer than `limit`) once
    /// the text has passed `limit`.
    private static func write(_ value: Value, quoted: Bool, depth: Int,
                              visiting: inout Set<ObjectIdentifier>, into text: inout String, limit: Int,
                              elementLimit: Int? = nil) {
        guard text.utf8.count <= limit else { return }
        switch value {
        case .nil: text += "nil"
        case .number(let number): text += format(number.value)
        case .string(let string): text += quoted ? ASTDump.quoted(string) : string
        case .boolean(let flag): text += flag ? "true" : "false"
        case .symbolic(let symbolic): text += SymbolicPrinter.text(symbolic.expression)
        case .opaque(let object): text += object.summary
        case .function(let function):
            switch function.body {
            case .user: text += "<fn \(function.name)>"
            case .builtin: text += "<builtin \(function.name)>"
            }
        case .list(let list):
            let id = ObjectIdentifier(list)
            guard depth < maxDepth, !visiting.contains(id) else { text += "[...]"; return }
            visiting.insert(id)
            text += "["
            let shown = shownIndices(list.elements.count, elementLimit)
            for (position, index) in shown.enumerated() {
                guard text.utf8.count <= limit else { break }
                if position > 0 { text += index == shown[position - 1] + 1 ? ", " : ", …, " }
                write(list.elements[index], quoted: true, depth: depth + 1, visiting: &visiting, into: &text, limit: limit,
                      elementLimit: elementLimit)
            }
            text += "]"
            visiting.remove(id)
        case .record(let record):
            let id = ObjectIdentifier(record)
            guard depth < maxDepth, !visiting.contains(id) else { text += "{...}"; return }
            visiting.insert(id)
            text += "{"
            let entries = record.entries
            let shown = shownIndices(entries.count, elementLimit)
            for (position, index) in shown.enumerated() {
                guard text.utf8.count <= limit else { break }
                if position > 0 { text += index == shown[position - 1] + 1 ? ", " : ", …, " }
                let entry = entries[index]
                text += isIdentifier(entry.key) ? entry.key : ASTDump.quoted(entry.key)
                text += ": "
                write(entry.value, quoted: true, depth: depth + 1, visiting: &visiting, into: &text, limit: limit,
                      elementLimit: elementLimit)
            }
            text += "}"
            visiting.remove(id)
        }
    }

    /// The positions to show of `count` entries: all, or the first half and the last half of
    /// `limit` when there are more.
    private static func shownIndices(_ count: Int, _ limit: Int?) -> [Int] {
        guard let limit, count > limit else { return Array(0..<count) }
        let head = (limit + 1) / 2, tail = limit / 2
        return Array(0..<head) + Array((count - tail)..<count)
    }

    /// Integers print without a fraction (`3`, not `3.0`); others in shortest round-trip form.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded(), abs(value) < 1e16 { return String(Int64(value)) }
        return String(value)
    }

    package static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, Lexer.isIdentifierStart(first) else { return false }
        return text.unicodeScalars.allSatisfy { Lexer.isIdentifierStart($0) || Lexer.isDigit($0) }
            && Keyword(rawValue: text) == nil
    }
}

extension Value: CustomStringConvertible {
    public var description: String { ValueFormatter.describe(self, quoted: true) }
}
