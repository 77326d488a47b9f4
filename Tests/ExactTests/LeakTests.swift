import Testing
@testable import Exact

/// A million mixed operations on values that live in GMP storage (beyond `Int`), so that
/// every result allocates an `mpz_t` which its `deinit` must clear: a stress test of the
/// storage lifecycle. The leak check proper is `scripts/leak-check`, which runs the same
/// workload in a standalone program that counts GMP's live allocations (valgrind cannot run
/// the test bundle: it crashes on libdispatch's signal thread).
@Suite struct LeakTests {
    @Test func millionOperations() throws {
        let big = try BigInteger(parsing: "123456789012345678901234567890")
        let threeFifths = try Rational(3, 5)
        var a = big
        var checksum = 0
        // 8 operations per iteration; nothing accumulates, so each stays the same size.
        for i in 0..<125_000 {
            let k = BigInteger(i + 1)
            a = a * k + big                          // 2: a grows only like big·H(i)
            a = try a / k - 1                        // 2
            let x = try Rational(a, k + big)         // 2: a sum and a reduction
            let y = x * threeFifths - x              // 2
            checksum &+= y.signum()
        }
        #expect(checksum == -125_000)
        #expect(a.asInt == nil)
    }
}
