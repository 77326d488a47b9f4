import Testing
@testable import Exact

/// A million mixed operations on values that live in GMP storage (beyond `Int`), so that
/// every result allocates an `mpz_t` which its `deinit` must clear.
///
/// Run alone under valgrind by `scripts/leak-check`: if a `deinit` forgot `mpz_clear`,
/// each of these operations would leak its limbs and valgrind reports them as definitely
/// lost. Without valgrind it is simply a stress test.
@Suite struct LeakTests {
    @Test func millionOperations() throws {
        let big = try BigInteger(parsing: "123456789012345678901234567890")
        var a = big
        var r = try Rational(big, big + 7)
        var checksum = 0
        for i in 0..<125_000 {
            let k = BigInteger(i + 1)
            a = a * k + big                       // 2 operations
            a = try a / k - 1                     // 2
            let step = try Rational(k, big)
            r = r + step                          // 1 (plus the construction above: 1)
            r = r * (try Rational(3, 5))          // 1
            checksum &+= a.signum() + r.signum()  // 1 (signum of GMP values)
        }
        #expect(checksum == 250_000)
        #expect(a.asInt == nil)
    }
}
