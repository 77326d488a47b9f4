import Testing
@testable import Exact

/// 100!, from an independent computation.
let factorial100 = "93326215443944152681699238856266700490715968264381621468592963895217599993229915608941463976156518286253697920827223758251185210916864000000000000000000000000"

func factorial(_ n: Int) -> BigInteger {
    (1...n).reduce(BigInteger(1)) { $0 * BigInteger($1) }
}

@Suite struct BigIntegerTests {
    @Test func smallArithmetic() throws {
        let a: BigInteger = 7
        let b = BigInteger(-2)
        #expect(a + b == 5)
        #expect(a - b == 9)
        #expect(a * b == -14)
        #expect(-a == -7)
        #expect(+a == 7)
        #expect(try a / b == -3)
        #expect(try a % b == 1)
        #expect(try BigInteger(-7) / 2 == -3)
        #expect(try BigInteger(-7) % 2 == -1)
        var c = a
        c += 1; #expect(c == 8)
        c -= 10; #expect(c == -2)
        c *= -4; #expect(c == 8)
        try c /= 3; #expect(c == 2)
        c = 17
        try c %= 5; #expect(c == 2)
    }

    @Test func overflowMovesToGMPAndBack() throws {
        let max = BigInteger(Int.max)
        let min = BigInteger(Int.min)
        let big = max + 1
        #expect(big.asInt == nil)
        #expect(big.description == "9223372036854775808")
        #expect(big - 1 == max)
        #expect((big - 1).asInt == Int.max)
        #expect(-min == big)
        #expect((-big).asInt == Int.min)
        #expect(min - 1 == -(big + 1))
        #expect(max * max == (try BigInteger(parsing: "85070591730234615847396907784232501249")))
        #expect(try min / -1 == big)
        #expect(try min % -1 == 0)
        #expect(min * -1 == big)
        #expect(max * 2 - max == max)
    }

    @Test func factorialOf100() throws {
        let f = factorial(100)
        #expect(f.description == factorial100)
        #expect(try BigInteger(parsing: factorial100) == f)
        #expect((-f).description == "-" + factorial100)
        // 100!/98! = 9900, exactly.
        #expect(try f.dividedExactly(by: factorial(98)) == 9900)
        #expect(try f / factorial(99) == 100)
        #expect(try (f + 1) % factorial(99) == 1)
        #expect(try (-f - 1) % factorial(99) == -1)
        #expect(f.signum() == 1 && (-f).signum() == -1)
        #expect(abs(-f) == f && (-f).magnitude == f)
    }

    @Test func truncatedDivisionSigns() throws {
        for (a, b) in [(7, 2), (-7, 2), (7, -2), (-7, -2), (6, 3), (0, 5)] {
            let (q, r) = try BigInteger(a).quotientAndRemainder(dividingBy: BigInteger(b))
            #expect(q == BigInteger(a / b) && r == BigInteger(a % b))
        }
        let huge = try BigInteger(parsing: "-1000000000000000000000000000007")
        let (q, r) = try huge.quotientAndRemainder(dividingBy: 10)
        #expect(q.description == "-100000000000000000000000000000")
        #expect(r == -7)
    }

    @Test func divisionByZeroThrows() {
        #expect(throws: ExactError.divisionByZero) { try BigInteger(1) / 0 }
        #expect(throws: ExactError.divisionByZero) { try BigInteger(1) % 0 }
        #expect(throws: ExactError.divisionByZero) { try factorial(30).quotientAndRemainder(dividingBy: 0) }
        #expect(throws: ExactError.divisionByZero) { try factorial(30).dividedExactly(by: 0) }
        #expect(throws: ExactError.inexactDivision) { try BigInteger(7).dividedExactly(by: 2) }
    }

    @Test func powers() throws {
        #expect(try BigInteger(2).power(10) == 1024)
        #expect(try BigInteger(-3).power(3) == -27)
        #expect(try BigInteger(0).power(0) == 1)
        #expect(try BigInteger(0).power(5) == 0)
        #expect(try BigInteger(-1).power(1_000_001) == -1)
        #expect(try BigInteger(-1).power(1_000_000) == 1)
        #expect(try BigInteger(2).power(64).description == "18446744073709551616")
        #expect(try BigInteger(10).power(30).description == "1" + String(repeating: "0", count: 30))
        #expect(try (BigInteger(Int.max) + 1).power(2) == (BigInteger(Int.max) + 1) * (BigInteger(Int.max) + 1))
        #expect(throws: ExactError.negativeExponent) { try BigInteger(2).power(-1) }
        #expect(throws: ExactError.resultTooLarge) { try BigInteger(10).power(Int.max) }
    }

    @Test func greatestCommonDivisor() {
        #expect(BigInteger.gcd(12, 18) == 6)
        #expect(BigInteger.gcd(-12, 18) == 6)
        #expect(BigInteger.gcd(0, -5) == 5)
        #expect(BigInteger.gcd(0, 0) == 0)
        #expect(BigInteger.gcd(BigInteger(Int.min), 0) == BigInteger(Int.max) + 1)
        #expect(BigInteger.gcd(factorial(100), factorial(50) + 1) == 1)
        #expect(BigInteger.gcd(factorial(100), factorial(50) * 7) == factorial(50) * 7)
    }

    @Test func parsing() throws {
        #expect(try BigInteger(parsing: "0") == 0)
        #expect(try BigInteger(parsing: "-0") == 0)
        #expect(try BigInteger(parsing: "+42") == 42)
        #expect(try BigInteger(parsing: "-9223372036854775808") == BigInteger(Int.min))
        #expect(try BigInteger(parsing: "9223372036854775807").asInt == Int.max)
        #expect(try BigInteger(parsing: "0000000000000000000000000012").asInt == 12)
        for bad in ["", "-", "+", "1.5", "12a", " 1", "1 ", "--1", "0x10", "1_000", "١٢"] {
            #expect(throws: ExactError.invalidNumber(bad)) { try BigInteger(parsing: bad) }
        }
    }

    @Test func comparisonAndHashing() throws {
        let big = factorial(25)
        let values: [BigInteger] = [-big, BigInteger(Int.min), -1, 0, 1, BigInteger(Int.max), big]
        for (i, a) in values.enumerated() {
            for (j, b) in values.enumerated() {
                #expect((a < b) == (i < j))
                #expect((a == b) == (i == j))
            }
        }
        let set: Set<BigInteger> = [big, factorial(25), try BigInteger(parsing: big.description), 3, 3]
        #expect(set.count == 2)
        #expect(big.hashValue == factorial(25).hashValue)
    }

    @Test func conversions() throws {
        #expect(BigInteger(5).asInt == 5)
        #expect(factorial(30).asInt == nil)
        #expect(BigInteger(0).isZero && !BigInteger(1).isZero)
        #expect(BigInteger(0).signum() == 0)
        #expect(Double(BigInteger(-12)) == -12)
        #expect(Double(try BigInteger(2).power(64)) == 18446744073709551616.0)
        // 3^40 = 12157665459056928801 rounds to 1.2157665459056929e19.
        #expect(Double(try BigInteger(3).power(40)) == 1.2157665459056929e19)
        #expect(Double(try BigInteger(2).power(1024)) == .infinity)
        #expect(Double(-(try BigInteger(2).power(5000))) == -.infinity)
        #expect(Double(try BigInteger(2).power(1023)) == 0x1p1023)
        // Ties to even: 2^64 + 2^11 lies halfway between 2^64 and 2^64 + 2^12.
        let two64 = try BigInteger(2).power(64)
        #expect(Double(two64 + 2048) == 0x1p64)
        #expect(Double(two64 + 2049) == 0x1p64 + 0x1p12)
        #expect(Double(two64 + 3 * 2048) == 0x1p64 + 0x1p13)
        // A dropped bit far below the 64 kept ones must still break a tie upward.
        let tie = try BigInteger(2).power(200) + BigInteger(2).power(200 - 53)
        #expect(Double(tie) == 0x1p200)
        #expect(Double(tie + 1) == 0x1p200 + 0x1p148)
    }
}

@Suite struct NumericConformanceTests {
    func sum<T: Numeric>(_ values: [T]) -> T { values.reduce(.zero, +) }

    @Test func genericCode() throws {
        #expect(sum([BigInteger(Int.max), BigInteger(Int.max), 2]) == (try BigInteger(parsing: "18446744073709551616")))
        #expect(sum(try [Rational(1, 2), Rational(1, 3), Rational(1, 6)]) == 1)
        #expect(BigInteger(exactly: UInt.max) == (try BigInteger(parsing: "18446744073709551615")))
        #expect(BigInteger(exactly: Int8(-5)) == -5)
        #expect(Rational(exactly: UInt.max)?.numerator == (try BigInteger(parsing: "18446744073709551615")))
        var x: BigInteger = 5
        x.negate()
        #expect(x == -5 && BigInteger.zero == 0 && Rational.zero == 0)
        var r = try Rational(2, 3)
        r.negate()
        #expect(r == (try Rational(-2, 3)))
    }
}
