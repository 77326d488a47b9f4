import Foundation

/// How an interpreter is set up: script arguments, where imports look, limits, output.
public struct InterpreterOptions {
    /// The arguments after the script name, visible to scripts as the list `args`.
    public var arguments: [String] = []
    /// Directories searched by `import` after the importing file's own directory
    /// (the project's `library/` goes here).
    public var libraryPaths: [String] = []
    /// The deepest call nesting allowed before "recursion too deep".
    public var maxCallDepth = 10_000
    /// Stops a run after this many steps (loop iterations and calls); nil for no limit.
    public var maxSteps: Int?
    /// The most bytes the program's values (lists, records, datasets, models) may hold
    /// before a run stops with "memory limit of … reached" (see `MemoryBudget`); nil for
    /// `MemoryBudget.defaultLimit`, half of the machine's memory.
    public var memoryLimit: Int?
    /// Stack size of the thread programs run on; deep recursion needs more than
    /// the 8 MB of the main thread. Calls also stop with "recursion too deep" when
    /// less than 64 MB of it is left, whatever `maxCallDepth` says (where the stack can
    /// be measured: not under AddressSanitizer's fake stack, see docs/hardening.md).
    public var stackSize = 1 << 30
    /// Receives everything `print` writes. Defaults to standard output.
    public var output: @Sendable (String) -> Void = { text in print(text, terminator: "") }
    /// Receives warnings (an interrupted `train`, for example), one line each with its
    /// line break. Defaults to standard error.
    public var warningOutput: @Sendable (String) -> Void = { text in InterpreterOptions.writeStandardError(text) }
    /// Receives the training progress bar: text that redraws one line with `\r`.
    /// nil (the default) draws it on standard error when that is a terminal, and
    /// nowhere when it is a pipe or a file.
    public var progressOutput: (@Sendable (String) -> Void)?
    /// Builtin groups to register after the host's (`InterpreterHost.builtinGroups`); a
    /// builtin of a name already taken replaces the earlier one.
    public var builtinGroups: [any BuiltinGroup.Type] = []

    public init() {}

    static func writeStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
