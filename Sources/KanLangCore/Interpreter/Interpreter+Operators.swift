import Symbolic

import Foundation

/// Unary and binary operators on values.
extension Interpreter {
    /// Concatenation stops here, so doubling a string in a loop fails fast instead
    /// of exhausting memory.
    static let maxStringLength = 100_000_000
    /// `+` on lists, and the builtins that build lists (`range`, `push`, `split`), refuse to
    /// build longer ones, so a typo or a runaway loop stops with an error instead of
    /// exhausting memory.
    public static let maxListLength = 10_000_000

    func unary(_ op: UnaryOperator, _ operand: Value, at location: SourceLocation) throws(KanError) -> Value {
        switch (op, operand) {
        case (.negate, .number(let number)):
            return .number(Number(-number.value, exact: number.exact.map(SymbolicBuilder.negate)))
        case (.negate, .symbolic(let symbolic)):
            return try symbolicResult(at: location) { () throws(SymbolicBuilder.TooDeep) in
                try SymbolicBuilder.wrap(SymbolicBuilder.negate(symbolic.expression), depth: symbolic.depth + 1,
                                         size: symbolic.size + 2)
            }
        case (.plus, .number), (.plus, .symbolic):
            return operand
        case (.not, .boolean(let flag)):
            return .boolean(!flag)
        case (.negate, .opaque(let object as any ArithmeticOpaqueValue)):
            do {
                if let result = try object.negated() { return result }
            } catch {
                throw error.located(at: location)
            }
            fallthrough
        default:
            let symbol = op == .negate ? "-" : (op == .plus ? "+" : "not")
            throw KanError("operator '\(symbol)' cannot be applied to a \(operand.typeName)", at: location)
        }
    }

    func binary(_ op: BinaryOperator, _ left: Value, _ right: Value, at location: SourceLocation) throws(KanError) -> Value {
        switch op {
        case .equal: return .boolean(Interpreter.equal(left, right))
        case .notEqual: return .boolean(!Interpreter.equal(left, right))
        case .less, .lessEqual, .greater, .greaterEqual: return try compare(op, left, right, at: location)
        default: break
        }
        switch (left, right) {
        case (.number(let a), .number(let b)):
            return .number(SymbolicBuilder.number(op, a, b, value: Interpreter.arithmetic(op, a.value, b.value)))
        case (.symbolic, .number), (.number, .symbolic), (.symbolic, .symbolic):
            guard let a = SymbolicBuilder.operand(left), let b = SymbolicBuilder.operand(right) else { break }
            // An exact expression has no NaN or infinity: they would print as nan.
            for case .number(let number) in [left, right] where !number.value.isFinite {
                throw KanError("\(ValueFormatter.format(number.value)) is not a finite number and cannot be part of an expression",
                               at: location)
            }
            let divisionByZero = "division of an expression by zero"
            if op == .divide, case .number(let divisor) = right, divisor.value == 0 {
                throw KanError(divisionByZero, at: location)
            }
            let result = try symbolicResult(at: location, undefined: op == .divide ? divisionByZero : nil) {
                () throws(SymbolicBuilder.TooDeep) in try SymbolicBuilder.binary(op, a, b)
            }
            if case .nil = result { break }
            return result
        case (.string(let a), .string(let b)) where op == .add:
            guard a.utf8.count + b.utf8.count <= Interpreter.maxStringLength else {
                throw KanError("string too long (more than \(Interpreter.maxStringLength) bytes)", at: location)
            }
            return .string(a + b)
        case (.list(let a), .list(let b)) where op == .add:
            guard a.elements.count + b.elements.count <= Interpreter.maxListLength else {
                throw KanError("list too long (more than \(Interpreter.maxListLength) elements)", at: location)
            }
            return .list(a.elements + b.elements)
        case (.opaque(let object as any ArithmeticOpaqueValue), _):
            do {
                if let result = try object.binary(op, right, selfOnLeft: true) { return result }
            } catch {
                throw error.located(at: location)
            }
        case (_, .opaque(let object as any ArithmeticOpaqueValue)):
            do {
                if let result = try object.binary(op, left, selfOnLeft: false) { return result }
            } catch {
                throw error.located(at: location)
            }
        default: break
        }
        throw KanError("operator '\(op.rawValue)' cannot be applied to \(left.typeName) and \(right.typeName)", at: location)
    }

    /// Why an exact result is undefined, when nothing more precise is known.
    static let undefinedExpression = "the expression is undefined (a division by zero, or a function outside its domain such as log(0))"

    /// Runs a symbolic construction, turning "too deep" into a located error, and an
    /// undefined result (`x/(y - y)`, `log(x - x)`) too: it would print as `nan`.
    /// - Parameter undefined: the message for an undefined result, if more precise than
    ///   `undefinedExpression`.
    package func symbolicResult(at location: SourceLocation, undefined: String? = nil,
                                _ build: () throws(SymbolicBuilder.TooDeep) -> SymbolicValue?) throws(KanError) -> Value {
        let built: SymbolicValue?
        do throws(SymbolicBuilder.TooDeep) {
            built = try build()
        } catch {
            if error.tooLarge {
                throw KanError("expression too large (more than \(SymbolicBuilder.maxSize) nodes)", at: location)
            }
            throw KanError("expression too deep (more than \(SymbolicBuilder.maxDepth) levels)", at: location)
        }
        guard let value = built else { return .nil }
        if value.expression.isUndefined { throw KanError(undefined ?? Interpreter.undefinedExpression, at: location) }
        return .symbolic(value)
    }

    /// Double arithmetic. `%` takes the sign of the divisor, as in mathematics (and Python).
    static func arithmetic(_ op: BinaryOperator, _ a: Double, _ b: Double) -> Double {
        switch op {
        case .add: a + b
        case .subtract: a - b
        case .multiply: a * b
        case .divide: a / b
        case .power: Foundation.pow(a, b)
        case .remainder: b == 0 ? .nan : a - b * (a / b).rounded(.down)
        default: .nan
        }
    }

    func compare(_ op: BinaryOperator, _ left: Value, _ right: Value, at location: SourceLocation) throws(KanError) -> Value {
        let ordered: Bool
        switch (left, right) {
        case (.number(let a), .number(let b)):
            ordered = switch op {
            case .less: a.value < b.value
            case .lessEqual: a.value <= b.value
            case .greater: a.value > b.value
            default: a.value >= b.value
            }
        case (.string(let a), .string(let b)):
            ordered = switch op {
            case .less: a < b
            case .lessEqual: a <= b
            case .greater: a > b
            default: a >= b
            }
        default:
            throw KanError("cannot compare \(left.typeName) and \(right.typeName) with '\(op.rawValue)'", at: location)
        }
        return .boolean(ordered)
    }

    /// Structural equality for data, identity for functions and pipeline objects.
    /// Self-containing lists compare unequal past a fixed depth rather than recursing forever.
    package static func equal(_ left: Value, _ right: Value, depth: Int = 0) -> Bool {
        guard depth < ValueFormatter.maxDepth else { return false }
        switch (left, right) {
        case (.nil, .nil): return true
        case (.number(let a), .number(let b)): return a.value == b.value
        case (.string(let a), .string(let b)): return a == b
        case (.boolean(let a), .boolean(let b)): return a == b
        case (.list(let a), .list(let b)):
            if a === b { return true }
            return a.elements.count == b.elements.count
                && zip(a.elements, b.elements).allSatisfy { equal($0, $1, depth: depth + 1) }
        case (.record(let a), .record(let b)):
            if a === b { return true }
            return a.keys.count == b.keys.count && a.entries.allSatisfy { entry in
                b[entry.key].map { equal(entry.value, $0, depth: depth + 1) } ?? false
            }
        case (.function(let a), .function(let b)): return a === b
        case (.symbolic(let a), .symbolic(let b)): return a.expression == b.expression
        case (.opaque(let a), .opaque(let b)): return a === b
        default: return false
        }
    }
}
