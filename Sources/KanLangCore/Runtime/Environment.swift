/// One lexical scope: its variables and the scope around it.
///
/// Blocks, function calls and loop iterations each get a new scope; closures keep
/// the scope they were created in, so they see later changes to its variables.
public final class Environment: @unchecked Sendable {
    private var values: [String: Value] = [:]
    private(set) var enclosing: Environment?

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

    /// Frees the variables and the enclosing scope through the thread's `ReleaseQueue`: a
    /// chain of closures, each kept in the scope of the next, is as deep as the loop that
    /// built it, and freeing it recursively would overflow the stack.
    deinit {
        // A shared enclosing scope outlives this one: nothing to free there.
        let freesEnclosing = isKnownUniquelyReferenced(&enclosing)
        let freesValues = values.values.contains(where: \.mayFreeNestedValues)
        guard freesValues || freesEnclosing else { return }
        let queue = ReleaseQueue.current
        if freesValues {
            queue.hold(.fields(values))
            values = [:]
        }
        if freesEnclosing, let enclosing {
            queue.hold(.scope(enclosing))
            self.enclosing = nil
        }
        queue.drain()
    }

    /// The names declared in this scope alone.
    var names: [String] { Array(values.keys) }
}
