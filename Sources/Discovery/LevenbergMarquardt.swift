/// The inner constants of an affine fit in normalised form: u = α·t + β, with t ∈ [−1, 1].
struct InnerMap: Hashable {
    var alpha: Double
    var beta: Double

    /// Whether every sample's argument (all lie in [β − |α|, β + |α|]) is in f's domain.
    @inline(__always)
    func isAdmissible(for domain: PrimitiveDomain) -> Bool {
        domain.admits(beta - abs(alpha), beta + abs(alpha))
    }

    /// The map moved onto the admissible set by shifting β, when the domain is a bounded interval
    /// the arguments' range overshoots; unchanged otherwise.
    func projected(into domain: PrimitiveDomain) -> InnerMap {
        let reach = abs(alpha)
        let low = domain.lowerBound + reach, high = domain.upperBound - reach
        guard low <= high else { return self }
        return InnerMap(alpha: alpha, beta: Swift.min(high, Swift.max(low, beta)))
    }
}

/// Which of α and β a search or refinement varies (the others stay fixed; see
/// `NumericPrimitive.AffineDegeneracy`).
enum FreeInnerParameters {
    case both
    case alphaOnly
    case betaOnly
}

/// Levenberg–Marquardt over the inner constants (α, β) with the outer ones (c, d) profiled out
/// by linear least squares at every step: variable projection (Golub–Pereyra) with Kaufman's
/// Jacobian.
///
/// For fixed (α, β), g_s = f(α·t_s + β) and (c, d) solve the linear problem exactly, leaving the
/// residual r = y − c·g − d orthogonal to span{1, g}. With z₁ = f′(u)·t = ∂g/∂α and
/// z₂ = f′(u) = ∂g/∂β, Kaufman's Jacobian of r is −P⊥·c·[z₁ z₂], P⊥ the projector off span{1, g}.
/// Gauss–Newton then solves M·δ = q/c, where
///
///     M_ij = Σ z_i z_j − b_iᵀ G⁻¹ b_j,   b_i = (Σ z_i, Σ z_i g),   G = [[n, Σg], [Σg, Σg²]]
///     q_i  = Σ z_i·r
///
/// and Levenberg–Marquardt damps M's diagonal by (1 + μ). All sums come from one pass over the
/// samples per trial point, the exact squared residuals from a second pass over the stored g
/// (so that steps are judged correctly down to rounding level). A trial that leaves f's domain, overflows or does not lower the
/// squared error is rejected and μ grows; on a bounded domain the trial is first projected back
/// onto it, so an optimum on the domain's edge (arcsin fitted on [−1, 1]) is reached.
struct LevenbergMarquardt {
    var maximumIterations = 60

    /// The refined map and its profiled line, or nil when `start` itself is not admissible.
    func refine(
        _ primitive: NumericPrimitive, from start: InnerMap, free: FreeInnerParameters,
        t: UnsafeBufferPointer<Double>, centredY: UnsafeBufferPointer<Double>,
        sumYY: Double, meanY: Double
    ) -> (map: InnerMap, line: LinearLeastSquares)? {
        var scratch = [Double](repeating: 0, count: t.count)
        return scratch.withUnsafeMutableBufferPointer { scratch in
            iterate(
                primitive, from: start, free: free, t: t, centredY: centredY, sumYY: sumYY,
                meanY: meanY, scratch: scratch)
        }
    }

    private func iterate(
        _ primitive: NumericPrimitive, from start: InnerMap, free: FreeInnerParameters,
        t: UnsafeBufferPointer<Double>, centredY: UnsafeBufferPointer<Double>,
        sumYY: Double, meanY: Double, scratch: UnsafeMutableBufferPointer<Double>
    ) -> (map: InnerMap, line: LinearLeastSquares)? {
        guard var current = Self.evaluate(
            primitive, at: start, t: t, centredY: centredY, sumYY: sumYY, meanY: meanY,
            scratch: scratch)
        else { return nil }
        var map = start
        var damping = 1e-3
        var iteration = 0
        while iteration < maximumIterations {
            iteration += 1
            if current.line.residualSumOfSquares <= 1e-28 * sumYY { break }
            guard let step = current.step(free: free, damping: damping) else {
                damping *= 10
                if damping > 1e12 { break }
                continue
            }
            var trial = InnerMap(alpha: map.alpha + step.alpha, beta: map.beta + step.beta)
            if !trial.isAdmissible(for: primitive.domain) {
                trial = trial.projected(into: primitive.domain)
            }
            if trial.isAdmissible(for: primitive.domain),
                let next = Self.evaluate(
                    primitive, at: trial, t: t, centredY: centredY, sumYY: sumYY, meanY: meanY,
                    scratch: scratch),
                next.line.residualSumOfSquares < current.line.residualSumOfSquares
            {
                let previous = current.line.residualSumOfSquares
                let moved = abs(trial.alpha - map.alpha) + abs(trial.beta - map.beta)
                current = next
                map = trial
                damping = Swift.max(damping / 3, 1e-12)
                let gain = previous - next.line.residualSumOfSquares
                if gain <= 1e-12 * previous { break }
                if moved <= 1e-14 * (1 + abs(map.alpha) + abs(map.beta)) { break }
            } else {
                damping *= 8
                if damping > 1e8 { break }
            }
        }
        return (map, current.line)
    }

    /// The profiled line at `map` and the sums of the projected Jacobian, from one pass over the
    /// samples (g̃ kept in `scratch`), and the residuals' squared sum from a second pass over
    /// `scratch` (exact near convergence, where S_yy − S_gy²/V has cancelled to noise).
    static func evaluate(
        _ primitive: NumericPrimitive, at map: InnerMap,
        t: UnsafeBufferPointer<Double>, centredY: UnsafeBufferPointer<Double>,
        sumYY: Double, meanY: Double, scratch: UnsafeMutableBufferPointer<Double>
    ) -> JacobianSums? {
        guard map.isAdmissible(for: primitive.domain), t.count > 0 else { return nil }
        let f = primitive.value, df = primitive.derivative
        let low = primitive.domain.lowerBound, high = primitive.domain.upperBound
        let alpha = map.alpha, beta = map.beta
        var u0 = alpha * t[0] + beta
        u0 = u0 < low ? low : (u0 > high ? high : u0)
        let g0 = f(u0)
        guard g0.isFinite else { return nil }
        var sg = 0.0, sgg = 0.0, sgy = 0.0
        var s1 = 0.0, s2 = 0.0, s1g = 0.0, s2g = 0.0
        var s11 = 0.0, s12 = 0.0, s22 = 0.0, s1y = 0.0, s2y = 0.0
        for i in 0..<t.count {
            let ti = t[i], yi = centredY[i]
            var u = alpha * ti + beta
            u = u < low ? low : (u > high ? high : u)
            let g = f(u) - g0
            scratch[i] = g
            var slope = df(u)
            if !slope.isFinite {
                // An infinite slope at a domain edge (√u at 0, arcsin at 1): take it just inside
                // the edge, which points the step the right way; the step is then judged by the
                // exact error anyway.
                slope = u == low ? df(u + edgeOffset(u)) : (u == high ? df(u - edgeOffset(u)) : 0)
                if !slope.isFinite { slope = 0 }
            }
            let z1 = slope * ti, z2 = slope
            sg += g; sgg += g * g; sgy += g * yi
            s1 += z1; s2 += z2; s1g += z1 * g; s2g += z2 * g
            s11 += z1 * z1; s12 += z1 * z2; s22 += z2 * z2
            s1y += z1 * yi; s2y += z2 * yi
        }
        guard sgg.isFinite, sgy.isFinite else { return nil }
        var line = LinearLeastSquares(
            count: Double(t.count), shift: g0, sumG: sg, sumGG: sgg, sumGY: sgy,
            sumYY: sumYY, meanY: meanY)
        guard !line.isDegenerate else { return nil }
        // r = y_c − c·g̃ − d̃ with d̃ = −c·S_g/n.
        let c = line.slope, dc = -c * sg / line.count
        var sse = 0.0
        for i in 0..<t.count {
            let r = centredY[i] - c * scratch[i] - dc
            sse += r * r
        }
        if sse.isFinite { line.measuredResidualSumOfSquares = sse }
        return JacobianSums(
            line: line, sumZ: (s1, s2), sumZG: (s1g, s2g), sumZZ: (s11, s12, s22),
            sumZY: (s1y, s2y))
    }

    /// How far inside a domain edge an infinite slope is taken instead.
    @inline(__always)
    static func edgeOffset(_ u: Double) -> Double { 1e-9 * Swift.max(1, abs(u)) }

    /// One pass's sums for the variable-projection step.
    struct JacobianSums {
        var line: LinearLeastSquares
        var sumZ: (Double, Double)
        var sumZG: (Double, Double)
        var sumZZ: (Double, Double, Double)
        var sumZY: (Double, Double)

        /// The damped Gauss–Newton step δ = (M + μ·diag M)⁻¹·q/c over the free parameters, or
        /// nil when it is not determined (c = 0, a singular M, a non-finite sum).
        func step(free: FreeInnerParameters, damping: Double) -> InnerMap? {
            let n = line.count, sg = line.sumG, sgg = line.sumGG
            let c = line.slope
            guard c != 0, c.isFinite else { return nil }
            let det = n * line.spread
            // b_iᵀ G⁻¹ b_j with G⁻¹ = [[Σg², −Σg], [−Σg, n]] / det.
            func projection(_ zi: Double, _ zig: Double, _ zj: Double, _ zjg: Double) -> Double {
                (zi * zj * sgg - (zi * zjg + zig * zj) * sg + zig * zjg * n) / det
            }
            let m11 = sumZZ.0 - projection(sumZ.0, sumZG.0, sumZ.0, sumZG.0)
            let m12 = sumZZ.1 - projection(sumZ.0, sumZG.0, sumZ.1, sumZG.1)
            let m22 = sumZZ.2 - projection(sumZ.1, sumZG.1, sumZ.1, sumZG.1)
            // Centred intercept d̃ = −c·Σg/n; r = y_c − c·g̃ − d̃.
            let dc = -c * sg / n
            let q1 = (sumZY.0 - c * sumZG.0 - dc * sumZ.0) / c
            let q2 = (sumZY.1 - c * sumZG.1 - dc * sumZ.1) / c
            let a11 = m11 * (1 + damping), a22 = m22 * (1 + damping)
            var result = InnerMap(alpha: 0, beta: 0)
            switch free {
            case .both:
                let d = a11 * a22 - m12 * m12
                guard d > 0, d.isFinite else { return nil }
                result.alpha = (q1 * a22 - q2 * m12) / d
                result.beta = (a11 * q2 - m12 * q1) / d
            case .alphaOnly:
                guard a11 > 0, a11.isFinite else { return nil }
                result.alpha = q1 / a11
            case .betaOnly:
                guard a22 > 0, a22.isFinite else { return nil }
                result.beta = q2 / a22
            }
            guard result.alpha.isFinite, result.beta.isFinite else { return nil }
            return result
        }
    }
}
