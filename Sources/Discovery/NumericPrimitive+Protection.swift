/// Protected evaluation: f and f′ made total and bounded, for code (training a symbolic edge)
/// whose arguments may leave the domain or approach a pole.
///
///     NumericPrimitive.reciprocal.protectedValue(0)     // 1e8 (the bound), not ∞
///     NumericPrimitive.logarithm.protectedValue(-3)     // log clamped to 0 → -∞ → -1e8
///     NumericPrimitive.arcsine.protectedValue(2)        // arcsin(1) = π/2
///
/// The rule, the same for every primitive so that a compiled user primitive needs nothing more
/// than its domain:
/// 1. clamp the argument into `[lowerBound, upperBound]` (pykan clamps arcsin, arccos and
///    arctanh the same way);
/// 2. evaluate; ±∞ and values beyond ±`bound` saturate at ±`bound` (pykan's y_th: it replaces
///    1/x near 0 by a line through 0 and even poles by the constant y_th, we saturate at the
///    threshold on either side of the pole, which is the same for even poles);
/// 3. NaN (e.g. sin(∞)) becomes 0.
/// The protected derivatives are f′ and f″ where neither step 1 nor step 2 changed anything,
/// else 0 (the continuation is flat there), bounded the same way.
extension NumericPrimitive {
    /// The default saturation threshold of protected evaluation.
    public static let defaultProtectionBound = 1e8

    /// f(u), clamped into the domain and bounded by ±`bound`; never NaN or infinite.
    @inline(__always)
    public func protectedValue(_ u: Double, bound: Double = defaultProtectionBound) -> Double {
        guard !u.isNaN else { return 0 }
        return Self.saturate(value(domain.clamp(u)), bound: bound)
    }

    /// f′(u) where f is evaluated unprotected, else 0; bounded by ±`bound`; never NaN or
    /// infinite.
    @inline(__always)
    public func protectedDerivative(_ u: Double, bound: Double = defaultProtectionBound) -> Double {
        guard !u.isNaN else { return 0 }
        let clamped = domain.clamp(u)
        guard clamped == u else { return 0 }
        let v = value(u)
        guard v.isFinite, abs(v) < bound else { return 0 }
        return Self.saturate(derivative(u), bound: bound)
    }

    /// f″(u) where f is evaluated unprotected, else 0, as `protectedDerivative`; bounded by
    /// ±`bound`; never NaN or infinite. 0 everywhere when `secondDerivative` is nil.
    @inline(__always)
    public func protectedSecondDerivative(_ u: Double, bound: Double = defaultProtectionBound) -> Double {
        guard !u.isNaN, let secondDerivative else { return 0 }
        guard domain.clamp(u) == u else { return 0 }
        let v = value(u)
        guard v.isFinite, abs(v) < bound else { return 0 }
        return Self.saturate(secondDerivative(u), bound: bound)
    }

    @inline(__always)
    static func saturate(_ v: Double, bound: Double) -> Double {
        if v.isNaN { return 0 }
        if v > bound { return bound }
        if v < -bound { return -bound }
        return v
    }
}
