#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// The bytes an interpreter's values hold, against a limit.
///
/// A program can grow its values without bound long before any single one reaches its
/// own limit (a list of 10 million elements, a string of 100 MB): ten million `push`es of
/// `range(1000)` took more than 4 GB in nine seconds, and the machine's memory is the only
/// other stop. So the containers and pipeline objects charge their size here where they
/// are built and changed, and give it back when freed — a counter update per change, no
/// scan of the heap — and the interpreter checks the total at every loop iteration and
/// call (`Interpreter.tick`), where the error gets a source position.
///
/// What is counted: a list's elements and a record's fields at the size of a `Value`
/// each (`bytesPerElement`), a dataset's table and a model's parameters and cached
/// samples at 8 bytes a number. Strings are not counted (each is at most 100 MB, and a
/// list of them is counted by its elements), nor are expressions (their size is limited
/// on their own); so the process can use somewhat more than the limit.
///
/// Values charge the budget of the interpreter running on their thread (`current`); values
/// made elsewhere (by Swift code before a run) are not counted.
public final class MemoryBudget: Sendable {
    /// The most bytes the values may hold.
    public let limit: Int
    private let used = Atomic<Int>(0)

    public init(limit: Int) {
        self.limit = limit
    }

    /// The bytes held now.
    public var bytesInUse: Int { used.load(ordering: .relaxed) }

    /// Whether the values hold more than the limit.
    var isExceeded: Bool { used.load(ordering: .relaxed) > limit }

    /// Adds `bytes` (negative to give them back).
    func charge(_ bytes: Int) {
        if bytes != 0 { used.wrappingAdd(bytes, ordering: .relaxed) }
    }

    /// What one list element or record field costs: the size of a `Value`.
    static let bytesPerElement = MemoryLayout<Value>.stride

    // MARK: The running interpreter's budget

    /// The budget of the interpreter running on this thread, or nil.
    static var current: MemoryBudget? {
        guard let pointer = pthread_getspecific(key) else { return nil }
        return Unmanaged<MemoryBudget>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Runs `body` with `budget` as this thread's `current` budget.
    static func with<T>(_ budget: MemoryBudget?, _ body: () -> T) -> T {
        let previous = pthread_getspecific(key)
        let retained = budget.map { Unmanaged.passRetained($0) }
        pthread_setspecific(key, retained?.toOpaque())
        defer {
            pthread_setspecific(key, previous)
            retained?.release()
        }
        return body()
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    // MARK: Sizes

    /// The default limit: half of the machine's physical memory (or of the control
    /// group's limit, when the process runs in a container with a smaller one), so that
    /// a runaway script is stopped with an error while the machine, and the interpreter's
    /// own copies of the data it works on (training buffers, formula fits), still have room.
    public static let defaultLimit: Int = {
        var physical = ProcessInfo.processInfo.physicalMemory
        for path in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
               let bytes = UInt64(text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes > 0 {
                physical = min(physical, bytes)
            }
        }
        return Int(clamping: physical / 2)
    }()

    /// Reads a size such as `4GB`, `512M`, `1.5 GiB`, `100k` or `1000000` (bytes).
    /// Units are powers of 1024 (`K`, `M`, `G`, `T`, with or without `B` or `iB`), as
    /// for `ulimit` and most tools' memory options; nil for anything else or for 0.
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let number = trimmed.prefix { $0.isNumber || $0 == "." }
        var unit = trimmed.dropFirst(number.count).trimmingCharacters(in: .whitespaces)
        if unit.hasSuffix("IB") { unit.removeLast(2) } else if unit.hasSuffix("B") { unit.removeLast() }
        let scales: [String: Double] = ["": 1, "K": 0x1p10, "M": 0x1p20, "G": 0x1p30, "T": 0x1p40]
        guard let value = Double(number), let scale = scales[unit] else { return nil }
        let bytes = value * scale
        guard bytes >= 1, bytes < 0x1p62 else { return nil }
        return Int(bytes)
    }

    /// A size for messages: `4 GB`, `512 MB`, `1.5 GB`, `800 bytes` (powers of 1024).
    public static func describe(_ bytes: Int) -> String {
        let units: [(String, Double)] = [("TB", 0x1p40), ("GB", 0x1p30), ("MB", 0x1p20), ("KB", 0x1p10)]
        for (name, scale) in units where Double(bytes) >= scale {
            let value = Double(bytes) / scale
            let rounded = (value * 10).rounded() / 10
            return rounded == rounded.rounded() ? "\(Int(rounded)) \(name)" : "\(rounded) \(name)"
        }
        return "\(bytes) bytes"
    }
}

/// A share of a `MemoryBudget` held by one value, given back when the value is freed.
///
/// The value keeps this by composition: `update(to:)` when its size changes, and the
/// share's own `deinit` returns what is held.
package final class MemoryCharge: @unchecked Sendable {
    private let budget: MemoryBudget
    private var bytes = 0

    /// A share of the running interpreter's budget, or nil outside a run.
    package static func make(_ bytes: Int) -> MemoryCharge? {
        guard let budget = MemoryBudget.current else { return nil }
        let charge = MemoryCharge(budget: budget)
        charge.update(to: bytes)
        return charge
    }

    private init(budget: MemoryBudget) { self.budget = budget }

    package func update(to newBytes: Int) {
        budget.charge(newBytes - bytes)
        bytes = newBytes
    }

    deinit { budget.charge(-bytes) }
}
