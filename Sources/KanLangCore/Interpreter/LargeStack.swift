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

    /// Whether `address` lies in the running thread's stack.
    ///
    /// The address of a local variable measures stack use only if locals live on the
    /// machine stack. Under AddressSanitizer's check for stack use after return (on by
    /// default), they live in a "fake stack" on the heap instead, so every difference
    /// is noise; callers then go without the measurement. True where the stack's bounds
    /// cannot be read.
    static func isOnCurrentStack(_ address: UInt) -> Bool {
        var attributes = pthread_attr_t()
        guard let getAttributes = currentThreadAttributes, getAttributes(pthread_self(), &attributes) == 0 else { return true }
        defer { pthread_attr_destroy(&attributes) }
        var low: UnsafeMutableRawPointer?
        var size = 0
        guard pthread_attr_getstack(&attributes, &low, &size) == 0, let low else { return true }
        let start = UInt(bitPattern: low)
        return address >= start && address - start < UInt(size)
    }

    /// glibc's `pthread_getattr_np`, looked up at run time: Swift's Glibc module hides
    /// GNU extensions. It fills in the attributes, stack bounds included, of a running thread.
    private typealias ThreadAttributes = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32
    private static let currentThreadAttributes: ThreadAttributes? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "pthread_getattr_np") else { return nil }
        return unsafeBitCast(symbol, to: ThreadAttributes.self)
    }()

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
