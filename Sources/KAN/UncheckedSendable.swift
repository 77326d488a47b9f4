/// Carries a value that is not `Sendable` into `concurrentPerform`.
///
/// Safe only where the caller guarantees what the compiler cannot see: in `Evaluator`, every
/// chunk writes only its own buffers and `concurrentPerform` returns after all workers
/// finished, so the value is never used concurrently with a write to it.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
