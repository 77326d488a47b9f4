import Exact

extension Rational {
    /// The number as a terminating decimal, `2.06749` or `-0.001`, when every printer writes it
    /// so; nil when it prints as a fraction p/q.
    ///
    /// ```swift
    /// (try Rational(206749, 100000)).decimalForm   // "2.06749"
    /// (try Rational(1, 3)).decimalForm             // nil: 1/3 does not terminate
    /// (try Rational(3, 8)).decimalForm             // nil: 3/8 reads better than 0.375
    /// ```
    ///
    /// A constant fitted to data and kept as a short decimal (`Rational.decimal(_:significantDigits:)`
    /// in Discovery) is such a number, and `206749/100000` hides what it is. The rule, which
    /// needs no record of where a number came from: the denominator is 2^a·5^b (the decimal
    /// terminates, so it is exact and `Expr(parsing:)` reads it back to the same rational), it
    /// exceeds 100 (snapped constants and hand-written fractions such as 1/2, 3/4, 7/20 or
    /// 1/100 keep their fraction: constants are snapped to denominators up to 100), and the
    /// decimal is no longer than the fraction (1/1024 stays 1/1024, not 0.0009765625).
    public var decimalForm: String? {
        guard !isInteger, denominator > BigInteger(100) else { return nil }
        var rest = denominator
        var twos = 0, fives = 0
        func divideOut(_ prime: Int, _ count: inout Int) {
            while let step = try? rest.quotientAndRemainder(dividingBy: BigInteger(prime)), step.remainder.isZero {
                rest = step.quotient
                count += 1
            }
        }
        divideOut(2, &twos)
        divideOut(5, &fives)
        guard rest == BigInteger(1) else { return nil }
        // |p/q| = N/10^k with k = max(a, b) and N = |p|·10^k/q, an integer.
        let places = Swift.max(twos, fives)
        guard let scale = try? BigInteger(10).power(places),
              let scaled = try? (numerator.magnitude * scale).dividedExactly(by: denominator)
        else { return nil }
        var digits = scaled.description
        if digits.count <= places { digits = String(repeating: "0", count: places + 1 - digits.count) + digits }
        let text = (signum() < 0 ? "-" : "") + digits.dropLast(places) + "." + digits.suffix(places)
        return text.count <= description.count ? text : nil
    }
}
