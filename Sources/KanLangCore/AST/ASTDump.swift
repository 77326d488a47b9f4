/// A compact S-expression rendering of the syntax tree, one statement per line.
/// The parser's golden tests compare against it, so it is stable and explicit:
///
///     let f = -x^2 + 1      =>   (let f (+ (neg (^ x 1)) 1))
public enum ASTDump {
    public static func dump(_ statements: [Statement], indent: String = "") -> String {
        statements.map { indent + dump($0, indent: indent) }.joined(separator: "\n")
    }

    static func block(_ statements: [Statement], _ indent: String) -> String {
        if statements.isEmpty { return "{}" }
        return "{\n" + dump(statements, indent: indent + "  ") + "\n" + indent + "}"
    }

    public static func dump(_ statement: Statement, indent: String = "") -> String {
        switch statement.kind {
        case .expression(let expression): return dump(expression)
        case .let(let name, let value): return "(let \(name) \(dump(value)))"
        case .assign(let target, let value): return "(set \(dump(target)) \(dump(value)))"
        case .function(let definition): return "(fn \(definition.name ?? "_") \(parameters(definition)) \(block(definition.body, indent)))"
        case .if(let condition, let thenBranch, let elseBranch):
            var text = "(if \(dump(condition)) \(block(thenBranch, indent))"
            if let elseBranch { text += " else \(block(elseBranch, indent))" }
            return text + ")"
        case .while(let condition, let body): return "(while \(dump(condition)) \(block(body, indent)))"
        case .for(let name, let sequence, let body): return "(for \(name) \(dump(sequence)) \(block(body, indent)))"
        case .return(let value): return value.map { "(return \(dump($0)))" } ?? "(return)"
        case .break: return "(break)"
        case .continue: return "(continue)"
        case .block(let body): return "(block \(block(body, indent)))"
        case .import(let path): return "(import \(quoted(path)))"
        case .primitive(let syntax):
            let cost = syntax.cost.map { " cost \(number($0))" } ?? ""
            return "(primitive \(syntax.name) \(dump(syntax.body))\(cost))"
        case .symbols(let names, let sign):
            return "(symbols \(names.joined(separator: " "))\(sign.map { " " + $0.rawValue } ?? ""))"
        }
    }

    static func parameters(_ definition: FunctionDefinition) -> String {
        "(" + definition.parameters.map { parameter in
            parameter.defaultValue.map { "(\(parameter.name) = \(dump($0)))" } ?? parameter.name
        }.joined(separator: " ") + ")"
    }

    public static func dump(_ expression: Expression) -> String {
        switch expression.kind {
        case .number(_, let text): return text
        case .string(let text): return quoted(text)
        case .boolean(let value): return value ? "true" : "false"
        case .nil: return "nil"
        case .variable(let name): return name
        case .list(let elements): return "(list" + elements.map { " " + dump($0) }.joined() + ")"
        case .record(let entries): return "(record" + entries.map { " (\($0.key) \(dump($0.value)))" }.joined() + ")"
        case .unary(let op, let operand): return "(\(op == .negate ? "neg" : op.rawValue) \(dump(operand)))"
        case .binary(let op, let left, let right): return "(\(op.rawValue) \(dump(left)) \(dump(right)))"
        case .logical(let op, let left, let right): return "(\(op.rawValue) \(dump(left)) \(dump(right)))"
        case .call(let callee, let arguments):
            return "(call \(dump(callee))" + arguments.map { argument in
                " " + (argument.label.map { "\($0): " } ?? "") + dump(argument.value)
            }.joined() + ")"
        case .index(let base, let index): return "(index \(dump(base)) \(dump(index)))"
        case .member(let base, let name): return "(. \(dump(base)) \(name))"
        case .slice(let base, let start, let end):
            return "(slice \(dump(base)) \(start.map(dump) ?? "_") \(end.map(dump) ?? "_"))"
        case .lambda(let definition):
            if definition.body.count == 1, case .return(let value?) = definition.body[0].kind {
                return "(lambda \(parameters(definition)) \(dump(value)))"
            }
            return "(lambda \(parameters(definition)) \(block(definition.body, "")))"
        }
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.unicodeScalars.map { $0.escaped(asASCII: false) }.joined() + "\""
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
