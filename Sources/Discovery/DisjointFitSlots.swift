/// A buffer of fits whose slots are each written by exactly one concurrent iteration,
/// so `concurrentPerform` can fill it without locks.
///
/// Unchecked: the caller guarantees that no two iterations write the same index and that
/// the buffer is read only after `concurrentPerform` returns.
struct DisjointFitSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<AffineFit>
    func store(_ fit: AffineFit, at index: Int) { buffer[index] = fit }
}
