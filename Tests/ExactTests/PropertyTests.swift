import PropertyBased
import Testing
@testable import Exact

/// Integers of 1 to 4 "digits" in base 2^61, with a sign: covers 0, small values, values
/// near Int's limits, and values of up to ~250 bits.
let bigIntegers = Gen.int(in: Int.min...Int.max).array(of: 1...4).map { digits -> BigInteger in
    digits.dropFirst().reduce(BigInteger(digits[0])) { accumulated, digit in
        accumulated * BigInteger(1 << 61) + BigInteger(digit >> 3)
    }
}

/// Mostly small integers, where the Int fast path and its overflow edges are exercised.
let smallIntegers = Gen.int(in: -1000...1000).map { BigInteger($0) }

let rationals = zip(bigIntegers, bigIntegers).map { numerator, denominator -> Rational in
    (try? Rational(numerator, denominator)) ?? Rational(numerator)
}

let smallRationals = zip(Gen.int(in: -50...50), Gen.int(in: 1...50)).map { numerator, denominator -> Rational in
    (try? Rational(numerator, denominator)) ?? 0
}

@Suite struct IntegerProperties {
    @Test func ringLaws() async {
        await propertyCheck(count: 500, input: bigIntegers, bigIntegers, bigIntegers) { a, b, c throws in
            #expect(a + b == b + a)
            #expect(a * b == b * a)
            #expect((a + b) + c == a + (b + c))
            #expect((a * b) * c == a * (b * c))
            #expect(a * (b + c) == a * b + a * c)
            #expect(a + 0 == a && a * 1 == a && a * 0 == 0)
            #expect(a - a == 0 && a + (-a) == 0)
            #expect(a - b == -(b - a))
        }
    }

    @Test func divisionIdentity() async throws {
        await propertyCheck(count: 500, input: bigIntegers, bigIntegers) { a, b throws in
            guard !b.isZero else {
                #expect(throws: ExactError.divisionByZero) { try a / b }
                return
            }
            let (q, r) = try a.quotientAndRemainder(dividingBy: b)
            #expect(q * b + r == a)
            #expect(r.magnitude < b.magnitude)
            #expect(r.isZero || r.signum() == a.signum())
            #expect(try (a * b).dividedExactly(by: b) == a)
            let g = BigInteger.gcd(a, b)
            #expect(try a % g == 0 && b % g == 0)
            #expect(BigInteger.gcd(try a / g, try b / g) == 1)
        }
    }

    @Test func orderIsConsistentWithSubtraction() async {
        await propertyCheck(count: 500, input: bigIntegers, smallIntegers) { a, b throws in
            #expect((a < b) == ((a - b).signum() < 0))
            #expect((a == b) == (a - b).isZero)
            #expect((a == b) == (a.hashValue == b.hashValue) || a != b)
        }
    }

    @Test func descriptionRoundTrips() async throws {
        await propertyCheck(count: 500, input: bigIntegers) { a throws in
            #expect(try BigInteger(parsing: a.description) == a)
            if let small = a.asInt { #expect(a.description == String(small)) }
        }
    }

    /// The conversion is correctly rounded: no Double is closer to the exact value.
    @Test func doubleIsNearest() async {
        await propertyCheck(count: 500, input: bigIntegers) { a throws in
            expectNearest(Double(a), to: Rational(a))
        }
    }
}

@Suite struct RationalProperties {
    @Test func fieldLaws() async throws {
        await propertyCheck(count: 300, input: rationals, rationals, smallRationals) { a, b, c throws in
            #expect(a + b == b + a)
            #expect(a * b == b * a)
            #expect((a + b) + c == a + (b + c))
            #expect((a * b) * c == a * (b * c))
            #expect(a * (b + c) == a * b + a * c)
            #expect(a - a == 0 && a + 0 == a && a * 1 == a)
            if !b.isZero {
                #expect(try (a / b) * b == a)
                #expect(try b * b.reciprocal() == 1)
            }
        }
    }

    @Test func alwaysNormalised() async {
        await propertyCheck(count: 300, input: rationals, smallRationals) { a, b throws in
            for r in [a, b, a + b, a - b, a * b, (try? a / b) ?? 0, -a] {
                #expect(r.denominator.signum() > 0)
                #expect(BigInteger.gcd(r.numerator, r.denominator) == 1)
            }
        }
    }

    @Test func orderAndRounding() async {
        await propertyCheck(count: 300, input: rationals, rationals) { a, b throws in
            #expect((a < b) == ((a - b).signum() < 0))
            #expect(Rational(a.floor) <= a && a < Rational(a.floor + 1))
            #expect(Rational(a.ceil) >= a && a > Rational(a.ceil - 1))
        }
    }

    @Test func descriptionRoundTrips() async throws {
        await propertyCheck(count: 300, input: rationals) { a throws in
            #expect(try Rational(parsing: a.description) == a)
        }
    }

    /// Every finite Double converts exactly and back unchanged.
    @Test func exactDoubleRoundTrips() async {
        await propertyCheck(count: 500, input: Gen.double(in: -1e300...1e300), Gen.int(in: -1000...1000)) { x, e in
            let scaled = Double(sign: .plus, exponent: e, significand: x)
            guard scaled.isFinite, let r = Rational(exactly: scaled) else { return }
            #expect(Double(r) == scaled)
        }
    }

    /// The conversion is correctly rounded: no Double is closer to the exact value.
    @Test func doubleIsNearest() async {
        await propertyCheck(count: 500, input: rationals) { a throws in
            expectNearest(Double(a), to: a)
        }
    }
}

@Suite struct TinyAndHugeDoubles {
    /// Correct rounding where doubles are subnormal or near the top of the range.
    @Test func doubleIsNearestAtTheEnds() async {
        await propertyCheck(count: 500, input: rationals, Gen.int(in: -1200 ... -900), Gen.int(in: 900...1100)) { a, low, high in
            guard let small = try? a * Rational(2).power(low), let large = try? a * Rational(2).power(high) else { return }
            expectNearest(Double(small), to: small)
            let d = Double(large)
            if d.isFinite { expectNearest(d, to: large) }
        }
    }
}

/// Checks that `d` is finite and no neighbouring Double is strictly closer to `exact`.
func expectNearest(_ d: Double, to exact: Rational, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let value = Rational(exactly: d) else {
        Issue.record("\(d) is not finite", sourceLocation: sourceLocation)
        return
    }
    let error = (value - exact).magnitude
    for neighbour in [d.nextUp, d.nextDown] {
        guard let other = Rational(exactly: neighbour) else { continue }
        #expect(error <= (other - exact).magnitude, "\(d) vs \(neighbour) for \(exact)", sourceLocation: sourceLocation)
    }
}

/// Fractions whose parts fill the whole machine word, so that the `Int` fast paths of
/// `+` and `*` overflow in every way and must fall back to GMP with the same answers.
let wordRationals = zip(Gen.int(in: Int.min...Int.max), Gen.int(in: 1...Int.max)).map { p, q -> Rational in
    (try? Rational(p, q)) ?? 0
}

@Suite struct MachineWordEdges {
    @Test func fastPathsAgreeWithBigIntegerFormulas() async throws {
        await propertyCheck(count: 1000, input: wordRationals, wordRationals) { a, b throws in
            let sum = a + b
            let product = a * b
            // Cross-multiplied definitions, computed only with BigInteger.
            #expect(sum.numerator * a.denominator * b.denominator
                == (a.numerator * b.denominator + b.numerator * a.denominator) * sum.denominator)
            #expect(product.numerator * a.denominator * b.denominator
                == a.numerator * b.numerator * product.denominator)
            for r in [sum, product, a - b] {
                #expect(r.denominator.signum() > 0 && BigInteger.gcd(r.numerator, r.denominator) == 1)
            }
            #expect((sum - b) == a)
        }
    }
}
