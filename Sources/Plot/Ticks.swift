import Foundation

/// Axis tick values a person can read: multiples of 1, 2 or 5 × 10^k on linear axes,
/// powers of ten on logarithmic axes.
///
///     Ticks.linear(0.13, 0.97)          // domain 0…1, ticks 0, 0.2, 0.4, 0.6, 0.8, 1
///     Ticks.logarithmic(3e-4, 0.2)      // domain 1e-4…1, ticks 1e-4, 1e-3, 1e-2, 0.1, 1
public enum Ticks {
    /// A domain widened to whole ticks, and the ticks in it.
    public struct Axis: Sendable, Equatable {
        public var lower: Double
        public var upper: Double
        public var values: [Double]
        /// For logarithmic axes, the exponent k of each tick 10^k (nil on linear axes).
        public var exponents: [Int]?
    }

    /// The "nice" step 1, 2 or 5 × 10^k nearest to `rough` (on a log scale: the
    /// thresholds are the geometric means √2, √10, √50).
    public static func niceStep(_ rough: Double) -> Double {
        guard rough.isFinite, rough > 0 else { return 1 }
        let exponent = floor(log10(rough))
        let base = pow(10, exponent)
        let fraction = rough / base
        let nice: Double = fraction >= 50.0.squareRoot() ? 10 : fraction >= 10.0.squareRoot() ? 5
            : fraction >= 2.0.squareRoot() ? 2 : 1
        return nice * base
    }

    /// Linear ticks for data in [lower, upper] with about `target` intervals; the
    /// domain is widened to the ticks at either end. A degenerate or non-finite
    /// interval is widened around its value first.
    public static func linear(_ lower: Double, _ upper: Double, target: Int = 5) -> Axis {
        // Clamped so that the span b − a stays finite.
        var a = lower.isFinite ? min(max(lower, -1e300), 1e300) : 0
        var b = upper.isFinite ? min(max(upper, -1e300), 1e300) : 1
        if a > b { swap(&a, &b) }
        if b - a <= max(abs(a), abs(b)) * 1e-12 {
            let pad = a == 0 ? 1 : abs(a) * 0.1
            a -= pad
            b += pad
        }
        let step = niceStep((b - a) / Double(max(target, 1)))
        // Spans near the smallest subnormals have no representable nice step: plain ends.
        guard step > 0, step.isFinite, (b - a) / step < 1000 else {
            return Axis(lower: a, upper: b, values: [a, b], exponents: nil)
        }
        let first = floor(a / step + 1e-9), last = ceil(b / step - 1e-9)
        let count = Int(last - first) + 1
        // Rounding to the step's decimals keeps 0.6000000000000001 out of labels and data.
        let decimals = pow(10, max(0, -floor(log10(step))))
        let values = (0..<max(count, 2)).map { k -> Double in
            let v = ((first + Double(k)) * step * decimals).rounded() / decimals
            return abs(v) < step * 1e-9 ? 0 : v
        }
        return Axis(lower: values[0], upper: values[values.count - 1], values: values, exponents: nil)
    }

    /// Logarithmic ticks for positive data in [lower, upper]: the domain widened to
    /// whole decades (at least one), a tick at each 10^k, thinned to every second or
    /// third decade and so on when there would be more than `maximum` ticks.
    /// Non-positive bounds fall back to 1e-3…1.
    public static func logarithmic(_ lower: Double, _ upper: Double, maximum: Int = 8) -> Axis {
        var a = lower, b = upper
        if !(a.isFinite && a > 0) { a = min(1e-3, b.isFinite && b > 0 ? b / 10 : 1e-3) }
        if !(b.isFinite && b > 0) { b = max(1, a * 10) }
        if a > b { swap(&a, &b) }
        var low = Int(floor(log10(a) + 1e-9)), high = Int(ceil(log10(b) - 1e-9))
        if high <= low { high = low + 1 }
        let decades = high - low
        var stride = max(1, Int((Double(decades) / Double(max(maximum - 1, 1))).rounded(.up)))
        // Widen to whole strides so both ends carry a labelled tick.
        low = Int(floor(Double(low) / Double(stride))) * stride
        high = Int(ceil(Double(high) / Double(stride))) * stride
        if high > 308 || low < -307 {
            // Near the ends of Double's range: stay representable, give up the alignment.
            low = max(Int(floor(log10(a) + 1e-9)), -307)
            let top = min(Int(ceil(log10(b) - 1e-9)), 308)
            stride = max(1, Int((Double(top - low) / Double(max(maximum - 1, 1))).rounded(.up)))
            high = low + Int((Double(top - low) / Double(stride)).rounded(.up)) * stride
            if high > 308 {
                low -= high - 308
                high = 308
            }
        }
        let exponents = Array(Swift.stride(from: low, through: high, by: stride))
        return Axis(lower: pow(10, Double(low)), upper: pow(10, Double(high)),
                    values: exponents.map { pow(10, Double($0)) }, exponents: exponents)
    }
}
