/// An exact rational number `numerator / denominator`, always in lowest terms.
///
/// ```swift
/// let third = try Rational(2, 6)   // 1/3
/// print(third * 3)                  // 1
/// ```
///
/// The invariant — `gcd(numerator, denominator) == 1` and `denominator > 0`, with zero
/// stored as `0/1` — is established by every initialiser and kept by every operation, so
/// equal values are stored identically and the synthesised `Hashable` is correct.
public struct Rational: Sendable, Hashable {
    /// The numerator; carries the sign.
    public let numerator: BigInteger
    /// The denominator; always positive.
    public let denominator: BigInteger

    /// Stores parts that already satisfy the invariant.
    init(normalizedNumerator numerator: BigInteger, denominator: BigInteger) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Reduces a fraction with a nonzero denominator to lowest terms with a positive denominator.
    init(reducing numerator: BigInteger, _ denominator: BigInteger) {
        var gcd = BigInteger.gcd(numerator, denominator)
        if denominator.signum() < 0 { gcd = -gcd }
        if gcd == 1 {
            self.init(normalizedNumerator: numerator, denominator: denominator)
        } else {
            self.init(
                normalizedNumerator: BigInteger.exactQuotient(numerator, gcd),
                denominator: BigInteger.exactQuotient(denominator, gcd))
        }
    }

    /// The integer `value`.
    public init(_ value: Int) {
        self.init(normalizedNumerator: BigInteger(value), denominator: 1)
    }

    /// The integer `value`.
    public init(_ value: BigInteger) {
        self.init(normalizedNumerator: value, denominator: 1)
    }

    /// `numerator / denominator` in lowest terms. Throws `ExactError.divisionByZero` for a
    /// zero denominator.
    public init(_ numerator: BigInteger, _ denominator: BigInteger) throws {
        guard !denominator.isZero else { throw ExactError.divisionByZero }
        self.init(reducing: numerator, denominator)
    }

    /// `numerator / denominator` in lowest terms. Throws `ExactError.divisionByZero` for a
    /// zero denominator.
    public init(_ numerator: Int, _ denominator: Int) throws {
        try self.init(BigInteger(numerator), BigInteger(denominator))
    }

    /// Whether the denominator is 1.
    public var isInteger: Bool { denominator == 1 }

    /// Whether the value is 0.
    public var isZero: Bool { numerator.isZero }

    /// -1, 0 or 1 according to the sign.
    public func signum() -> Int { numerator.signum() }

    /// The absolute value.
    public var magnitude: Rational {
        Rational(normalizedNumerator: numerator.magnitude, denominator: denominator)
    }

    /// The greatest integer ≤ `self`.
    public var floor: BigInteger {
        let (quotient, remainder) = BigInteger.truncatedDivision(numerator, denominator)
        // Truncation rounds negative non-integers up; step down once.
        return remainder.signum() < 0 ? quotient - 1 : quotient
    }

    /// The least integer ≥ `self`.
    public var ceil: BigInteger {
        let (quotient, remainder) = BigInteger.truncatedDivision(numerator, denominator)
        return remainder.signum() > 0 ? quotient + 1 : quotient
    }
}

/// The absolute value of `value`.
public func abs(_ value: Rational) -> Rational { value.magnitude }

extension Rational: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

extension Rational: Comparable {
    /// Compares `a/b < c/d` as `a·d < c·b` (denominators are positive).
    public static func < (lhs: Rational, rhs: Rational) -> Bool {
        if lhs.denominator == rhs.denominator { return lhs.numerator < rhs.numerator }
        return lhs.numerator * rhs.denominator < rhs.numerator * lhs.denominator
    }
}

extension Rational: CustomStringConvertible {
    /// `-3/4`, or just the numerator for integers (`7`). `Rational(parsing:)` reads it back.
    public var description: String {
        isInteger ? numerator.description : "\(numerator)/\(denominator)"
    }
}
