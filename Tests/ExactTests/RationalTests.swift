import Testing
@testable import Exact

@Suite struct RationalTests {
    @Test func normalisation() throws {
        let r = try Rational(2, 6)
        #expect(r.numerator == 1 && r.denominator == 3)
        let s = try Rational(4, -8)
        #expect(s.numerator == -1 && s.denominator == 2)
        let t = try Rational(-3, -9)
        #expect(t.numerator == 1 && t.denominator == 3)
        let zero = try Rational(0, -7)
        #expect(zero.numerator == 0 && zero.denominator == 1)
        #expect(zero == 0 && zero.isZero && zero.isInteger)
        let big = try Rational(factorial(30), factorial(28))
        #expect(big == 870 && big.isInteger)
        let minOverMin = try Rational(Int.min, Int.min)
        #expect(minOverMin == 1)
        #expect(try Rational(Int.min, -2) == Rational(BigInteger(1) * BigInteger(2).power(62)))
        #expect(try Rational(Int.min, Int.max).denominator == BigInteger(Int.max))
        #expect(throws: ExactError.divisionByZero) { try Rational(1, 0) }
        #expect(throws: ExactError.divisionByZero) { try Rational(factorial(30), 0) }
    }

    @Test func arithmetic() throws {
        let half = try Rational(1, 2)
        let third = try Rational(1, 3)
        #expect(half + third == (try Rational(5, 6)))
        #expect(half - third == (try Rational(1, 6)))
        #expect(half * third == (try Rational(1, 6)))
        #expect(try half / third == (try Rational(3, 2)))
        #expect(-half == (try Rational(-1, 2)))
        #expect(+half == half)
        #expect(try Rational(1, 6) + Rational(1, 3) == half)   // shared factor in the denominators
        #expect(try Rational(1, 6) + Rational(-1, 6) == 0)
        #expect(try Rational(5, 12) - Rational(1, 12) == third)
        #expect(try Rational(2, 3) * Rational(3, 2) == 1)
        #expect(try Rational(0, 1) * Rational(3, 2) == 0)
        var x = half
        x += third; #expect(x == (try Rational(5, 6)))
        x -= third; #expect(x == half)
        x *= 4; #expect(x == 2)
        try x /= 8; #expect(x == (try Rational(1, 4)))
        #expect(throws: ExactError.divisionByZero) { try half / 0 }
        #expect(throws: ExactError.divisionByZero) { try Rational(0).reciprocal() }
        #expect(try Rational(-2, 3).reciprocal() == (try Rational(-3, 2)))
        // Sum of 1/k for k = 1...30, checked against its known reduced form.
        let harmonic = try (1...30).reduce(Rational(0)) { try $0 + Rational(1, $1) }
        #expect(harmonic.description == "9304682830147/2329089562800")
    }

    @Test func hugeValues() throws {
        let f = factorial(100)
        let r = try Rational(f + 1, f)
        #expect(r.numerator == f + 1 && r.denominator == f)
        #expect(r - 1 == (try Rational(1, f)))
        #expect(r.floor == 1 && r.ceil == 2)
        #expect((try r * Rational(f, f + 1)) == 1)
        #expect(Double(r) == 1.0)
        #expect(Double(try Rational(f, 1)) == 9.332621544394415e157)
        #expect(Double(try Rational(1, f)) == 1 / 9.332621544394415e157)
        #expect(Double(try Rational(f * f * f, 3)) == .infinity)
        #expect(Double(try Rational(-1, f * f * f)) == 0)
        #expect(Double(try Rational(-1, f * f * f)).sign == .minus)
    }

    @Test func powers() throws {
        let r = try Rational(-2, 3)
        #expect(try r.power(3) == (try Rational(-8, 27)))
        #expect(try r.power(-2) == (try Rational(9, 4)))
        #expect(try r.power(-3) == (try Rational(-27, 8)))
        #expect(try r.power(0) == 1)
        #expect(try Rational(0).power(0) == 1)
        #expect(try Rational(0).power(3) == 0)
        #expect(throws: ExactError.divisionByZero) { try Rational(0).power(-1) }
        #expect(throws: ExactError.resultTooLarge) { try r.power(Int.min) }
        #expect(try Rational(-1).power(Int.min) == 1)
        #expect(try Rational(-1).power(Int.max) == -1)
        #expect(throws: ExactError.divisionByZero) { try Rational(0).power(Int.min) }
        #expect(try Rational(1, 2).power(100).denominator == (try BigInteger(2).power(100)))
    }

    @Test func roundingAndSign() throws {
        let cases: [(Int, Int, Int, Int)] = [(7, 2, 3, 4), (-7, 2, -4, -3), (6, 3, 2, 2), (-6, 3, -2, -2), (1, 3, 0, 1), (-1, 3, -1, 0), (0, 1, 0, 0)]
        for (p, q, floor, ceil) in cases {
            let r = try Rational(p, q)
            #expect(r.floor == BigInteger(floor) && r.ceil == BigInteger(ceil))
        }
        #expect(try Rational(-3, 4).signum() == -1)
        #expect(Rational(0).signum() == 0)
        #expect(abs(try Rational(-3, 4)) == (try Rational(3, 4)))
        #expect(try Rational(-3, 4).magnitude == (try Rational(3, 4)))
        #expect(!(try Rational(3, 4)).isInteger)
    }

    @Test func ordering() throws {
        let values = try [Rational(-5, 2), Rational(-1), Rational(-1, 3), Rational(0), Rational(1, 1000), Rational(1, 3), Rational(2, 5), Rational(1), Rational(factorial(40), 7)]
        for (i, a) in values.enumerated() {
            for (j, b) in values.enumerated() {
                #expect((a < b) == (i < j))
                #expect((a == b) == (i == j))
            }
        }
        #expect(Set(try [Rational(1, 2), Rational(2, 4), Rational(-3, -6)]).count == 1)
    }

    @Test func parsing() throws {
        let cases: [(String, String)] = [
            ("-3/4", "-3/4"), ("7", "7"), ("  2 / 6 ", "1/3"), ("3/-6", "-1/2"), ("+4/2", "2"),
            ("0.125", "1/8"), ("1e-3", "1/1000"), ("-2.5E+2", "-250"), (".5", "1/2"), ("5.", "5"),
            ("-0.0", "0"), ("1.50", "3/2"), ("12e2", "1200"), ("0.1", "1/10"), ("\t-7\n", "-7"),
            ("123456789012345678901234567890/10", "12345678901234567890123456789"),
            ("1e30", "1" + String(repeating: "0", count: 30)),
        ]
        for (text, expected) in cases {
            #expect(try Rational(parsing: text).description == expected, "\(text)")
        }
        for bad in ["", " ", "/", "1/", "/2", "1//2", "1/2/3", "1.5/2", "abc", "1e", "e5", ".", "-", "1.2.3", "1 2", "0x1", "1e1000001", "inf", "nan", "1/ 2x"] {
            #expect(throws: ExactError.invalidNumber(bad)) { try Rational(parsing: bad) }
        }
        #expect(throws: ExactError.divisionByZero) { try Rational(parsing: "1/0") }
    }

    @Test func exactDoubles() throws {
        #expect(Rational(exactly: 0.125) == (try Rational(1, 8)))
        #expect(Rational(exactly: -3.0) == -3)
        #expect(Rational(exactly: 0.0) == 0)
        #expect(Rational(exactly: -0.0) == 0)
        #expect(Rational(exactly: 0.1)?.description == "3602879701896397/36028797018963968")
        #expect(Rational(exactly: 0x1p100) == Rational(try BigInteger(2).power(100)))
        #expect(Rational(exactly: .leastNonzeroMagnitude) == (try Rational(1, BigInteger(2).power(1074))))
        #expect(Rational(exactly: .greatestFiniteMagnitude).map(Double.init) == .greatestFiniteMagnitude)
        #expect(Rational(exactly: .nan) == nil)
        #expect(Rational(exactly: .infinity) == nil)
        #expect(Rational(exactly: -.infinity) == nil)
    }

    @Test func toDouble() throws {
        #expect(Double(try Rational(1, 3)) == 1.0 / 3.0)
        #expect(Double(try Rational(-7, 8)) == -0.875)
        // (10^30 + 1)/3 ≈ 3.333333333333333e29, exercising the scaled path.
        #expect(Double(try Rational(try BigInteger(10).power(30) + 1, 3)) == 3.333333333333333e29)
        #expect(Double(try Rational(1, BigInteger(3).power(50))) == 1.3929555690985384e-24)
        #expect(Double(try Rational(1, BigInteger(2).power(1074))) == .leastNonzeroMagnitude)
        #expect(Double(try Rational(1, BigInteger(2).power(1076))) == 0)
        // Subnormal rounding, in units of u = 2^-1074: exactly half a unit ties to 0 (even),
        // a hair above half rounds up, 1.5 u ties to 2 u, 2.5 u to 2 u, 3/4 u to 1 u.
        let u = try BigInteger(2).power(1074)
        #expect(Double(try Rational(1, u * 2)) == 0)
        #expect(Double(try Rational(u + 1, u * u * 2)) == .leastNonzeroMagnitude)
        #expect(Double(try Rational(3, u * 2)) == 2 * .leastNonzeroMagnitude)
        #expect(Double(try Rational(5, u * 2)) == 2 * .leastNonzeroMagnitude)
        #expect(Double(try Rational(-3, u * 4)) == -.leastNonzeroMagnitude)
        #expect(Double(try Rational(1, 3) * Rational(1, u)) == 0)
        #expect(Double(try Rational(2, 3) * Rational(1, u)) == .leastNonzeroMagnitude)
        // Just below the least normal number, rounding up into it.
        let leastNormal = try Rational(1, BigInteger(2).power(1022))
        #expect(Double(leastNormal - (try Rational(1, u * 4))) == .leastNormalMagnitude)
    }

    @Test func errorDescriptions() {
        #expect(ExactError.divisionByZero.description == "division by zero")
        #expect(ExactError.invalidNumber("1/x").description == "invalid number: \"1/x\"")
        #expect(ExactError.nonFinite.description == "value is not finite")
        #expect(ExactError.invalidNumber("a") != ExactError.invalidNumber("b"))
    }
}
