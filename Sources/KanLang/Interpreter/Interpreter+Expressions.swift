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
