extension Interpreter {
    /// The names of the global variables defined so far, sorted (the REPL's `:vars`).
    public var globalNames: [String] { globals.names.sorted() }
}
