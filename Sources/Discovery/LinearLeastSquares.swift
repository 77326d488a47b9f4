/// The closed-form least-squares line y ≈ c·g + d through points (g_s, y_s), from the sums of
/// one pass: this is how the affine fit profiles the outer constants (c, d) out of the search
/// over the inner ones.
///
/// The sums are taken with g shifted by one of its own values, g̃ = g − g₀, and y centred
/// (Σ y_c = 0), which keeps them well conditioned when g has a large mean (e.g. e^(10 + 0.01x)):
///
///     S_g = Σ g̃,   S_gg = Σ g̃²,   S_gy = Σ g̃·y_c,   S_yy = Σ y_c²
///     V = S_gg − S_g²/n                 (n times the variance of g)
///     c = S_gy / V,   d = ȳ − c·(g₀ + S_g/n)
///     SSE = S_yy − c·S_gy,   R² = S_gy² / (V·S_yy) = 1 − SSE/S_yy
///
/// A constant g (V ≈ 0 relative to its own scale) leaves c undetermined: `isDegenerate`.
struct LinearLeastSquares {
    var count: Double
    /// g₀.
    var shift: Double
    var sumG: Double
    var sumGG: Double
    var sumGY: Double
    var sumYY: Double
    var meanY: Double

    /// V = n·Var(g).
    var spread: Double { sumGG - sumG * sumG / count }

    /// Whether g is constant to rounding, or a sum overflowed: no line is determined.
    var isDegenerate: Bool {
        guard sumG.isFinite, sumGG.isFinite, sumGY.isFinite else { return true }
        let v = spread
        // Cancellation: V is meaningless once it falls to rounding level of S_gg, or the
        // spread of g to rounding level of g₀ itself.
        return !(v > 1e-13 * sumGG) || !(v > 1e-26 * count * shift * shift) || !(v > 0)
    }

    /// c.
    var slope: Double { sumGY / spread }

    /// d.
    var intercept: Double { meanY - slope * (shift + sumG / count) }

    /// Σ (y − c·g − d)² summed from the residuals themselves, when a second pass computed it.
    var measuredResidualSumOfSquares: Double? = nil

    /// Σ (y − c·g − d)², never negative: measured if available, else S_yy − S_gy²/V, whose
    /// cancellation limits it to about 10⁻¹⁶·S_yy (enough to rank a grid, not to converge on an
    /// exact fit).
    var residualSumOfSquares: Double {
        measuredResidualSumOfSquares ?? Swift.max(0, sumYY - sumGY * sumGY / spread)
    }

    /// 1 − SSE/S_yy, in [0, 1].
    var rSquared: Double {
        guard sumYY > 0 else { return 0 }
        return Swift.min(1, Swift.max(0, sumGY * sumGY / (spread * sumYY)))
    }
}

extension LinearLeastSquares {
    /// The sums for g_s = f(clamp(α·t_s + β)) over the given samples, or nil when a value is
    /// not finite. The caller has checked that the arguments' range is admissible; the clamp only
    /// removes the rounding slack that check allows.
    @inline(__always)
    static func accumulate(
        _ primitive: NumericPrimitive, alpha: Double, beta: Double,
        t: UnsafeBufferPointer<Double>, centredY: UnsafeBufferPointer<Double>,
        sumYY: Double, meanY: Double
    ) -> LinearLeastSquares? {
        let f = primitive.value
        let low = primitive.domain.lowerBound, high = primitive.domain.upperBound
        let count = t.count
        guard count > 0 else { return nil }
        var u0 = alpha * t[0] + beta
        u0 = u0 < low ? low : (u0 > high ? high : u0)
        let g0 = f(u0)
        guard g0.isFinite else { return nil }
        var sg = 0.0, sgg = 0.0, sgy = 0.0
        for i in 0..<count {
            var u = alpha * t[i] + beta
            u = u < low ? low : (u > high ? high : u)
            let g = f(u) - g0
            sg += g
            sgg += g * g
            sgy += g * centredY[i]
        }
        // A NaN or ∞ anywhere poisons S_gg (g² ≥ 0, so no cancellation hides it).
        guard sgg.isFinite, sgy.isFinite else { return nil }
        return LinearLeastSquares(
            count: Double(count), shift: g0, sumG: sg, sumGG: sgg, sumGY: sgy,
            sumYY: sumYY, meanY: meanY)
    }
}
