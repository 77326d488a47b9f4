import Exact
import Symbolic

/// Number literals: the Double the lexer read, and the exact value of the same text.
extension Number {
    /// The number a literal denotes: `value` (read by the lexer, which has already
    /// refused text that is malformed or too large for a Double) for arithmetic, and the
    /// literal's exact rational for expressions.
    ///
    /// ```
    /// 0.1                              -> 0.1, exactly 1/10
    /// 123456789012345678901234567890   -> 1.2345678901234568e29, exactly that integer
    /// 1.5e-30                          -> 1.5e-30, exactly 3/2000000000000000000000000000000
    /// ```
    ///
    /// The exact value is read by `Rational(parsing:)`, the reader the formula parser
    /// uses too, once when the program is parsed (not at each evaluation). Past
    /// `maximumExactBits` it is absent and an expression gets the Double's shortest
    /// decimal instead, as for any inexact number.
    init(literal text: String, value: Double) {
        let digits = String(text.filter { $0 != "_" })
        self.init(value, exact: Number.exactLiteral(digits).map(Expr.number))
    }

    /// The exact value of a literal's digits, or nil when they are not read: a literal
    /// with more digits and exponent than `maximumExactBits` is past the bound unless
    /// nearly all its digits are zeros, and `1e-999999` would have 10^999999 built only
    /// to be dropped (the Double of such a literal is 0 or has the same shortest decimal).
    private static func exactLiteral(_ digits: String) -> Rational? {
        let parts = digits.split(maxSplits: 1, omittingEmptySubsequences: false) { $0 == "e" || $0 == "E" }
        guard parts[0].count <= maximumExactBits, let exponent = parts.count == 2 ? Int(parts[1]) : 0,
              exponent.magnitude <= UInt(maximumExactBits - parts[0].count)
        else { return nil }
        return try? Rational(parsing: digits)
    }
}
