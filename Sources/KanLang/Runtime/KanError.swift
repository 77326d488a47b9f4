/// A runtime error: a message and the place in the script that caused it.
public struct KanError: Error, Sendable {
    public var message: String
    /// Filled in by the interpreter from the expression being evaluated when a
    /// builtin throws without a location.
    public var location: SourceLocation?
    /// The syntax errors of an imported file, reported instead of `message`.
    var syntaxErrors: [Diagnostic] = []

    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }

    var diagnostic: Diagnostic { Diagnostic(.error, message, at: location) }
}
