import Symbolic

/// A KanLang value.
///
/// Lists and records are shared references (like Python's): `push(xs, 1)` is seen
/// by every name for `xs`. Everything else is immutable.
public enum Value: Sendable {
    case `nil`
    case number(Number)
    case string(String)
    case boolean(Bool)
    case list(ListStorage)
    case record(RecordStorage)
    case function(Function)
    /// A symbolic expression such as `exp(sin(pi*x) + y^2)`.
    case symbolic(SymbolicValue)
    /// Pipeline objects (datasets, models, formulas) provided by builtin groups.
    case opaque(any OpaqueValue)

    /// A number value.
    public static func number(_ value: Double) -> Value { .number(Number(value)) }

    /// A new list value holding `elements`.
    public static func list(_ elements: [Value]) -> Value { .list(ListStorage(elements)) }

    /// The type name shown by `type(v)` and in error messages.
    public var typeName: String {
        switch self {
        case .nil: "nil"
        case .number: "number"
        case .string: "string"
        case .boolean: "boolean"
        case .list: "list"
        case .record: "record"
        case .function: "function"
        case .symbolic: "expression"
        case .opaque(let object): object.typeName
        }
    }

    /// Whether freeing this value may free lists, records or scopes in turn: only then
    /// do containers hand it to the `ReleaseQueue` (numbers and strings are freed at once).
    var mayFreeNestedValues: Bool {
        switch self {
        case .list, .record, .function: true
        default: false
        }
    }

    public var numberValue: Double? {
        if case .number(let number) = self { return number.value }
        return nil
    }
}

/// The mutable storage of a list.
public final class ListStorage: @unchecked Sendable {
    // Unchecked: values are confined to the interpreter's thread; Sendable only lets
    // them cross to the large-stack thread that runs the interpreter.
    public var elements: [Value] {
        didSet { charge() }
    }
    /// The running interpreter's budget, charged `charged` bytes for the elements.
    private let budget = MemoryBudget.current
    private var charged = 0

    public init(_ elements: [Value]) {
        self.elements = elements
        charge()
    }

    /// Brings the budget up to date with the element count: O(1), also for `push`.
    private func charge() {
        guard let budget else { return }
        let bytes = elements.count * MemoryBudget.bytesPerElement
        budget.charge(bytes - charged)
        charged = bytes
    }

    /// Hands the elements to the thread's `ReleaseQueue`, so that freeing a list nested
    /// a million deep does not recurse a million times.
    deinit {
        budget?.charge(-charged)
        charged = 0
        guard elements.contains(where: \.mayFreeNestedValues) else { return }
        let queue = ReleaseQueue.current
        queue.hold(.values(elements))
        elements = []
        queue.drain()
    }
}

/// The mutable storage of a record: fields in insertion order.
public final class RecordStorage: @unchecked Sendable {
    public private(set) var keys: [String] = [] {
        didSet { charge() }
    }
    private var values: [String: Value] = [:]
    /// The running interpreter's budget, charged `charged` bytes for the fields.
    private let budget = MemoryBudget.current
    private var charged = 0

    public init(_ entries: [(String, Value)] = []) {
        for (key, value) in entries { self[key] = value }
        charge()
    }

    /// A field costs its value, its key in `keys` and in the dictionary (the keys' text
    /// is not counted).
    private func charge() {
        guard let budget else { return }
        let bytes = keys.count * (MemoryBudget.bytesPerElement + 2 * MemoryLayout<String>.stride)
        budget.charge(bytes - charged)
        charged = bytes
    }

    public subscript(key: String) -> Value? {
        get { values[key] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public var entries: [(key: String, value: Value)] {
        keys.compactMap { key in values[key].map { (key, $0) } }
    }

    /// Frees the fields through the thread's `ReleaseQueue`, without recursion (see `ListStorage`).
    deinit {
        budget?.charge(-charged)
        charged = 0
        guard values.values.contains(where: \.mayFreeNestedValues) else { return }
        let queue = ReleaseQueue.current
        queue.hold(.fields(values))
        values = [:]
        queue.drain()
    }
}

/// A pipeline object exposed to scripts: a dataset, a model, a formula.
/// Builtin groups define conforming classes; the interpreter only prints them,
/// compares them by identity and reads their fields.
public protocol OpaqueValue: AnyObject, Sendable {
    /// The type name, e.g. "dataset".
    var typeName: String { get }
    /// A one-line summary for printing.
    var summary: String { get }
    /// A field read as `value.name`, or nil if there is no such field.
    func member(_ name: String) -> Value?
    /// The names `member` answers, for Tab completion after a dot.
    var memberNames: [String] { get }
}

extension OpaqueValue {
    public var memberNames: [String] { [] }
}

/// A pipeline object with arithmetic: `+`, `-`, `*`, `/`, `^` and unary `-` with numbers,
/// lists and values of its own kind (the traced terms of a custom loss, `LossTrace`).
public protocol ArithmeticOpaqueValue: OpaqueValue {
    /// `self op other` (or `other op self` when `selfOnLeft` is false); nil when the
    /// operation is not defined, which the interpreter reports as for any other value.
    func binary(_ op: BinaryOperator, _ other: Value, selfOnLeft: Bool) throws(KanError) -> Value?
    /// `-self`; nil when not defined.
    func negated() throws(KanError) -> Value?
}

/// A pipeline object that stands for a symbolic expression (a formula): operators and
/// symbolic builtins take it as its expression, `f + 1` as `f.expression + 1`.
public protocol SymbolicOpaqueValue: OpaqueValue {
    var expression: Expr { get }
}

/// A pipeline object that can be called like a function: `m(points)`.
public protocol CallableOpaqueValue: OpaqueValue {
    func call(_ arguments: [(label: String?, value: Value)], at location: SourceLocation) throws(KanError) -> Value
}

/// A symbolic expression value with its depth and size, kept so the limits on
/// both cost nothing to check.
public struct SymbolicValue: Sendable {
    public let expression: Expr
    let depth: Int
    /// The number of nodes as a tree (shared subexpressions counted each time they
    /// occur): bounds the work of printing and evaluating. An upper bound after folding.
    let size: Int
}
