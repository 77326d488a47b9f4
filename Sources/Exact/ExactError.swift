/// Why an exact-arithmetic operation could not produce a value.
///
/// Every operation that GMP would answer by aborting the process (division by zero,
/// a result too large to represent) is checked first and reported as one of these.
public enum ExactError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A division, remainder, reciprocal or negative power of zero.
    case divisionByZero
    /// Text that is not a number in the accepted notation; carries the offending text.
    case invalidNumber(String)
    /// A `Double` that is NaN or infinite where a finite value is required (for callers that
    /// convert floating-point results, e.g. when snapping constants to rationals).
    case nonFinite
    /// `BigInteger.power(_:)` with a negative exponent (the result is not an integer).
    case negativeExponent
    /// `BigInteger.dividedExactly(by:)` where the divisor does not divide the dividend.
    case inexactDivision
    /// A result whose size would exhaust memory (for instance `10^(10^12)`).
    case resultTooLarge

    public var description: String {
        switch self {
        case .divisionByZero: "division by zero"
        case .invalidNumber(let text): "invalid number: \"\(text)\""
        case .nonFinite: "value is not finite"
        case .negativeExponent: "negative exponent for an integer power"
        case .inexactDivision: "division is not exact"
        case .resultTooLarge: "result too large"
        }
    }
}
