import Foundation

/// The least-squares fit y ≈ c·f(a·x + b) + d of one primitive f to one edge's samples.
///
///     let fit = AffineFit(fitting: .sine, x: xs, y: ys)
///     fit.a, fit.b, fit.c, fit.d      // 3, 2, 5, 0.7 for y = 5·sin(3x + 2) + 0.7
///     fit.rSquared                    // 1 − SSE/Σ(y − ȳ)²
///
/// The method (pykan `fit_params`, made faster and more accurate):
/// 1. x is normalised to t ∈ [−1, 1] (`AffineFitSamples`) and the inner map searched as
///    u = α·t + β;
/// 2. at each (α, β), (c, d) are the closed-form least-squares line of y on f(u)
///    (`LinearLeastSquares`): the outer constants are profiled out;
/// 3. a coarse grid over (α, β) on a subsample of ≤ 64 points (`AffineGridSearch`) gives a few
///    local maxima of R²; each is refined on the subsample by Levenberg–Marquardt with variable
///    projection (`LevenbergMarquardt`), the best on all samples is polished there;
/// 4. only maps that keep every sample's argument in f's domain, away from poles, are
///    considered, so the fitted formula is defined on the data (no protection needed);
/// 5. the constants are returned in canonical form: the redundant ones of
///    `NumericPrimitive.AffineDegeneracy` fixed (a = 1, b = 0 for x; a = ±1 for powers, sqrt,
///    abs, sgn and log; b = 0 for exp), a ≥ 0 for reflection-symmetric f, and for periodic f
///    b within half a period of 0 (c > 0 for sin and cos).
///
/// A fit that cannot be made (too few or non-finite samples, constant x or y, no admissible map,
/// f constant on every admissible map) has a `failure`: then c = 0 and d = ȳ (the constant
/// model, or d = 0 if the samples are unusable), R² = 0 and the RMSE that of that constant
/// (∞ for unusable samples). Nothing is ever NaN.
public struct AffineFit: Sendable, Hashable {
    /// Why a fit could not be made.
    public enum Failure: Error, Sendable, Hashable {
        /// x and y have different lengths.
        case mismatchedLengths
        /// Fewer than 3 samples.
        case tooFewSamples
        /// A sample is NaN or infinite.
        case nonFiniteSamples
        /// All x are equal: the inner map is undetermined.
        case constantInput
        /// All y are equal: c is undetermined (only the zero primitive fits, with d = ȳ).
        case constantTarget
        /// No inner map keeps the samples in f's domain with f non-constant and finite.
        case noAdmissibleFit
    }

    /// The inner slope.
    public var a: Double
    /// The inner offset.
    public var b: Double
    /// The outer scale.
    public var c: Double
    /// The outer offset.
    public var d: Double
    /// The coefficient of determination 1 − SSE/Σ(y − ȳ)², in [0, 1] (0 on failure).
    public var rSquared: Double
    /// √(SSE/n).
    public var rootMeanSquareError: Double
    /// Why the fit failed, or nil.
    public var failure: Failure?

    public init(
        a: Double, b: Double, c: Double, d: Double, rSquared: Double, rootMeanSquareError: Double,
        failure: Failure? = nil
    ) {
        self.a = a
        self.b = b
        self.c = c
        self.d = d
        self.rSquared = rSquared
        self.rootMeanSquareError = rootMeanSquareError
        self.failure = failure
    }

    /// Whether the fit succeeded.
    public var succeeded: Bool { failure == nil }

    /// c·f(a·x + b) + d, unprotected (exact where the fit was made).
    public func evaluate(_ primitive: NumericPrimitive, at x: Double) -> Double {
        if c == 0 { return d }
        return c * primitive.value(a * x + b) + d
    }
}

/// The tuning of the affine fit's search (defaults as in pykan where it has one).
public struct AffineFitOptions: Sendable, Hashable {
    /// |α| bound of the 2-D grid over the normalised inner slope (pykan: 10, in raw units).
    public var slopeLimit = 10.0
    /// |β| bound of the 2-D grid (pykan: 10).
    public var offsetLimit = 10.0
    /// Points per axis of the 2-D grid (α ≥ 0 halves the α axis for symmetric f). pykan uses
    /// 101, zoomed three times; with refinement from several local maxima, 51 (spacing 0.4 in
    /// normalised units) loses no test case and takes a quarter of the time.
    public var gridSize = 51
    /// |β| bound of the shift line of homogeneous and logarithmic f.
    public var shiftLimit = 1000.0
    /// |α| bound of the rate line of the exponential.
    public var rateLimit = 50.0
    /// Points of each 1-D line.
    public var lineGridSize = 201
    /// Local maxima of the coarse grid refined on all samples.
    public var startCount = 3
    /// Levenberg–Marquardt iterations per start (and for the final polish); 0 keeps the grid's
    /// best point. Matching primitives converge in a few; the cap stops non-matching ones that
    /// creep along a degenerate valley (tan drifting to a linear regime).
    public var maximumIterations = 30

    public init() {}
}

extension AffineFit {
    /// Fits `primitive` to the samples (x_s, y_s).
    public init(
        fitting primitive: NumericPrimitive, x: [Double], y: [Double],
        options: AffineFitOptions = AffineFitOptions()
    ) {
        self.init(fitting: primitive, to: AffineFitSamples(x: x, y: y), options: options)
    }

    /// Fits `primitive` to prepared samples (prepare once per edge, fit every primitive).
    public init(
        fitting primitive: NumericPrimitive, to samples: AffineFitSamples,
        options: AffineFitOptions = AffineFitOptions()
    ) {
        if let failure = samples.failure {
            self.init(a: 1, b: 0, c: 0, d: 0, rSquared: 0, rootMeanSquareError: .infinity,
                      failure: failure)
            return
        }
        let n = Double(samples.count)
        let constantRMSE = (samples.totalSumOfSquares / n).squareRoot()
        let constantModel = AffineFit(
            a: 1, b: 0, c: 0, d: samples.meanY, rSquared: 0, rootMeanSquareError: constantRMSE)
        if case .zero = primitive.degeneracy {
            self = constantModel
            return
        }
        if samples.isConstantTarget {
            self = constantModel
            failure = .constantTarget
            return
        }
        guard let found = Self.search(primitive, samples: samples, options: options) else {
            self = constantModel
            failure = .noAdmissibleFit
            return
        }
        let (map, line) = found
        let h = samples.halfWidth, m = samples.center
        // u = α·t + β = (α/h)·x + (β − α·m/h).
        let a = map.alpha / h
        self.init(
            a: a, b: map.beta - a * m, c: line.slope, d: line.intercept,
            rSquared: line.rSquared,
            rootMeanSquareError: (line.residualSumOfSquares / n).squareRoot())
        canonicalize(primitive)
        guard [self.a, self.b, self.c, self.d].allSatisfy(\.isFinite) else {
            self = constantModel
            failure = .noAdmissibleFit
            return
        }
        // Report the error of the constants as reported, measured on the raw samples.
        if let sse = measuredResidualSumOfSquares(primitive, samples: samples) {
            rootMeanSquareError = (sse / n).squareRoot()
            rSquared = Swift.min(1, Swift.max(0, 1 - sse / samples.totalSumOfSquares))
        }
    }

    /// The best inner map over all coarse starts after refinement, with its line on all samples.
    static func search(
        _ primitive: NumericPrimitive, samples: AffineFitSamples, options: AffineFitOptions
    ) -> (InnerMap, LinearLeastSquares)? {
        samples.t.withUnsafeBufferPointer { t in
            samples.centredY.withUnsafeBufferPointer { y in
                let sumYY = samples.totalSumOfSquares, meanY = samples.meanY
                if case .identity = primitive.degeneracy {
                    let map = InnerMap(alpha: 1, beta: 0)
                    guard let line = LinearLeastSquares.accumulate(
                        primitive, alpha: 1, beta: 0, t: t, centredY: y, sumYY: sumYY, meanY: meanY),
                        !line.isDegenerate
                    else { return nil }
                    return (map, line)
                }
                let grid = AffineGridSearch(for: primitive, options: options)
                let starts = grid.starts(primitive, samples: samples, count: options.startCount)
                let solver = LevenbergMarquardt(maximumIterations: options.maximumIterations)
                // Each start is first refined on the coarse subsample (cheap); the results are
                // compared on all samples and only the best is polished on all samples.
                var maps = starts.map(\.map)
                if options.maximumIterations > 0 && samples.coarseT.count < samples.count {
                    samples.coarseT.withUnsafeBufferPointer { ct in
                        samples.coarseCentredY.withUnsafeBufferPointer { cy in
                            maps = maps.map { map in
                                solver.refine(
                                    primitive, from: map, free: grid.free, t: ct, centredY: cy,
                                    sumYY: samples.coarseTotalSumOfSquares, meanY: 0
                                )?.map ?? map
                            }
                        }
                    }
                }
                var best: (InnerMap, LinearLeastSquares)? = nil
                for map in maps {
                    guard let line = LinearLeastSquares.accumulate(
                        primitive, alpha: map.alpha, beta: map.beta, t: t, centredY: y,
                        sumYY: sumYY, meanY: meanY), !line.isDegenerate
                    else { continue }
                    if best.map({ line.residualSumOfSquares < $0.1.residualSumOfSquares }) ?? true {
                        best = (map, line)
                    }
                }
                if options.maximumIterations > 0, let start = best,
                    let polished = solver.refine(
                        primitive, from: start.0, free: grid.free, t: t, centredY: y,
                        sumYY: sumYY, meanY: meanY),
                    polished.line.residualSumOfSquares <= start.1.residualSumOfSquares
                {
                    best = (polished.map, polished.line)
                }
                return best
            }
        }
    }

    /// Σ (y − c·f(a·x + b) − d)² over the samples (the argument clamped into the domain by the
    /// rounding slack the fit allows), or nil if not finite.
    func measuredResidualSumOfSquares(
        _ primitive: NumericPrimitive, samples: AffineFitSamples
    ) -> Double? {
        let f = primitive.value, domain = primitive.domain
        var sse = 0.0
        for (x, y) in zip(samples.x, samples.y) {
            let r = y - (c * f(domain.clamp(a * x + b)) + d)
            sse += r * r
        }
        return sse.isFinite ? sse : nil
    }

    /// Rewrites (a, b, c, d) into the canonical form of `primitive`'s degeneracy and reflection
    /// without changing the function c·f(a·x + b) + d (up to rounding).
    mutating func canonicalize(_ primitive: NumericPrimitive) {
        switch primitive.degeneracy {
        case .zero:
            (a, b, c) = (1, 0, 0)
        case .identity:
            // c·(a·x + b) + d = (c·a)·x + (c·b + d).
            (a, b, c, d) = (1, 0, c * a, c * b + d)
        case .homogeneous(let degree):
            // f(a·x + b) = |a|ᵏ·f(±x + b/|a|).
            let scale = abs(a)
            let factor = Foundation.pow(scale, degree)
            if scale > 0, factor.isFinite, factor > 0 {
                (a, b, c) = (a < 0 ? -1 : 1, b / scale, c * factor)
            }
        case .logarithmic:
            // log(a·x + b) = log|a| + log(±x + b/|a|).
            let scale = abs(a)
            if scale > 0 {
                d += c * Foundation.log(scale)
                (a, b) = (a < 0 ? -1 : 1, b / scale)
            }
        case .exponential:
            // exp(a·x + b) = e^b·exp(a·x).
            let factor = Foundation.exp(b)
            if factor.isFinite, factor > 0 {
                (b, c) = (0, c * factor)
            }
        case .none:
            break
        }
        if a < 0 {
            switch primitive.reflection {
            case .none:
                break
            case .even:
                (a, b) = (-a, -b)
            case .odd(let offset):
                // c·f(−u) + d = −c·f(u) + (c·k + d).
                (a, b, c, d) = (-a, -b, -c, d + c * offset)
            }
        }
        if case .periodic(let period, let halfPeriodNegates) = primitive.periodicity, period > 0 {
            // c·f(u + P/2) = −c·f(u): make c positive.
            if halfPeriodNegates && c < 0 { (b, c) = (b + period / 2, -c) }
            // b − P·round(b/P) lies in [−P/2, P/2]; move −P/2 to P/2.
            b -= period * (b / period).rounded()
            if b <= -period / 2 { b += period }
        }
    }
}
