/// An expression node: what it is, and where it starts.
public final class Expression: Sendable {
    public let kind: Kind
    public let location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    public enum Kind: Sendable {
        /// A number literal, read once with its exact value (`0.1` is 1/10); `text`
        /// keeps the digits as written.
        case number(Number, text: String)
        case string(String)
        case boolean(Bool)
        case `nil`
        case variable(String)
        case list([Expression])
        /// `{name: value, "any key": value}`; keys in source order.
        case record([(key: String, value: Expression)])
        case unary(UnaryOperator, Expression)
        case binary(BinaryOperator, Expression, Expression)
        /// `and` / `or`: evaluated lazily.
        case logical(LogicalOperator, Expression, Expression)
        case call(Expression, [Argument])
        case index(Expression, Expression)
        /// `l[a:b]`, `l[:b]`, `l[a:]`: the part of a list or string from `a` up to (not
        /// including) `b`, either end counting from the end when negative.
        case slice(Expression, start: Expression?, end: Expression?)
        case member(Expression, String)
        /// `x -> body` or `(x, y = 1) -> { ... }`.
        case lambda(FunctionDefinition)
    }
}

public enum UnaryOperator: String, Sendable { case negate = "-", plus = "+", not = "not" }

public enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%", power = "^"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
}

public enum LogicalOperator: String, Sendable { case and, or }

/// One argument of a call: positional (`label == nil`) or named (`steps: 50`).
public struct Argument: Sendable {
    public var label: String?
    public var value: Expression
    /// Where the argument starts (the label if it has one), for argument errors.
    public var location: SourceLocation
}

/// A parameter of a user function, with an optional default value expression.
public struct Parameter: Sendable {
    public var name: String
    public var defaultValue: Expression?
    public var location: SourceLocation
}

/// The shared part of `fn` declarations and lambdas.
public final class FunctionDefinition: Sendable {
    /// The declared name, or nil for a lambda.
    public let name: String?
    public let parameters: [Parameter]
    public let body: [Statement]
    public let location: SourceLocation

    public init(name: String?, parameters: [Parameter], body: [Statement], at location: SourceLocation) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.location = location
    }
}
