import CGMP

extension BigInteger {
    /// Parses a decimal integer: an optional `+` or `-` followed by one or more ASCII digits,
    /// nothing else (no spaces, no separators).
    ///
    /// ```swift
    /// try BigInteger(parsing: "-123456789012345678901234567890")
    /// ```
    ///
    /// - Throws: `ExactError.invalidNumber(text)` for anything else.
    public init(parsing text: String) throws {
        var digits = Substring(text)
        var negative = false
        if let first = digits.first, first == "+" || first == "-" {
            negative = first == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { throw ExactError.invalidNumber(text) }

        // 18 decimal digits always fit in Int; skip GMP for them.
        if digits.utf8.count <= 18, let value = Int(digits) {
            self.init(negative ? -value : value)
            return
        }
        let storage = GMPInteger()
        let status = __gmpz_set_str(storage.pointer, (negative ? "-" : "") + String(digits), 10)
        guard status == 0 else { throw ExactError.invalidNumber(text) }
        self.init(normalizing: storage)
    }
}
