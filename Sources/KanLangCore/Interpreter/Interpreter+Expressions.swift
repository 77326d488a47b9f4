/// Evaluating expressions.
extension Interpreter {
    func evaluate(_ expression: Expression, in environment: Environment) throws(KanError) -> Value {
        switch expression.kind {
        case .number(let number, _):
            return .number(number)
        case .string(let text):
            return .string(text)
        case .boolean(let flag):
            return .boolean(flag)
        case .nil:
            return .nil
        case .variable(let name):
            if let value = environment.lookup(name) { return value }
            if let function = registry.function(named: name) { return .function(function) }
            throw KanError("undefined variable '\(name)'", at: expression.location)
        case .list(let elements):
            var values: [Value] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(try evaluate(element, in: environment)) }
            return .list(values)
        case .record(let entries):
            let record = RecordStorage()
            for entry in entries { record[entry.key] = try evaluate(entry.value, in: environment) }
            return .record(record)
        case .unary(let op, let operandExpression):
            let operand = try evaluate(operandExpression, in: environment)
            return try unary(op, operand, at: expression.location)
        case .binary(let op, let leftExpression, let rightExpression):
            let left = try evaluate(leftExpression, in: environment)
            let right = try evaluate(rightExpression, in: environment)
            return try binary(op, left, right, at: expression.location)
        case .logical(let op, let leftExpression, let rightExpression):
            let left = try condition(leftExpression, in: environment)
            if op == .and && !left { return .boolean(false) }
            if op == .or && left { return .boolean(true) }
            return .boolean(try condition(rightExpression, in: environment))
        case .call(let calleeExpression, let argumentExpressions):
            let callee = try evaluate(calleeExpression, in: environment)
            var arguments: [EvaluatedArgument] = []
            arguments.reserveCapacity(argumentExpressions.count)
            for argument in argumentExpressions {
                let value = try evaluate(argument.value, in: environment)
                arguments.append(EvaluatedArgument(label: argument.label, value: value, location: argument.location))
            }
            if case .opaque(let object as any CallableOpaqueValue) = callee {
                do {
                    return try object.call(arguments.map { ($0.label, $0.value) }, at: expression.location)
                } catch {
                    throw error.located(at: expression.location)
                }
            }
            guard case .function(let function) = callee else {
                throw KanError("cannot call a \(callee.typeName)", at: calleeExpression.location)
            }
            return try call(function, arguments, at: expression.location)
        case .index(let baseExpression, let indexExpression):
            let base = try evaluate(baseExpression, in: environment)
            let index = try evaluate(indexExpression, in: environment)
            return try subscripted(base, index, at: indexExpression.location)
        case .member(let baseExpression, let name):
            let base = try evaluate(baseExpression, in: environment)
            return try member(base, name, at: expression.location)
        case .slice(let baseExpression, let startExpression, let endExpression):
            let base = try evaluate(baseExpression, in: environment)
            let start = try startExpression.map { (e: Expression) throws(KanError) -> (Value, SourceLocation) in
                (try evaluate(e, in: environment), e.location)
            }
            let end = try endExpression.map { (e: Expression) throws(KanError) -> (Value, SourceLocation) in
                (try evaluate(e, in: environment), e.location)
            }
            return try sliced(base, start, end, at: expression.location)
        case .lambda(let definition):
            return .function(Function(.user(definition, environment)))
        }
    }

    func subscripted(_ base: Value, _ index: Value, at location: SourceLocation) throws(KanError) -> Value {
        switch base {
        case .list(let list):
            return list.elements[try listIndex(index, count: list.elements.count, at: location)]
        case .string(let text):
            let characters = Array(text)
            return .string(String(characters[try listIndex(index, count: characters.count, at: location)]))
        case .record(let record):
            guard case .string(let key) = index else {
                throw KanError("record keys are strings, got \(index.typeName)", at: location)
            }
            guard let value = record[key] else { throw KanError("record has no field '\(key)'", at: location) }
            return value
        default:
            throw KanError("cannot index a \(base.typeName)", at: location)
        }
    }

    /// A position in a list of `count` elements; negative indices count from the end.
    /// `base[start:end]` of a list (a new list) or a string, as in Python: a negative bound
    /// counts from the end, bounds past either end are clamped, and a start at or after
    /// the end gives an empty part.
    func sliced(_ base: Value, _ start: (Value, SourceLocation)?, _ end: (Value, SourceLocation)?,
                at location: SourceLocation) throws(KanError) -> Value {
        func bound(_ given: (Value, SourceLocation)?, _ absent: Int, count: Int) throws(KanError) -> Int {
            guard let (value, place) = given else { return absent }
            guard case .number(let number) = value, let integer = number.integer else {
                throw KanError("a slice bound must be an integer, got \(ValueFormatter.describe(value, quoted: true, limit: 60))", at: place)
            }
            let position = integer < 0 ? integer + count : integer
            return Swift.min(Swift.max(position, 0), count)
        }
        switch base {
        case .list(let list):
            let count = list.elements.count
            let low = try bound(start, 0, count: count), high = try bound(end, count, count: count)
            return .list(low < high ? Array(list.elements[low..<high]) : [])
        case .string(let text):
            let characters = Array(text)
            let low = try bound(start, 0, count: characters.count), high = try bound(end, characters.count, count: characters.count)
            return .string(low < high ? String(characters[low..<high]) : "")
        default:
            throw KanError("cannot slice a \(base.typeName) (only lists and strings)", at: location)
        }
    }

    func listIndex(_ index: Value, count: Int, at location: SourceLocation) throws(KanError) -> Int {
        guard case .number(let number) = index, let integer = number.integer else {
            throw KanError("index must be an integer, got \(ValueFormatter.describe(index, quoted: true, limit: 60))", at: location)
        }
        let position = integer < 0 ? integer + count : integer
        guard position >= 0, position < count else {
            throw KanError("index \(integer) out of range for length \(count)", at: location)
        }
        return position
    }

    func member(_ base: Value, _ name: String, at location: SourceLocation) throws(KanError) -> Value {
        switch base {
        case .record(let record):
            guard let value = record[name] else { throw KanError("record has no field '\(name)'", at: location) }
            return value
        case .opaque(let object):
            guard let value = object.member(name) else { throw KanError("\(object.typeName) has no field '\(name)'", at: location) }
            return value
        default:
            throw KanError("a \(base.typeName) has no fields", at: location)
        }
    }
}
