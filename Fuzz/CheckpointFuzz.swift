// libFuzzer target for the checkpoint loader: any byte sequence is loaded as a model
// file, as `load_model` loads one (Checkpoint.decode, then network(resolver:) with the
// standard function library).
//
// Built and run by `scripts/fuzz` (see docs/hardening.md); not part of the package.
// Besides crashes, timeouts and runaway memory, these are findings:
// - an error that is not one of the checkpoint errors (`checkpointCorrupt`,
//   `checkpointVersion`, `checkpointInvalid` with a field's path), or one with an
//   empty message;
// - a file that loads, but whose network, saved again, does not load back to the same
//   checkpoint (the loader accepted something the saver cannot reproduce);
// - a network made from a loaded one by what KanLang does to models (evaluate, refine,
//   prune, attribution, the formula of its symbolic edges) that `validate()` refuses:
//   kan must never produce a model it cannot load again.
//
// `KAN_FUZZ_MUTATE_SEEDS=FOLDER checkpoint-fuzz` writes, next to each checkpoint in
// FOLDER, variants with every field changed to hostile values, and exits: the script's
// seeds beyond the real checkpoints (see `CheckpointMutations`).
@testable import KAN
import Discovery
import Foundation

@_cdecl("LLVMFuzzerInitialize")
public func checkpointFuzzInitialize(_ argc: UnsafeMutablePointer<CInt>,
                                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    if let folder = ProcessInfo.processInfo.environment["KAN_FUZZ_MUTATE_SEEDS"] {
        let written = CheckpointMutations.writeVariants(inFolder: folder)
        print("checkpoint-fuzz: wrote \(written) variants in \(folder)")
        exit(0)
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func checkpointFuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    CheckpointFuzz.run(Data(bytes: bytes, count: count))
    return 0
}

enum CheckpointFuzz {
    static let library = FunctionLibrary.standard
    static func resolve(_ name: String) -> SymbolicFunction? { library.symbolicFunction(named: name) }

    static func run(_ data: Data) {
        let network: Network
        do {
            network = try Checkpoint.decode(data).network(resolver: resolve)
        } catch let error as KANError {
            switch error {
            case .checkpointCorrupt(let message):
                if message.isEmpty { fatalError("fuzz: a corrupt checkpoint without a message") }
            case .checkpointVersion:
                break
            case .checkpointInvalid(let field, let problem):
                if field.isEmpty || problem.isEmpty { fatalError("fuzz: an invalid field without a path or a message: \(error)") }
            default:
                fatalError("fuzz: loading failed with a KANError that is not about the checkpoint: \(error)")
            }
            return
        } catch {
            fatalError("fuzz: loading failed with an error that is not a KANError: \(error)")
        }
        roundTrip(network)
        exercise(network)
    }

    /// Saved again, the network loads back to the same checkpoint, and encodes to the same bytes.
    static func roundTrip(_ network: Network) {
        let checkpoint = Checkpoint(network)
        do {
            let bytes = try checkpoint.encoded()
            let again = try Checkpoint.decode(bytes)
            let reloaded = try again.network(resolver: resolve)
            guard again == checkpoint, Checkpoint(reloaded) == checkpoint, try Checkpoint(reloaded).encoded() == bytes else {
                fatalError("fuzz: a loaded network does not survive saving and loading again")
            }
        } catch {
            fatalError("fuzz: a loaded network, saved again, does not load: \(error)")
        }
    }

    /// What KanLang does with a loaded model; the models it makes must be valid checkpoints.
    static func exercise(_ network: Network) {
        let n = network.inputCount
        let rows: [Double] = (0..<n).flatMap { i in [0, 0.5 - Double(i) * 0.3, -1e3] }
        let samples = try? Dataset(rows: (0..<3).flatMap { r in (0..<n).map { rows[$0 * 3 + r] } }, inputCount: n)
        if let samples { _ = try? network.evaluate(samples) }
        // Work proportional to samples × edges: only for small networks, as a fuzz input should be.
        let edges = network.layers.reduce(0) { $0 + $1.edgeCount }
        let cached = network.cachedInputs
        if let cached, cached.count * Swift.max(edges, 1) <= 100_000 {
            _ = try? network.attribution()
            check(try? network.pruned(), "pruning")
            check(try? network.refined(gridSize: Swift.min(network.gridSize + 1, 16)), "refining")
        } else if let samples, edges <= 10_000 {
            check(try? network.refined(gridSize: Swift.min(network.gridSize + 1, 16), samples: samples), "refining")
        }
        // As `formula` composes it: the current inputs, numbered from 0.
        _ = try? NetworkComposition.formulas(network.renumberingInputs(), library: library,
                                             variables: (0..<n).map { "x\($0)" })
    }

    static func check(_ result: Network?, _ operation: String) {
        guard let result else { return }
        do {
            try Checkpoint(result).validate()
        } catch {
            fatalError("fuzz: \(operation) a loaded network made one whose checkpoint is refused: \(error)")
        }
    }
}

/// Variants of real checkpoints with one field changed: every key removed or set to
/// each of `hostileValues`, every list emptied, shortened or lengthened, and the first,
/// middle and last element of every list set to each of `hostileElements`.
enum CheckpointMutations {
    /// JSON texts for a value: out of range for every integer type kan reads, fractions,
    /// beyond a double, the non-finite numbers, and values of the wrong type.
    static let hostileValues = [
        "-1", "0", "1", "2", "3", "0.5", "-0.5", "1.5", "1e8", "100000000", "1099511627776", "1048576", "1048577",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616", "1e300", "-1e300", "1e400", "-0",
        "\"nan\"", "\"inf\"", "\"-inf\"", "\"x\"", "\"\"", "null", "true", "[]", "{}", "[0]", "[[]]", "[\"nan\"]",
    ]
    /// A string put where the hostile value goes, then replaced in the JSON text (which
    /// is how values JSONSerialization cannot write, as 1e400, get in).
    static let placeholder = "__kan_fuzz_value__"
    /// The shorter list for elements of lists (there are many).
    static let hostileElements = ["-1", "0.5", "1099511627776", "1e400", "\"nan\"", "\"inf\"", "\"x\"", "null", "[]"]

    static func writeVariants(inFolder folder: String) -> Int {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        var written = 0
        for name in names {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name),
                  let root = try? JSONSerialization.jsonObject(with: data) else { continue }
            var variants: [String] = []
            collect(root, path: [], root: root, into: &variants)
            for (k, text) in variants.enumerated() {
                let file = folder + "/" + name.dropLast(5) + "-mutant-\(k).json"
                if FileManager.default.createFile(atPath: file, contents: Data(text.utf8)) { written += 1 }
            }
        }
        return written
    }

    enum Step { case key(String), index(Int) }

    static func collect(_ value: Any, path: [Step], root: Any, into variants: inout [String]) {
        if let last = path.last {
            let values: [String]
            if case .index = last { values = hostileElements } else { values = hostileValues }
            for hostile in values {
                if let text = replacing(root, at: path[...], with: placeholder) {
                    variants.append(text.replacingOccurrences(of: "\"\(placeholder)\"", with: hostile))
                }
            }
            if case .key = path.last, let text = replacing(root, at: path[...], with: nil) { variants.append(text) }
        }
        if let object = value as? [String: Any] {
            for key in object.keys.sorted() { collect(object[key]!, path: path + [.key(key)], root: root, into: &variants) }
        } else if let list = value as? [Any] {
            // Emptied, without its last element, with its first repeated at the end.
            for edited in [[], Array(list.dropLast()), list + list.prefix(1)] where !list.isEmpty {
                if let text = replacing(root, at: path[...], with: edited) { variants.append(text) }
            }
            for index in Set([0, list.count / 2, list.count - 1]).sorted() where list.indices.contains(index) {
                collect(list[index], path: path + [.index(index)], root: root, into: &variants)
            }
        }
    }

    /// The JSON text of `root` with the value at `path` replaced (removed when `value` is nil).
    static func replacing(_ root: Any, at path: ArraySlice<Step>, with value: Any?) -> String? {
        func edit(_ node: Any, _ path: ArraySlice<Step>) -> Any? {
            guard let step = path.first else { return value }
            switch step {
            case .key(let key):
                guard var object = node as? [String: Any], let child = object[key] else { return node }
                object[key] = edit(child, path.dropFirst())
                return object
            case .index(let index):
                guard var list = node as? [Any], list.indices.contains(index) else { return node }
                if let replaced = edit(list[index], path.dropFirst()) { list[index] = replaced } else { list.remove(at: index) }
                return list
            }
        }
        guard let edited = edit(root, path),
              let data = try? JSONSerialization.data(withJSONObject: edited, options: [.sortedKeys, .fragmentsAllowed]) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
