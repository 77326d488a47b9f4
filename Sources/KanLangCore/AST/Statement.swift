import Symbolic

/// A statement node: what it is, and where it starts.
public final class Statement: Sendable {
    public let kind: Kind
    public let location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    public enum Kind: Sendable {
        case expression(Expression)
        /// `let name = value`
        case `let`(String, Expression)
        /// `target = value`, where target is a variable, an index or a member.
        case assign(Expression, Expression)
        /// `fn name(parameters) { body }`
        case function(FunctionDefinition)
        /// `if condition { then } else { otherwise }`; `else if` nests an `if` in `otherwise`.
        case `if`(Expression, [Statement], [Statement]?)
        case `while`(Expression, [Statement])
        /// `for name in sequence { body }`
        case `for`(String, Expression, [Statement])
        case `return`(Expression?)
        case `break`
        case `continue`
        /// `{ ... }` on its own: a nested scope.
        case block([Statement])
        /// `import "file.kan"`
        case `import`(String)
        /// `primitive NAME = EXPR-IN-x cost N`
        case primitive(PrimitiveSyntax)
        /// `symbols x, y` or `symbols x, y positive`: the names, and the sign they are
        /// declared to have (nil: any real number).
        case symbols([String], SymbolSign?)
    }
}

/// The parsed form of a `primitive` declaration.
public struct PrimitiveSyntax: Sendable {
    public var name: String
    /// The defining expression in the variable `x`.
    public var body: Expression
    /// The defining expression's source text, as written.
    public var text: String
    /// The complexity given after `cost`, or nil for the default.
    public var cost: Double?
}

/// The sign a `symbols` statement declares: `symbols x, y positive`. Simplification
/// uses it for rules that hold only for such values (√(x²) = x, |x| = x).
public enum SymbolSign: String, Sendable, CaseIterable {
    case positive, nonnegative, negative, nonpositive
}

extension SymbolSign {
    /// The interval of the sign.
    public var domain: SymbolDomain {
        switch self {
        case .positive: .positive
        case .nonnegative: .nonnegative
        case .negative: .negative
        case .nonpositive: .nonpositive
        }
    }
}
