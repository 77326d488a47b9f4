import Dispatch

/// Frees large values on another thread.
///
/// Returning gigabytes to the system (`munmap` of the pages) is slow enough to be felt: an
/// interrupted computation hands its buffers here so that it answers Ctrl-C at once
/// (docs/interrupts.md), and the memory is freed while the program goes on or exits.
enum BackgroundRelease {
    /// Takes the last reference to `value`; it is destroyed on a utility-priority thread.
    static func release<Value>(_ value: consuming Value) {
        let holder = Holder(value)
        DispatchQueue.global(qos: .utility).async { holder.drop() }
    }

    /// Carries the value to the other thread, where `drop` destroys it.
    private final class Holder<Held>: @unchecked Sendable {
        private var value: Held?
        init(_ value: consuming Held) { self.value = value }
        func drop() { value = nil }
    }
}
