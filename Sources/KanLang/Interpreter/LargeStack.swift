import Foundation

/// Runs work on a thread with a large stack and waits for it.
///
/// The tree-walking interpreter recurses once per nested call and expression; the
/// main thread's 8 MB would overflow long before the interpreter's own call-depth
/// limit, and an overflow is a crash, not an error.
enum LargeStack {
    /// Carries the result across threads; the caller waits, so access never overlaps.
    private final class Box<T>: @unchecked Sendable {
        var result: T?
        let body: () -> T
        init(_ body: @escaping () -> T) { self.body = body }
    }

    /// An address in the caller's stack frame; differences between two calls on
    /// one thread measure the stack used between them.
    @inline(never)
    static func currentAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    static func run<T>(stackSize: Int, _ body: @escaping () -> T) -> T {
        let box = Box(body)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.result = box.body()
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
        // The thread always stores a result before signalling.
        guard let result = box.result else { return body() }
        return result
    }
}
