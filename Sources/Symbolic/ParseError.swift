/// A syntax error in the text form of an expression, located by column.
///
/// ```swift
/// do { _ = try Expr(parsing: "sin(x") }
/// catch let error as ParseError { print(error) }  // column 6: expected ')' ...
/// ```
public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based column (in characters) where the problem was found.
    public let column: Int
    public let message: String

    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    public var description: String { "column \(column): \(message)" }
}
