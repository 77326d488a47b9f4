import FileIO
import Foundation
import Symbolic

/// Runs KanLang programs, keeping variables, imports and primitives between runs.
///
/// The batch runner calls `run(source:fileName:)` once; the REPL calls
/// `evaluateLine(_:)` for each complete input (see `isComplete(_:)`), shows the
/// returned value, offers `completions(prefix:)` on Tab, and calls `interrupt()`
/// from its signal handler.
///
///     let interpreter = Interpreter(options: InterpreterOptions(), host: PipelineHost())
///     let value = try interpreter.evaluateLine("1 + 2")   // 3
///
/// What the programs drive (the builtins, the function library of `primitive`
/// declarations, the standard library) comes from its `host` (see `InterpreterHost`).
public final class Interpreter: @unchecked Sendable {
    public let options: InterpreterOptions
    /// The modules below the language, as the language sees them.
    public let host: any InterpreterHost
    public let registry: BuiltinRegistry
    /// The global scope; REPL inputs and batch scripts share it.
    let globals = Environment()
    let cancellation = CancellationFlag()
    /// What the program's values hold, against `options.memoryLimit`.
    public let memoryBudget: MemoryBudget

    /// The primitives declared so far, in order.
    public private(set) var primitives: [PrimitiveDeclaration] = []
    /// Called with each `primitive` declaration before the host's library takes it;
    /// throwing rejects the declaration with a located error.
    public var primitiveHook: ((PrimitiveDeclaration) throws(KanError) -> Void)?
    /// The signs declared by `symbols x, y positive`, by name (a later plain `symbols x`
    /// forgets x's); `simplify` applies the rules they make true.
    public var assumptions = Assumptions()

    var callDepth = 0
    var steps = 0
    /// An address near the top of the running thread's stack, to measure how much
    /// of it recursion has used (0 when not running).
    var stackBase: UInt = 0
    /// The size of the stack the program runs on.
    var stackSize = 0
    /// Files fully imported (run once each), by standardized path.
    var importedFiles = Set<String>()
    /// Files being imported now, outermost first, to detect cycles.
    var importStack: [String] = []
    /// The list a builtin printed as a table during the current run (`noteDisplayed`).
    var displayedList: ObjectIdentifier?
    /// The value of the last top-level expression of the last run.
    var lastTopLevelValue: Value?

    /// An interpreter whose builtins are the host's followed by `options.builtinGroups`.
    public init(options: InterpreterOptions = InterpreterOptions(), host: any InterpreterHost) {
        self.options = options
        self.host = host
        self.registry = BuiltinRegistry(groups: host.builtinGroups + options.builtinGroups)
        self.memoryBudget = MemoryBudget(limit: options.memoryLimit ?? MemoryBudget.defaultLimit)
        for constant in NamedConstant.all {
            globals.define(constant.name, .number(SymbolicBuilder.constant(constant.name, value: constant.value)))
        }
        globals.define("args", .list(options.arguments.map(Value.string)))
    }

    // MARK: Running

    /// Runs a script. Returns the value of its last statement if that is an
    /// expression with a non-nil value (what `kan -e` prints).
    ///
    /// A program interrupted by `interrupt()` never finishes normally: a builtin that stops
    /// early and returns what it has (`train`, `discover`) lets its statement complete, and
    /// the "interrupted" error then comes before the next statement, or after the last one,
    /// so that a batch run ends with status 130 wherever the interruption landed.
    @discardableResult
    public func run(source: String, fileName: String) throws(Diagnostics) -> Value? {
        try execute(SourceFile(name: fileName, text: source), isProgram: true)
    }

    /// Reads and runs a script file; the file's own path anchors its imports. Read by
    /// FileIO's `readEntireFile`: devices and folders are refused, a pipe is read as a
    /// stream, and nothing past `ReadSizeLimit.source` (16 MiB) is held.
    @discardableResult
    public func run(file path: String) throws(Diagnostics) -> Value? {
        let data: Data
        do {
            data = Data(try readEntireFile(atPath: path, limit: ReadSizeLimit.source))
        } catch {
            throw Diagnostics([Diagnostic(.error, "\(error)", at: nil)])
        }
        let file = try SourceDecoding.decode(data, fileName: path)
        let key = ImportResolver.standardize(path)
        importStack.append(key)
        defer { importStack.removeLast() }
        let result = try execute(file, isProgram: true)
        importedFiles.insert(key)
        return result
    }

    /// Runs one REPL input in the persistent global scope and returns the value to show.
    /// An input whose last statement was interrupted (a `train` returning the model of its
    /// last step) still shows its value: the session goes on either way.
    ///
    /// `name` is how diagnostics cite the input: the REPL numbers its inputs (`<repl-7>`), so
    /// an error in a function defined three inputs ago points at that input, not at a line
    /// of the current one.
    public func evaluateLine(_ source: String, name: String = "<repl>") throws(Diagnostics) -> Value? {
        try execute(SourceFile(name: name, text: source))
    }

    /// Whether the value `evaluateLine` last returned was already shown by the builtin that
    /// made it (`pareto` and `suggest` print their table): the REPL then does not echo it.
    public var lastValueWasDisplayed: Bool {
        guard let displayedList, case .list(let list)? = lastTopLevelValue else { return false }
        return ObjectIdentifier(list) == displayedList
    }

    /// Records that a builtin printed `value` as a table (`lastValueWasDisplayed`).
    public func noteDisplayed(_ value: Value) {
        if case .list(let list) = value { displayedList = ObjectIdentifier(list) }
    }

    /// Stops the running program at its next loop iteration or call with the error
    /// "interrupted". Safe to call from any thread (a signal handler's helper thread).
    public func interrupt() { cancellation.cancel() }

    /// Parses and runs on the large-stack thread.
    /// The syntax tree is built, run and freed there too: all three recurse.
    func execute(_ file: SourceFile, isProgram: Bool = false) throws(Diagnostics) -> Value? {
        cancellation.reset()
        displayedList = nil
        lastTopLevelValue = nil
        steps = 0
        let outcome: Result<Value?, Diagnostics> = LargeStack.run(stackSize: options.stackSize) { stackSize in
            // Values made by this run charge the interpreter's memory budget.
            MemoryBudget.with(self.memoryBudget) {
                // Off the machine stack (AddressSanitizer's fake stack) the measurement is
                // meaningless: 0 leaves recursion to maxCallDepth alone.
                let base = LargeStack.currentAddress()
                self.stackBase = LargeStack.isOnCurrentStack(base) ? base : 0
                self.stackSize = stackSize
                defer { self.stackBase = 0 }
                do throws(Diagnostics) {
                    let statements = try Parser.parse(file)
                    do throws(KanError) {
                        return .success(try self.executeTopLevel(statements, isProgram: isProgram))
                    } catch {
                        return .failure(Diagnostics(error.diagnostics))
                    }
                } catch {
                    return .failure(error)
                }
            }
        }
        return try outcome.get()
    }

    func executeTopLevel(_ statements: [Statement], isProgram: Bool = false) throws(KanError) -> Value? {
        callDepth = 0
        var last: Value?
        for statement in statements {
            // Statements without a call or loop (`let n = 1`) do not tick: check here too.
            try checkInterrupt(at: statement.location)
            last = nil
            if case .expression(let expression) = statement.kind {
                let value = try evaluate(expression, in: globals)
                if case .nil = value {} else { last = value }
            } else {
                _ = try execute(statement, in: globals)
            }
        }
        if isProgram, let final = statements.last { try checkInterrupt(at: final.location) }
        lastTopLevelValue = last
        return last
    }

    // MARK: Services for builtins and the REPL

    /// Writes to the output sink.
    public func write(_ text: String) { options.output(text) }

    /// Writes one warning line to the warning sink (standard error by default).
    public func warn(_ message: String) { options.warningOutput(message + "\n") }

    /// Where training progress goes: the option if set, else standard error when it
    /// is a terminal (never a pipe or a file, so logs stay clean).
    package var progressSink: (@Sendable (String) -> Void)? {
        if let sink = options.progressOutput { return sink }
        guard isatty(STDERR_FILENO) != 0 else { return nil }
        return { text in InterpreterOptions.writeStandardError(text) }
    }

    /// The global variable `name`, if defined.
    public func global(_ name: String) -> Value? { globals.lookup(name) }

    /// Defines or replaces a global variable.
    public func setGlobal(_ name: String, _ value: Value) { globals.define(name, value) }

    /// Keywords, builtins and global variables that start with `prefix`, sorted; after a
    /// dot, the fields of the value the names before it reach (`data.in` → `data.inputs`,
    /// `r.a.` → the keys of record `r.a`). Only variables and fields are looked up: completing
    /// never runs code.
    public func completions(prefix: String) -> [String] {
        if let dot = prefix.lastIndex(of: ".") {
            let path = prefix[..<dot].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            let fieldPrefix = String(prefix[prefix.index(after: dot)...])
            guard let first = path.first, var value = globals.lookup(first) else { return [] }
            for name in path.dropFirst() {
                guard let next = fieldValue(value, name) else { return [] }
                value = next
            }
            let base = String(prefix[..<dot]) + "."
            return fieldNames(value).filter { $0.hasPrefix(fieldPrefix) }.sorted().map { base + $0 }
        }
        let candidates = Set(Keyword.allCases.map(\.rawValue) + registry.names + globals.names)
        return candidates.filter { $0.hasPrefix(prefix) }.sorted()
    }

    private func fieldValue(_ value: Value, _ name: String) -> Value? {
        switch value {
        case .record(let record): record[name]
        case .opaque(let object): object.member(name)
        default: nil
        }
    }

    /// The names `.` reads on a value: a record's keys (those that are identifiers), a
    /// pipeline object's fields.
    private func fieldNames(_ value: Value) -> [String] {
        switch value {
        case .record(let record): record.entries.map(\.key).filter(ValueFormatter.isIdentifier)
        case .opaque(let object): object.memberNames
        default: []
        }
    }

    /// Whether `source` is a complete input, or the REPL should read more lines:
    /// false inside an open bracket, block or string, after a trailing `\`, or after
    /// a binary operator, `->`, `=` or `,` at the end.
    public static func isComplete(_ source: String) -> Bool {
        var lexer = Lexer(file: SourceFile(name: "<repl>", text: source))
        let tokens = lexer.tokenize()
        if lexer.endsInsideString || lexer.openBracketCount > 0 { return false }
        let trimmed = source.reversed().drop { $0 == "\n" || $0 == " " || $0 == "\t" || $0 == "\r" }
        if trimmed.first == "\\" { return false }
        guard let last = tokens.last(where: { $0.kind != .newline && $0.kind != .endOfFile }) else { return true }
        switch last.kind {
        case .symbol(let symbol):
            switch symbol {
            case .plus, .minus, .star, .slash, .percent, .caret, .equal, .equalEqual, .bangEqual, .less,
                 .lessEqual, .greater, .greaterEqual, .arrow, .comma, .ampersandAmpersand, .pipePipe, .dot:
                return false
            default: return true
            }
        case .keyword(.and), .keyword(.or), .keyword(.not), .keyword(.else): return false
        default: return true
        }
    }

    /// Records a primitive: the hook sees it first, then the host's library takes it (or says
    /// why it cannot), then it joins `primitives`. An error from the hook is located at the
    /// declaration; one from the library at the defining expression.
    func addPrimitive(_ declaration: PrimitiveDeclaration, expressionAt expressionLocation: SourceLocation) throws(KanError) {
        do throws(KanError) {
            try primitiveHook?(declaration)
        } catch {
            var located = error
            if located.location == nil { located.location = declaration.location }
            throw located
        }
        do throws(KanError) {
            try host.addPrimitive(declaration)
        } catch {
            var located = error
            if located.location == nil { located.location = expressionLocation }
            throw located
        }
        // A redeclared name keeps its place, as in the library.
        if let index = primitives.firstIndex(where: { $0.name == declaration.name }) {
            primitives[index] = declaration
        } else {
            primitives.append(declaration)
        }
    }

    /// Removes a primitive by name from the declarations and the host's function library;
    /// false if there was none.
    @discardableResult
    public func removePrimitive(named name: String) -> Bool {
        let count = primitives.count
        primitives.removeAll { $0.name == name }
        let removed = host.removePrimitive(named: name)
        return removed || primitives.count != count
    }

    /// The names of the global variables, sorted (what the REPL's `:vars` lists).
    /// Includes the predefined `pi`, `e` and `args`.
    public var globalNames: [String] { globals.names.sorted() }

    /// Whether `interrupt()` was called during the current run. Long builtins
    /// (training) poll it between steps.
    public var isInterrupted: Bool { cancellation.isCancelled }

    /// Throws the "interrupted" error if `interrupt()` was called: for builtins
    /// that loop in Swift.
    public func checkInterrupt(at location: SourceLocation) throws(KanError) {
        if cancellation.isCancelled { throw KanError("interrupted", at: location) }
    }

    /// Counts a step (loop iteration or call): honours interruption, the step budget and the
    /// memory limit.
    func tick(at location: SourceLocation) throws(KanError) {
        if cancellation.isCancelled { throw KanError("interrupted", at: location) }
        if memoryBudget.isExceeded { throw memoryLimitError(at: location) }
        steps += 1
        if let limit = options.maxSteps, steps > limit {
            throw KanError("step limit of \(limit) exceeded", at: location)
        }
    }
}

extension KanError {
    /// The diagnostics to report: the syntax errors of an imported file, or this error.
    var diagnostics: [Diagnostic] { syntaxErrors.isEmpty ? [diagnostic] + callNotes : syntaxErrors }
}

extension Interpreter {
    /// The error of a program whose values outgrew the memory limit.
    func memoryLimitError(at location: SourceLocation) -> KanError {
        KanError("memory limit of \(MemoryBudget.describe(memoryBudget.limit)) reached: the program's values hold "
                 + "\(MemoryBudget.describe(memoryBudget.bytesInUse)) (raise the limit with --memory-limit SIZE or "
                 + "KAN_MEMORY_LIMIT, or free values by setting their variables to nil)", at: location)
    }
}
