/// Calling user functions and builtins.
extension Interpreter {
    /// Stack kept free below the deepest call for builtins and nested expressions
    /// (at most half the stack).
    static let stackMargin = 64 << 20

    func call(_ function: Function, _ arguments: [EvaluatedArgument], at location: SourceLocation) throws(KanError) -> Value {
        try tick(at: location)
        callDepth += 1
        defer { callDepth -= 1 }
        guard callDepth <= options.maxCallDepth else {
            throw KanError("recursion too deep (more than \(options.maxCallDepth) nested calls)", at: location)
        }
        // Calls nested inside big expressions use more stack each: measure it too,
        // keeping a margin for the deepest expression one call can hold.
        if stackBase != 0 {
            let used = stackBase &- LargeStack.currentAddress()
            let margin = min(Interpreter.stackMargin, stackSize / 2)
            if used > UInt(max(0, stackSize - margin)) {
                throw KanError("recursion too deep (the interpreter's stack is exhausted)", at: location)
            }
        }
        switch function.body {
        case .builtin(let builtin):
            let bound = try registry.bind(builtin, arguments, interpreter: self, at: location)
            do {
                return host.builtinResult(try builtin.body(bound), of: builtin, call: bound)
            } catch var error as KanError {
                if error.location == nil { error.location = location }
                throw error
            } catch {
                throw KanError("\(builtin.name): \(error)", at: location)
            }
        case .user(let definition, let closure):
            do {
                let scope = try bind(definition, arguments, closure: closure, at: location)
                return try executeBody(definition.body, in: scope)
            } catch {
                // The call stack, innermost first: the error alone points into the function,
                // perhaps in a file or REPL input long past.
                var error = error
                error.noteCall(of: definition.name ?? "a lambda", at: location)
                throw error
            }
        }
    }

    /// Runs a function body. Its value is the `return`ed value; without a
    /// `return`, the value of the body's last statement if that is an expression
    /// statement (`fn f(a) { a + 1 }` returns a + 1, as in Rust or Julia), else nil.
    /// Only the body's own last statement counts, not one inside a nested block.
    func executeBody(_ body: [Statement], in scope: Environment) throws(KanError) -> Value {
        guard let last = body.last, case .expression(let tail) = last.kind else {
            if case .returned(let value) = try execute(body, in: scope) { return value }
            return .nil
        }
        if case .returned(let value) = try execute(Array(body.dropLast()), in: scope) { return value }
        return try evaluate(tail, in: scope)
    }

    /// Calls a function value with positional arguments (used by builtins such as `map`).
    public func call(_ function: Function, positional arguments: [Value], at location: SourceLocation) throws(KanError) -> Value {
        try call(function, arguments.map { EvaluatedArgument(label: nil, value: $0, location: location) }, at: location)
    }

    /// A new scope for one call: parameters bound positionally, then by name, then
    /// to defaults evaluated in the new scope (so a default may use earlier parameters).
    func bind(_ definition: FunctionDefinition, _ arguments: [EvaluatedArgument], closure: Environment,
              at location: SourceLocation) throws(KanError) -> Environment {
        let scope = Environment(enclosing: closure)
        let name = definition.name ?? "lambda"
        var bound = Set<String>()
        var position = 0
        for argument in arguments {
            if let label = argument.label {
                guard definition.parameters.contains(where: { $0.name == label }) else {
                    throw KanError("\(name) has no parameter named '\(label)'", at: argument.location)
                }
                guard bound.insert(label).inserted else {
                    throw KanError("\(name): argument '\(label)' given twice", at: argument.location)
                }
                scope.define(label, argument.value)
            } else {
                guard position < definition.parameters.count else {
                    let count = definition.parameters.count
                    throw KanError("\(name) takes \(count) argument\(count == 1 ? "" : "s"), got \(arguments.count)",
                                   at: argument.location)
                }
                let parameter = definition.parameters[position]
                bound.insert(parameter.name)
                scope.define(parameter.name, argument.value)
                position += 1
            }
        }
        for parameter in definition.parameters where !bound.contains(parameter.name) {
            guard let defaultValue = parameter.defaultValue else {
                throw KanError("\(name): missing argument '\(parameter.name)'", at: location)
            }
            scope.define(parameter.name, try evaluate(defaultValue, in: scope))
        }
        return scope
    }
}
