import Exact
import Foundation

extension Rational {
    /// The decimal `value` rounded to `significantDigits` significant digits, as an exact
    /// rational: how a constant that never snapped is written into a final formula.
    ///
    /// ```swift
    /// Rational.decimal(0.3183098861837907, significantDigits: 6)   // 318310/1000000 = 31831/100000
    /// Rational.decimal(0.1, significantDigits: 6)                  // 1/10
    /// ```
    ///
    /// Why not `Rational(exactly:)`: the binary fraction of 0.1 is
    /// 3602879701896397/36028797018963968, which prints as noise. Six significant digits keep
    /// the printed formula short while its error stays far below the noise of any real data
    /// set (relative 5·10⁻⁷ per constant). Nil for a non-finite value.
    public static func decimal(_ value: Double, significantDigits: Int) -> Rational? {
        guard value.isFinite else { return nil }
        if value == 0 { return 0 }
        let digits = Swift.min(Swift.max(significantDigits, 1), 17)
        // "%.*e" rounds correctly to the requested digits: d.ddddde±x, read back exactly.
        let text = String(format: "%.\(digits - 1)e", value)
        return try? Rational(parsing: text)
    }
}
