import Symbolic

/// Executing statements.
extension Interpreter {
    /// How a statement finished: normally, or by a jump that unwinds to a loop or call.
    enum Flow {
        case normal
        case returned(Value)
        case broke
        case continued
    }

    func execute(_ statements: [Statement], in environment: Environment) throws(KanError) -> Flow {
        for statement in statements {
            let flow = try execute(statement, in: environment)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    func execute(_ statement: Statement, in environment: Environment) throws(KanError) -> Flow {
        switch statement.kind {
        case .expression(let expression):
            _ = try evaluate(expression, in: environment)
        case .let(let name, let value):
            environment.define(name, try evaluate(value, in: environment))
        case .assign(let target, let value):
            try assign(target, try evaluate(value, in: environment), in: environment)
        case .function(let definition):
            environment.define(definition.name ?? "_", .function(Function(.user(definition, environment))))
        case .if(let condition, let thenBranch, let elseBranch):
            if try self.condition(condition, in: environment) {
                return try execute(thenBranch, in: Environment(enclosing: environment))
            } else if let elseBranch {
                return try execute(elseBranch, in: Environment(enclosing: environment))
            }
        case .while(let condition, let body):
            while try self.condition(condition, in: environment) {
                try tick(at: statement.location)
                switch try execute(body, in: Environment(enclosing: environment)) {
                case .broke: return .normal
                case .returned(let value): return .returned(value)
                case .normal, .continued: continue
                }
            }
        case .for(let name, let sequence, let body):
            for element in try elements(of: sequence, in: environment) {
                try tick(at: statement.location)
                let scope = Environment(enclosing: environment)
                scope.define(name, element)
                switch try execute(body, in: scope) {
                case .broke: return .normal
                case .returned(let value): return .returned(value)
                case .normal, .continued: continue
                }
            }
        case .return(let value):
            return .returned(try value.map { (expression) throws(KanError) in try evaluate(expression, in: environment) } ?? .nil)
        case .break:
            return .broke
        case .continue:
            return .continued
        case .block(let body):
            return try execute(body, in: Environment(enclosing: environment))
        case .import(let path):
            try importFile(path, at: statement.location)
        case .primitive(let syntax):
            try declarePrimitive(syntax, at: statement.location)
        case .symbols(let names, let sign):
            for name in names {
                environment.define(name, .symbolic(SymbolicBuilder.symbol(name)))
                assumptions[name] = sign.map(\.domain)
            }
        }
        return .normal
    }

    /// A condition must be a boolean: `if 1` is an error, not a guess.
    func condition(_ expression: Expression, in environment: Environment) throws(KanError) -> Bool {
        let value = try evaluate(expression, in: environment)
        guard case .boolean(let flag) = value else {
            throw KanError("condition must be a boolean, got \(value.typeName)", at: expression.location)
        }
        return flag
    }

    /// What `for` iterates over: list elements (a snapshot), string characters, record keys.
    func elements(of expression: Expression, in environment: Environment) throws(KanError) -> [Value] {
        let value = try evaluate(expression, in: environment)
        switch value {
        case .list(let list): return list.elements
        case .string(let text): return text.map { .string(String($0)) }
        case .record(let record): return record.keys.map(Value.string)
        default: throw KanError("cannot iterate over a \(value.typeName)", at: expression.location)
        }
    }

    func assign(_ target: Expression, _ value: Value, in environment: Environment) throws(KanError) {
        switch target.kind {
        case .variable(let name):
            guard environment.assign(name, value) else {
                throw KanError("undefined variable '\(name)'; declare it with 'let \(name) = ...'", at: target.location)
            }
        case .index(let base, let indexExpression):
            let container = try evaluate(base, in: environment)
            let index = try evaluate(indexExpression, in: environment)
            switch container {
            case .list(let list):
                let position = try listIndex(index, count: list.elements.count, at: indexExpression.location)
                list.elements[position] = value
            case .record(let record):
                guard case .string(let key) = index else {
                    throw KanError("record keys are strings, got \(index.typeName)", at: indexExpression.location)
                }
                record[key] = value
            default:
                throw KanError("cannot assign into a \(container.typeName)", at: target.location)
            }
        case .member(let base, let name):
            let container = try evaluate(base, in: environment)
            guard case .record(let record) = container else {
                throw KanError("cannot set field '\(name)' of a \(container.typeName)", at: target.location)
            }
            record[name] = value
        default:
            throw KanError("cannot assign to this expression", at: target.location)
        }
    }

    /// Evaluates the body of a `primitive` with `x` a symbol, and records it.
    func declarePrimitive(_ syntax: PrimitiveSyntax, at location: SourceLocation) throws(KanError) {
        let scope = Environment(enclosing: globals)
        scope.define("x", .symbolic(SymbolicBuilder.symbol("x")))
        let value = try evaluate(syntax.body, in: scope)
        guard let symbolic = SymbolicBuilder.operand(value) else {
            throw KanError("a primitive must be an expression in x, got \(value.typeName)", at: syntax.body.location)
        }
        if let other = symbolic.expression.freeSymbols.sorted().first(where: { $0 != PrimitiveDeclaration.variable }) {
            throw KanError("a primitive may use only the variable x, not '\(other)'", at: syntax.body.location)
        }
        let cost = syntax.cost ?? PrimitiveDeclaration.defaultCost
        try checkPrimitiveCost(name: syntax.name, cost: cost, at: syntax.body.location)
        let declaration = PrimitiveDeclaration(
            name: syntax.name, text: syntax.text, expressionText: SymbolicPrinter.text(symbolic.expression),
            cost: cost, location: location, expression: symbolic.expression)
        try addPrimitive(declaration, expressionAt: syntax.body.location)
    }
}
