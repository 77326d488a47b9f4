import Foundation

/// A map from data values to pixel positions along one axis.
///
/// `linear` maps [domain] affinely onto [range]; `logarithmic` does so for log10 of the
/// value (the domain must be positive). A range may run backwards (screen y grows
/// downwards, so a vertical axis maps its lower bound to the larger pixel value).
public struct Scale: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case linear, logarithmic }

    public var kind: Kind
    /// Lower and upper data values.
    public var domain: (lower: Double, upper: Double)
    /// Pixel positions of the domain's lower and upper values.
    public var range: (lower: Double, upper: Double)

    public init(kind: Kind, domain: (Double, Double), range: (Double, Double)) {
        self.kind = kind
        self.domain = (domain.0, domain.1)
        self.range = (range.0, range.1)
    }

    public static func == (a: Scale, b: Scale) -> Bool {
        a.kind == b.kind && a.domain == b.domain && a.range == b.range
    }

    private func transform(_ v: Double) -> Double {
        kind == .linear ? v : log10(v)
    }

    /// Whether `value` can be placed (finite, and positive on a log scale).
    public func accepts(_ value: Double) -> Bool {
        value.isFinite && (kind == .linear || value > 0)
    }

    /// The pixel position of `value` (values outside the domain extrapolate).
    public func position(_ value: Double) -> Double {
        let a = transform(domain.lower), b = transform(domain.upper)
        let t = b == a ? 0.5 : (transform(value) - a) / (b - a)
        return range.lower + t * (range.upper - range.lower)
    }

    /// The data value at a pixel position (the inverse of `position`).
    public func value(at position: Double) -> Double {
        let a = transform(domain.lower), b = transform(domain.upper)
        let t = range.upper == range.lower ? 0.5 : (position - range.lower) / (range.upper - range.lower)
        let v = a + t * (b - a)
        return kind == .linear ? v : pow(10, v)
    }
}
