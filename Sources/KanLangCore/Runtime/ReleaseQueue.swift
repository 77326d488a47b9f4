#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Frees nested values one at a time instead of recursively, so that no nesting depth can
/// overflow the stack.
///
/// Releasing the last reference to a list releases its elements, each of which releases
/// its own elements, and so on: a list built as `l = [l]` a million times would be freed
/// a million calls deep, and any thread's stack overflows long before that. Instead the
/// `deinit` of every container (list, record, scope) moves its contents into this queue,
/// and the outermost `deinit` on the thread empties the queue in a loop. Freeing an item
/// may run more of those `deinit`s; they only append to the queue, so the stack stays a
/// few frames deep whatever the nesting.
///
/// One queue per thread: values belong to one interpreter thread at a time, but separate
/// interpreters may run (and free values) on several threads at once.
final class ReleaseQueue {
    /// Contents moved out of a container that is being freed.
    enum Item {
        case values([Value])
        case fields([String: Value])
        case scope(Environment)
    }

    private var items: [Item] = []
    private var isDraining = false

    /// Queues `item`. The caller then drops its own reference (empties the property it
    /// copied from) and calls `drain()`, so that the queue holds the only reference.
    func hold(_ item: Item) {
        items.append(item)
    }

    /// Frees everything queued, unless an outer `deinit` on this thread is already doing so.
    func drain() {
        guard !isDraining else { return }
        isDraining = true
        // Each popped item is freed at the end of its iteration; the deinits that this
        // runs only append to the queue and return.
        while let item = items.popLast() { _ = item }
        isDraining = false
    }

    /// This thread's queue, made on first use and freed when the thread exits.
    static var current: ReleaseQueue {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<ReleaseQueue>.fromOpaque(pointer).takeUnretainedValue()
        }
        let queue = ReleaseQueue()
        pthread_setspecific(key, Unmanaged.passRetained(queue).toOpaque())
        return queue
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<ReleaseQueue>.fromOpaque(pointer).release()
        }
        return key
    }()
}
