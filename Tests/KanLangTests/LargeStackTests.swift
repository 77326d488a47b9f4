import Testing
@testable import KanLang
@testable import KanLangCore

/// The stack measurement behind "recursion too deep (the interpreter's stack is exhausted)".
@Suite("Large stack")
struct LargeStackTests {
    @Test func aLocalOfTheRunningThreadIsOnItsStack() {
        // Holds for ordinary builds and for `scripts/test --asan`, which turns off
        // AddressSanitizer's fake stack (detect_stack_use_after_return=0).
        let onStack = LargeStack.run(stackSize: 16 << 20) { _ in
            LargeStack.isOnCurrentStack(LargeStack.currentAddress())
        }
        #expect(onStack)
    }

    @Test func aHeapAddressIsNotOnTheStack() {
        // Found running the suite under AddressSanitizer: locals there live in a fake stack on the
        // heap, and measuring heap addresses made every call fail as "stack exhausted".
        let storage = [UInt8](repeating: 0, count: 64)
        let address = storage.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        let onStack = LargeStack.run(stackSize: 16 << 20) { _ in LargeStack.isOnCurrentStack(address) }
        #expect(!onStack)
    }
}
