/// `SignedNumeric` conformances, so that generic code (`reduce(.zero, +)`, `abs`, sums over
/// collections written against `Numeric`) works with exact numbers too. All the operators
/// already exist; these add `zero`, `init?(exactly:)` from any integer type, and `negate()`.
extension BigInteger: SignedNumeric {
    public typealias Magnitude = BigInteger

    /// The value of any binary integer; never nil, as every integer is representable.
    public init?<Source: BinaryInteger>(exactly source: Source) {
        if let small = Int(exactly: source) {
            self.init(small)
        } else if let parsed = try? BigInteger(parsing: String(source)) {
            // Wider than Int (e.g. a UInt or a 128-bit value): through its decimal text.
            self = parsed
        } else {
            return nil
        }
    }

    public mutating func negate() { self = -self }
}

extension Rational: SignedNumeric {
    public typealias Magnitude = Rational

    /// The value of any binary integer; never nil, as every integer is representable.
    public init?<Source: BinaryInteger>(exactly source: Source) {
        guard let integer = BigInteger(exactly: source) else { return nil }
        self.init(integer)
    }

    public mutating func negate() { self = -self }
}
