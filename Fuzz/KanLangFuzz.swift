// libFuzzer target for the KanLang front end: any byte sequence runs through the
// decoder, lexer, parser and interpreter, as `kan FILE.kan` would run it.
//
// Built and run by `scripts/fuzz` (see docs/hardening.md); not part of the package.
// What counts as a finding: a crash or trap (libFuzzer reports it), an input that runs
// longer than the time limit or allocates past the memory limit, or an error without
// a source position (checked below: scripts must fail with `file:line:col: error:`).
@testable import KanLang
import Foundation

/// Runs one input. Bounds keep every input fast: a small step budget and call depth,
/// and `FuzzSandbox` caps on the builtins that train, sample or write files.
@_cdecl("LLVMFuzzerTestOneInput")
public func kanLangFuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    FuzzSandbox.shared.run(data)
    return 0
}

/// The interpreter setup for fuzzing: no output, no files outside a scratch folder,
/// and no work larger than a few milliseconds per builtin call.
final class FuzzSandbox {
    static let shared = FuzzSandbox()

    /// The scratch folder every input runs in; emptied after each input so inputs stay
    /// independent (a file one input saves is not there for the next).
    let folder: String
    /// The project's `library/`, so inputs can `import "std.kan"`.
    let libraryPath: String

    private init() {
        folder = NSTemporaryDirectory() + "kan-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard FileManager.default.changeCurrentDirectoryPath(folder) else {
            fatalError("fuzz: cannot enter the scratch folder \(folder)")
        }
        libraryPath = ProcessInfo.processInfo.environment["KAN_FUZZ_LIBRARY"]
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("library").path
    }

    func run(_ data: Data) {
        defer { emptyFolder() }
        let file: SourceFile
        do throws(Diagnostics) {
            file = try SourceDecoding.decode(data, fileName: "fuzz.kan")
        } catch {
            checkLocated(error)
            return
        }
        if importsOutsideSandbox(file) { return }
        var options = InterpreterOptions()
        options.maxSteps = 5_000
        options.maxCallDepth = 200
        options.libraryPaths = [libraryPath]
        options.output = { _ in }
        options.warningOutput = { _ in }
        options.progressOutput = { _ in }
        let interpreter = Interpreter(options: options)
        interpreter.registry.register(interpreter.registry.names.compactMap { name in
            interpreter.registry.builtin(named: name).flatMap(FuzzSandbox.bounded)
        })
        do throws(Diagnostics) {
            _ = try interpreter.execute(file)
        } catch {
            checkLocated(error)
        }
    }

    /// A script error must say where: every diagnostic has a position in the script.
    /// And with calls capped at 200 deep, a 4 KB script cannot exhaust a 1 GB stack:
    /// that message means the stack measurement is wrong (as it was under ASan).
    func checkLocated(_ diagnostics: Diagnostics) {
        guard !diagnostics.items.isEmpty else { fatalError("fuzz: a failed run reported no diagnostic") }
        for item in diagnostics.items {
            guard item.location != nil else { fatalError("fuzz: a diagnostic without a position: \(item.rendered)") }
            if item.message.contains("stack is exhausted") { fatalError("fuzz: stack exhausted: \(item.rendered)") }
        }
    }

    /// Whether the script imports a path that leaves the scratch folder and the library
    /// (`import "/dev/zero"` would read forever, as it would for a user).
    func importsOutsideSandbox(_ file: SourceFile) -> Bool {
        var lexer = Lexer(file: file)
        let tokens = lexer.tokenize()
        for (index, token) in tokens.enumerated() where token.kind == .keyword(.import) && index + 1 < tokens.count {
            if case .string(let path) = tokens[index + 1].kind, !isPlainFileName(path) { return true }
        }
        return false
    }

    func isPlainFileName(_ path: String) -> Bool {
        !path.isEmpty && path != "." && path != ".." && !path.contains("/")
    }

    func emptyFolder() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names { try? FileManager.default.removeItem(atPath: folder + "/" + name) }
    }

    /// The builtin with its costly arguments capped, or nil to leave it as it is.
    ///
    /// An input over a cap is refused with an ordinary located error, so the fuzzer still
    /// sees the rest of the script run. The caps keep training, sampling and discovery to
    /// a few milliseconds, and keep file paths inside the scratch folder.
    static func bounded(_ builtin: Builtin) -> Builtin? {
        let integerCaps: [String: Int]
        let numberCaps: [String: Double]
        switch builtin.name {
        case "dataset", "train_test": (integerCaps, numberCaps) = (["n": 64, "test": 64], [:])
        case "train": (integerCaps, numberCaps) = (["steps": 3], [:])
        case "kan": (integerCaps, numberCaps) = (["grid": 8, "k": 4, "arity": 3], [:])
        case "refine": (integerCaps, numberCaps) = (["grid": 8], [:])
        case "range": (integerCaps, numberCaps) = (["start": 10_000, "stop": 10_000, "step": 10_000], [:])
        case "discover": (integerCaps, numberCaps) = ([:], ["time_limit": 0.2])
        default:
            guard builtin.parameters.contains(where: { $0.name == "path" }) else { return nil }
            (integerCaps, numberCaps) = ([:], [:])
        }
        let original = builtin.body
        return Builtin(builtin.name, builtin.parameters, variadic: builtin.variadic, group: builtin.group,
                       doc: builtin.doc) { call in
            for (name, cap) in integerCaps where call.has(name) {
                if let value = try? call.integer(name), abs(value) > cap {
                    throw call.error("fuzz: \(name) is capped at \(cap)", at: name)
                }
            }
            for (name, cap) in numberCaps where call.has(name) {
                if let value = try? call.number(name), !(value <= cap) {
                    throw call.error("fuzz: \(name) is capped at \(cap)", at: name)
                }
            }
            if call.has("path"), let path = try? call.string("path"), !shared.isPlainFileName(path) {
                throw call.error("fuzz: paths must be plain file names", at: "path")
            }
            if builtin.name == "kan" { try checkWidth(call) }
            return try original(call)
        }
    }

    /// Small networks only: at most 4 levels of at most 6 nodes (sum or multiplication).
    static func checkWidth(_ call: BuiltinCall) throws(KanError) {
        func small(_ value: Value) -> Bool {
            switch value {
            case .number(let number): return abs(number.value) <= 6
            case .list(let list): return list.elements.count <= 2 && list.elements.allSatisfy(small)
            default: return true
            }
        }
        for name in ["width", "mult"] where call.has(name) {
            let list = try call.list(name)
            guard list.elements.count <= 4, list.elements.allSatisfy(small) else {
                throw call.error("fuzz: \(name) is capped at 4 levels of 6 nodes", at: name)
            }
        }
    }
}
