/// One lexical scope: its variables and the scope around it.
///
/// Blocks, function calls and loop iterations each get a new scope; closures keep
/// the scope they were created in, so they see later changes to its variables.
public final class Environment: @unchecked Sendable {
    private var values: [String: Value] = [:]
    let enclosing: Environment?

    init(enclosing: Environment? = nil) {
        self.enclosing = enclosing
    }

    /// Declares (or redeclares) `name` in this scope.
    func define(_ name: String, _ value: Value) {
        values[name] = value
    }

    /// The value of the nearest `name`, or nil if no scope declares it.
    func lookup(_ name: String) -> Value? {
        var scope: Environment? = self
        while let current = scope {
            if let value = current.values[name] { return value }
            scope = current.enclosing
        }
        return nil
    }

    /// Changes the nearest existing `name`; false if none exists.
    func assign(_ name: String, _ value: Value) -> Bool {
        var scope: Environment? = self
        while let current = scope {
            if current.values[name] != nil {
                current.values[name] = value
                return true
            }
            scope = current.enclosing
        }
        return false
    }

    /// The names declared in this scope alone.
    var names: [String] { Array(values.keys) }
}
