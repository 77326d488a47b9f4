import Foundation

/// The standard deviation of the noise in a target, estimated from the data alone, before any
/// model is fitted: the Gamma test (Stefánsson, Končar & Jones 1997; Evans & Jones 2002).
///
///     y = f(x) + ε,   Var ε = σ²
///
/// For each sample i and its k-th nearest neighbour N(i, k) in input space,
///
///     δ(k) = mean_i |x_N(i,k) − x_i|²,    γ(k) = mean_i (y_N(i,k) − y_i)² / 2.
///
/// For a smooth f, γ(k) = σ² + A·δ(k) + O(δ²): half the squared difference of two nearby
/// targets is the noise variance plus what f changes over their distance. The intercept Γ of
/// the least-squares line through the points (δ(k), γ(k)), k = 1…p, is the estimate of σ²:
/// the signal's share is extrapolated away rather than counted as noise, as the plain
/// nearest-neighbour estimate γ(1) would (Devroye et al. 2018 bound its bias by δ(1)).
///
/// It needs no model, so it exists whatever `discover` finds; `discover` reports it as the noise
/// level when no formula fits to the noise (`DiscoverResult.noiseLevel`). It does not decide
/// anything: measured on Feynman laws with 800 samples, the curvature of the law is not always
/// extrapolated away (hello's noiseless data give σ̂ ≈ 3 % of the target's spread, I.13.4's 1 %
/// noise gives 0), so what counts as "at the noise floor" is decided by the lack-of-fit test on
/// a candidate's residuals (`LackOfFitTest`), which needs no noise level at all.
///
/// The inputs are scaled to unit standard deviation first, so that no input's units decide the
/// neighbourhoods; at most `maximumRows` rows (evenly strided) are used, as the search over
/// neighbours is quadratic. A negative intercept is clamped to 0.
public struct NoiseEstimate: Sendable, Hashable {
    /// σ̂, the estimated standard deviation of the noise, in the target's units (≥ 0).
    public var standardDeviation: Double
    /// The target's standard deviation (the scale σ̂ is judged against).
    public var targetScale: Double
    /// How many samples the estimate used.
    public var sampleCount: Int

    /// σ̂ relative to the target's standard deviation: 0.01 for 1 % noise.
    public var relative: Double { targetScale > 0 ? standardDeviation / targetScale : 0 }

    public init(standardDeviation: Double, targetScale: Double, sampleCount: Int) {
        self.standardDeviation = standardDeviation
        self.targetScale = targetScale
        self.sampleCount = sampleCount
    }

    /// The Gamma test on `columns` (one per input) and `target`; nil with fewer than
    /// `2·neighbours` samples, no varying input, or inputs so many that neighbours are not
    /// near (`ScaledInputs.locality` above `LackOfFitTest.maximumLocality`: γ(k) is then the
    /// target's variance, not the noise's).
    public init?(columns: [[Double]], target: [Double], neighbours: Int = 10, maximumRows: Int = 1000) {
        let data = FormulaData(columns: columns, target: target).strided(limit: maximumRows)
        let n = data.count
        guard neighbours >= 2, n >= 2 * neighbours, !columns.isEmpty else { return nil }
        guard let inputs = ScaledInputs(columns: data.columns, count: n),
              inputs.locality() <= LackOfFitTest.maximumLocality
        else { return nil }
        let y = Array(data.target.prefix(n))
        let p = neighbours
        var delta = [Double](repeating: 0, count: p)
        var gamma = [Double](repeating: 0, count: p)
        // The p nearest neighbours of each row by brute force, kept sorted by distance.
        var nearest = [(distance: Double, index: Int)](repeating: (.infinity, 0), count: p)
        for i in 0..<n {
            for k in 0..<p { nearest[k] = (.infinity, 0) }
            for j in 0..<n where j != i {
                let distance = inputs.squaredDistance(i, j)
                guard distance < nearest[p - 1].distance else { continue }
                var k = p - 1
                while k > 0, nearest[k - 1].distance > distance {
                    nearest[k] = nearest[k - 1]
                    k -= 1
                }
                nearest[k] = (distance, j)
            }
            for k in 0..<p {
                delta[k] += nearest[k].distance
                let difference = y[nearest[k].index] - y[i]
                gamma[k] += difference * difference / 2
            }
        }
        for k in 0..<p {
            delta[k] /= Double(n)
            gamma[k] /= Double(n)
        }
        // The intercept of the least-squares line γ = Γ + A·δ.
        let meanDelta = delta.reduce(0, +) / Double(p)
        let meanGamma = gamma.reduce(0, +) / Double(p)
        var sxy = 0.0, sxx = 0.0
        for k in 0..<p {
            sxy += (delta[k] - meanDelta) * (gamma[k] - meanGamma)
            sxx += (delta[k] - meanDelta) * (delta[k] - meanDelta)
        }
        let slope = sxx > 0 ? sxy / sxx : 0
        // A negative slope (γ falling with distance) is noise in γ itself: then the mean of the
        // γ(k) is the better estimate. The intercept is never above γ(1), the plain
        // nearest-neighbour estimate, which is biased upwards only.
        var variance = slope > 0 ? meanGamma - slope * meanDelta : meanGamma
        variance = Swift.min(Swift.max(variance, 0), gamma[0])
        guard variance.isFinite else { return nil }
        self.init(
            standardDeviation: variance.squareRoot(), targetScale: data.targetScale, sampleCount: n)
    }
}
