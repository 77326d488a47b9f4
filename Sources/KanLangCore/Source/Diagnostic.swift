/// One message about a script, located at a position in it.
///
/// Rendered like swiftc and clang:
///
///     script.kan:3:9: error: expected an expression
///     let x = * 2
///             ^
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning, note }

    public var severity: Severity
    public var message: String
    /// Where the problem is; nil for problems with no place (an unreadable file given
    /// on the command line).
    public var location: SourceLocation?

    public init(_ severity: Severity = .error, _ message: String, at location: SourceLocation?) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    /// The header line, the source line, and a caret under the column.
    public var rendered: String {
        guard let location else { return "kan: \(severity.rawValue): \(message)" }
        let line = location.file.lineText(location.line)
        // Copy tabs from the source line so the caret lines up in any tab width.
        var caret = ""
        for (index, scalar) in line.unicodeScalars.enumerated() where index < location.column - 1 {
            caret.unicodeScalars.append(scalar == "\t" ? "\t" : " ")
        }
        return "\(location): \(severity.rawValue): \(message)\n\(line)\n\(caret)^"
    }

    public var description: String { rendered }
}

/// The diagnostics of one failed run: every syntax error the parser found, or the
/// one runtime error that stopped the program.
public struct Diagnostics: Error, Sendable, Equatable, CustomStringConvertible {
    public var items: [Diagnostic]

    public init(_ items: [Diagnostic]) { self.items = items }

    /// All diagnostics rendered, one after another, each ending with a newline.
    public var rendered: String { items.map { $0.rendered + "\n" }.joined() }

    public var description: String { rendered }
}
