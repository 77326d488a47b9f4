/// A runtime error: a message and the place in the script that caused it.
public struct KanError: Error, Sendable {
    public var message: String
    /// Filled in by the interpreter from the expression being evaluated when a
    /// builtin throws without a location.
    public var location: SourceLocation?
    /// The syntax errors of an imported file, reported instead of `message`.
    var syntaxErrors: [Diagnostic] = []
    /// The calls of user functions the error passed through, innermost first, at most
    /// `maxFrames` (deep recursion would list thousands); `framesLeftOut` counts the rest.
    var callStack: [(function: String, location: SourceLocation)] = []
    var framesLeftOut = 0
    static let maxFrames = 8

    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }

    var diagnostic: Diagnostic { Diagnostic(.error, message, at: location) }

    /// Records that the error left a call of `function` made at `location`.
    mutating func noteCall(of function: String, at location: SourceLocation) {
        if callStack.count < Self.maxFrames { callStack.append((function, location)) } else { framesLeftOut += 1 }
    }

    /// One note per call the error passed through: `<repl-8>:1:1: note: in a call of 'f'`.
    var callNotes: [Diagnostic] {
        var notes = callStack.map { Diagnostic(.note, "in a call of '\($0.function)'", at: $0.location) }
        if framesLeftOut > 0 {
            notes.append(Diagnostic(.note, "and \(framesLeftOut) more \(framesLeftOut == 1 ? "call" : "calls") further out", at: nil))
        }
        return notes
    }
}

extension KanError {
    /// The error with `location` filled in when it had none.
    func located(at location: SourceLocation) -> KanError {
        var error = self
        if error.location == nil { error.location = location }
        return error
    }
}
