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
    /// Below 10^-4 the decimal is in scientific notation, `6.674e-11` (always shorter than the
    /// fraction, and read back exactly by `Expr(parsing:)`); LaTeX writes it
    /// `6.674 \times 10^{-11}` (`latexDecimal`).
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
        let sign = signum() < 0 ? "-" : ""
        var digits = scaled.description
        // Far below 1, zeros would hide the digits: 6.674e-11, not 0.00000000006674.
        let exponent = digits.count - 1 - places
        if exponent <= Self.scientificExponent {
            let significant = digits.reversed().drop { $0 == "0" }.reversed()
            let rest = String(significant.dropFirst())
            return sign + String(significant.prefix(1)) + (rest.isEmpty ? "" : "." + rest) + "e\(exponent)"
        }
        if digits.count <= places { digits = String(repeating: "0", count: places + 1 - digits.count) + digits }
        let text = sign + digits.dropLast(places) + "." + digits.suffix(places)
        return text.count <= description.count ? text : nil
    }

    /// Decimal exponents at or below this print in scientific notation: 0.0001 stays, 0.00001
    /// is 1e-5.
    static let scientificExponent = -5
}

/// A `decimalForm` in LaTeX: `6.674e-11` → `6.674 \times 10^{-11}`; plain decimals unchanged.
func latexDecimal(_ decimal: String) -> String {
    guard let e = decimal.firstIndex(of: "e") else { return decimal }
    let mantissa = decimal[..<e], exponent = decimal[decimal.index(after: e)...]
    let power = "10^{\(exponent)}"
    return mantissa == "1" ? power : mantissa == "-1" ? "-" + power : "\(mantissa) \\times " + power
}
