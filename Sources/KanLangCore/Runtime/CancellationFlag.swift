import Synchronization

/// A flag another thread (the REPL's Ctrl-C handler) sets to stop a running
/// program; the interpreter checks it at loop back-edges and calls.
public final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func cancel() { flag.store(true, ordering: .relaxed) }
    public func reset() { flag.store(false, ordering: .relaxed) }
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}
