import Foundation

/// Slots written by concurrent iterations, one each, read after they all finish.
///
///     let results = ConcurrentResults<Double?>(count: plans.count, empty: nil)
///     DispatchQueue.concurrentPerform(iterations: plans.count) { i in
///         results.store(run(plans[i]), at: i)
///     }
///     let values = results.values
final class ConcurrentResults<Value>: @unchecked Sendable {
    private var storage: [Value]
    private let lock = NSLock()

    init(count: Int, empty: Value) { storage = Array(repeating: empty, count: count) }

    func store(_ value: Value, at index: Int) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    var values: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
