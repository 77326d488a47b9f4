import Foundation

/// Compact decimal text for numbers in drawings: coordinates and tick labels.
///
///     NumberFormatting.coordinate(12.3456)   // "12.35"
///     NumberFormatting.label(0.00025)        // "2.5e-4"
///     NumberFormatting.label(1500)           // "1500"
enum NumberFormatting {
    /// A coordinate with at most two decimals and no trailing zeros (SVG user units:
    /// a hundredth of a pixel is below what any renderer shows). Non-finite values,
    /// which must not reach a drawing, become 0.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        return trimmed(rounded, decimals: 2)
    }

    /// A human-readable value with at most `significantDigits` significant digits:
    /// plain decimals between 1e-3 and 1e5, otherwise `m e k` notation (`2.5e-4`).
    static func label(_ value: Double, significantDigits: Int = 4) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "-∞") }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e-3 && magnitude < 1e5 {
            let exponent = Int(floor(log10(magnitude)))
            let decimals = max(0, significantDigits - 1 - exponent)
            let scale = pow(10, Double(decimals))
            return trimmed((value * scale).rounded() / scale, decimals: decimals)
        }
        var exponent = Int(floor(log10(magnitude)))
        var mantissa = value / pow(10, Double(exponent))
        let scale = pow(10, Double(significantDigits - 1))
        mantissa = (mantissa * scale).rounded() / scale
        if abs(mantissa) >= 10 {  // 9.99995 rounded up to 10
            mantissa /= 10
            exponent += 1
        }
        return trimmed(mantissa, decimals: significantDigits - 1) + "e" + String(exponent)
    }

    /// `value` printed with up to `decimals` decimals, trailing zeros and a bare
    /// point removed, and negative zero as "0".
    private static func trimmed(_ value: Double, decimals: Int) -> String {
        if value == 0 { return "0" }
        var text = String(format: "%.\(max(0, min(decimals, 17)))f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }
}
