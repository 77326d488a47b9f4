extension Rational {
    /// The largest decimal exponent accepted by `init(parsing:)`; `1e1000000` already has a
    /// million digits, and larger ones could exhaust memory.
    static let maximumDecimalExponent = 1_000_000

    /// Parses a fraction or an exact decimal, ignoring surrounding whitespace.
    ///
    /// Accepted forms:
    /// - a fraction `p/q` of two integers with optional spaces around the `/`:
    ///   `-3/4`, `  2 / 6 ` (= 1/3); a sign on either part; `q` must not be 0;
    /// - an integer: `7`, `-12`;
    /// - a decimal, read *exactly* as decimal notation means: `0.125` = 1/8,
    ///   `1e-3` = 1/1000, `-2.5E+2` = -250, `.5`, `5.`.
    ///
    /// - Throws: `ExactError.invalidNumber(text)` for other text (or an exponent beyond
    ///   ±1,000,000); `ExactError.divisionByZero` for `p/0`.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingWhitespace()
        if let slash = trimmed.firstIndex(of: "/") {
            let numeratorText = String(trimmed[..<slash].trimmingWhitespace())
            let denominatorText = String(trimmed[trimmed.index(after: slash)...].trimmingWhitespace())
            guard let numerator = try? BigInteger(parsing: numeratorText),
                  let denominator = try? BigInteger(parsing: denominatorText)
            else { throw ExactError.invalidNumber(text) }
            try self.init(numerator, denominator)
            return
        }
        guard let value = Rational.parseDecimal(trimmed) else { throw ExactError.invalidNumber(text) }
        self = value
    }

    /// Reads `[sign] digits [. digits] [(e|E) [sign] digits]` (at least one mantissa digit)
    /// as `mantissa · 10^(exponent − fraction digits)`.
    private static func parseDecimal(_ text: Substring) -> Rational? {
        let bytes = Array(text.utf8)
        var index = 0
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var digits: [UInt8] = []
        while index < bytes.count, isDigit(bytes[index]) { digits.append(bytes[index]); index += 1 }
        var fractionDigits = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, isDigit(bytes[index]) {
                digits.append(bytes[index]); index += 1; fractionDigits += 1
            }
        }
        guard !digits.isEmpty else { return nil }

        var exponent = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            let start = index
            while index < bytes.count, isDigit(bytes[index]) {
                exponent = exponent * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                guard exponent <= maximumDecimalExponent else { return nil }
                index += 1
            }
            guard index > start else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        guard index == bytes.count else { return nil }

        guard var mantissa = try? BigInteger(parsing: String(decoding: digits, as: UTF8.self))
        else { return nil }
        if negative { mantissa = -mantissa }
        let scale = exponent - fractionDigits
        guard let power = try? BigInteger(10).power(scale.magnitude > Int.max ? Int.max : Int(scale.magnitude))
        else { return nil }
        return scale >= 0
            ? Rational(mantissa * power)
            : Rational(reducing: mantissa, power)
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace (Unicode `isWhitespace`).
    func trimmingWhitespace() -> SubSequence {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<end]
    }
}
