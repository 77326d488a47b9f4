import Foundation

/// Runs work on a thread with a large stack and waits for it to end.
///
/// The tree-walking interpreter recurses once per nested call and expression; the
/// main thread's 8 MB would overflow long before the interpreter's own call-depth
/// limit, and an overflow is a crash, not an error. If the system refuses such a
/// thread, the work runs on the caller's thread with a conservative stack budget.
enum LargeStack {
    /// The stack assumed when running on the caller's thread.
    static let fallbackStackSize = 4 << 20

    /// Type-erased work, so the C thread entry point (which cannot be generic) can run it.
    private class Work {
        func run() {}
    }

    private final class TypedWork<T>: Work {
        let body: (Int) -> T
        let stackSize: Int
        var result: T?
        init(_ body: @escaping (Int) -> T, stackSize: Int) {
            self.body = body
            self.stackSize = stackSize
        }
        override func run() { result = body(stackSize) }
    }

    /// An address in the caller's stack frame; differences between two calls on
    /// one thread measure the stack used between them.
    @inline(never)
    static func currentAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    /// Runs `body` on a new thread of `stackSize` bytes and returns its result.
    /// `body` receives the stack size it actually has.
    static func run<T>(stackSize: Int, _ body: @escaping (Int) -> T) -> T {
        let work = TypedWork(body, stackSize: stackSize)
        var attributes = pthread_attr_t()
        guard pthread_attr_init(&attributes) == 0 else { return body(fallbackStackSize) }
        defer { pthread_attr_destroy(&attributes) }
        guard pthread_attr_setstacksize(&attributes, stackSize) == 0 else { return body(fallbackStackSize) }
        let context = Unmanaged.passRetained(work as Work).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, &attributes, { context in
            guard let context else { return nil }
            Unmanaged<Work>.fromOpaque(context).takeRetainedValue().run()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<Work>.fromOpaque(context).release()
            return body(fallbackStackSize)
        }
        // Joining (not just signalling) means the thread has dropped every reference
        // it held before the caller goes on.
        pthread_join(thread, nil)
        guard let result = work.result else { return body(fallbackStackSize) }
        return result
    }
}
