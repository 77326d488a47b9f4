/// What an interpreter needs from the modules its programs drive, handed to it when it is
/// made: the language's core imports none of them.
///
/// KanLangCore is the language alone: source, syntax, values and the interpreter. It imports
/// nothing of Discovery, KAN, Plot or Table, so the pipeline can change without the language
/// and the language reads without the pipeline. It meets the pipeline at four points only,
/// the requirements below; the `KanLang` module implements them with Discovery's types
/// (`PipelineHost`), and its `Interpreter(options:)` passes one:
///
///     let interpreter = Interpreter(options: options, host: PipelineHost())
///
/// A host is a class because the primitive library it keeps is state shared with the
/// builtins that read it (`suggest`, `discover` read the library the program declared).
public protocol InterpreterHost: AnyObject {
    /// The builtins an interpreter starts with, before `InterpreterOptions.builtinGroups`.
    var builtinGroups: [any BuiltinGroup.Type] { get }

    /// The script `runStandardLibrary()` runs, and that `import` finds by its file name when no
    /// file of that name is beside the importer or in a library folder; nil for none.
    var standardLibrary: StandardLibrarySource? { get }

    /// Takes a `primitive` declaration (or `library_add`) into the host's function library,
    /// replacing one of the same name; throws the reason the declaration cannot be a
    /// primitive (the core checks only the language's rules: an expression in `x` alone, a
    /// whole cost). Nothing changes when it throws.
    func addPrimitive(_ declaration: PrimitiveDeclaration) throws(KanError)

    /// Removes the primitive with this name from the function library; false if it had none.
    func removePrimitive(named name: String) -> Bool

    /// What a builtin call returns, given what the builtin returned: the place for a rule that
    /// holds for every builtin (a model records the step that made it, see `ModelHistory`).
    func builtinResult(_ result: Value, of builtin: Builtin, call: BuiltinCall) -> Value
}

extension InterpreterHost {
    public var standardLibrary: StandardLibrarySource? { nil }

    public func builtinResult(_ result: Value, of builtin: Builtin, call: BuiltinCall) -> Value { result }
}

/// A script built into the program: the standard library, `std.kan`.
public struct StandardLibrarySource: Sendable {
    /// The name an `import` finds it by (`std.kan`).
    public var fileName: String
    /// The script's text.
    public var source: String

    public init(fileName: String, source: String) {
        self.fileName = fileName
        self.source = source
    }
}
