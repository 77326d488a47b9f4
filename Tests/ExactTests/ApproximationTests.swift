import PropertyBased
import Testing
@testable import Exact

/// The reference answer by brute force: the first denominator `q` whose multiples meet
/// `[x − tolerance, x + tolerance]` (exact interval), with the numerator of least magnitude.
func simplestByScan(_ x: Double, tolerance: Double, maxDenominator: Int) -> Rational? {
    guard let center = Rational(exactly: x), let radius = Rational(exactly: tolerance) else { return nil }
    let lo = center - radius
    let hi = center + radius
    for q in 1...maxDenominator {
        let denominator = Rational(q)
        let smallest = (lo * denominator).ceil
        let largest = (hi * denominator).floor
        guard smallest <= largest else { continue }
        // The integer of least magnitude in [smallest, largest].
        let p: BigInteger = smallest.signum() > 0 ? smallest : (largest.signum() < 0 ? largest : 0)
        return try? Rational(p, BigInteger(q))
    }
    return nil
}

@Suite struct ApproximationTests {
    @Test func requiredExamples() throws {
        #expect(Rational.approximating(0.33333334, tolerance: 1e-6) == (try Rational(1, 3)))
        #expect(Rational.approximating(2.7182818, tolerance: 1e-6, maxDenominator: 100) == nil)
        #expect(Rational.approximating(-1.4999999, tolerance: 1e-6) == (try Rational(-3, 2)))
        #expect(Rational.approximating(0.0, tolerance: 1e-6) == 0)
        #expect(Rational.approximating(3.0000001, tolerance: 1e-6) == 3)
        #expect(Rational.approximating(1e-12, tolerance: 1e-9) == 0)
    }

    @Test func moreCases() throws {
        #expect(Rational.approximating(2.7182818, tolerance: 1e-6) == (try Rational(2721, 1001)))
        #expect(Rational.approximating(3.14159265358979, tolerance: 2e-3) == (try Rational(22, 7)))
        #expect(Rational.approximating(3.14159265358979, tolerance: 3e-7) == (try Rational(355, 113)))
        #expect(Rational.approximating(0.75, tolerance: 0) == (try Rational(3, 4)))
        #expect(Rational.approximating(0.1, tolerance: 0) == nil)   // 0.1's exact denominator is 2^55
        #expect(Rational.approximating(0.1, tolerance: 0, maxDenominator: Int.max) == Rational(exactly: 0.1))
        #expect(Rational.approximating(1e300, tolerance: 1) == Rational(exactly: 1e300).map { $0 - 1 })  // the integer of least magnitude
        #expect(Rational.approximating(2.5, tolerance: 0.6) == 2)
        #expect(Rational.approximating(-2.5, tolerance: 0.5) == -2)
        #expect(Rational.approximating(0.5, tolerance: 0.5) == 0)
        #expect(Rational.approximating(5, tolerance: .infinity) == 0)
        #expect(Rational.approximating(.nan, tolerance: 1e-6) == nil)
        #expect(Rational.approximating(.infinity, tolerance: 1e-6) == nil)
        #expect(Rational.approximating(1, tolerance: .nan) == nil)
        #expect(Rational.approximating(1, tolerance: -1) == nil)
        #expect(Rational.approximating(1, tolerance: 0.1, maxDenominator: 0) == nil)
    }

    /// Answers that are semiconvergents, not convergents, of x: a descent that only walks
    /// the convergents would return a larger denominator.
    @Test func semiconvergents() throws {
        #expect(Rational.approximating(3.14159265358979, tolerance: 1e-3) == (try Rational(201, 64)))
        #expect(Rational.approximating(3.14159265358979, tolerance: 1e-7) == (try Rational(75948, 24175)))
    }

    @Test func agreesWithBruteForce() async {
        await propertyCheck(
            count: 300,
            input: Gen.double(in: -20...20), Gen.double(in: -7 ... -1), Gen.int(in: 1...3000)
        ) { x, logTolerance, maxDenominator in
            let tolerance = pow10(logTolerance)
            let found = Rational.approximating(x, tolerance: tolerance, maxDenominator: maxDenominator)
            let expected = simplestByScan(x, tolerance: tolerance, maxDenominator: maxDenominator)
            #expect(found == expected, "x=\(x) tolerance=\(tolerance) maxDenominator=\(maxDenominator)")
            if let found, let center = Rational(exactly: x), let radius = Rational(exactly: tolerance) {
                #expect((found - center).magnitude <= radius)
                #expect(found.denominator <= BigInteger(maxDenominator))
            }
        }
    }
}

/// 10^e for the tolerance generator, without Foundation.
func pow10(_ e: Double) -> Double {
    let whole = e.rounded(.down)
    var result = 1.0
    for _ in 0..<Int(-whole) { result /= 10 }
    // 10^frac = 2^(frac·log2 10), close enough for choosing tolerances.
    let fraction = e - whole
    return result * powerOfTwo(fraction * 3.321928094887362)
}

/// 2^y for 0 ≤ y < 4 by a short series; only used to spread the tolerances.
func powerOfTwo(_ y: Double) -> Double {
    let ln2 = 0.6931471805599453
    var term = 1.0
    var sum = 1.0
    for k in 1...30 {
        term *= y * ln2 / Double(k)
        sum += term
    }
    return sum
}
