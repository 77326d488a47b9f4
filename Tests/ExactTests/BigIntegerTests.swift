import Testing
@testable import Exact

@Suite struct BigIntegerTests {
    @Test func smallArithmetic() throws {
        let a: BigInteger = 7
        let b = BigInteger(-2)
        #expect(a + b == 5)
        #expect(a - b == 9)
        #expect(a * b == -14)
        #expect(-a == -7)
        #expect(try a / b == -3)
        #expect(try a % b == 1)
        #expect(try BigInteger(-7) / 2 == -3)
        #expect(try BigInteger(-7) % 2 == -1)
    }
}
