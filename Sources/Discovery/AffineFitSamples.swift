/// One edge's samples (x_s, y_s), prepared once for fitting every primitive to them.
///
/// The inputs are normalised to t = (x − m)/h ∈ [−1, 1] (m the midpoint, h the half-width of
/// the input range), so the coarse search over the inner map u = α·t + β is the same whatever
/// the edge's range (pykan searches a·x + b over [−10, 10]² in the raw units of x). The targets
/// are centred once (y_c = y − ȳ), so every later sum needs no centring pass. A subsample of at
/// most `coarseLimit` points, evenly spaced in the order of x (so it spans the whole range),
/// serves the coarse search; the refinement uses all points.
public struct AffineFitSamples: Sendable {
    /// The inputs as given.
    public let x: [Double]
    /// The targets as given.
    public let y: [Double]
    /// Why no fit is possible, if so (too few samples, non-finite values, constant input).
    public let failure: AffineFit.Failure?

    /// m: the midpoint of the input range.
    let center: Double
    /// h: the half-width of the input range.
    let halfWidth: Double
    /// ȳ.
    let meanY: Double
    /// Σ (y − ȳ)².
    let totalSumOfSquares: Double
    /// Whether y is constant (to rounding): only the zero primitive can fit it.
    let isConstantTarget: Bool
    /// t_s = (x_s − m)/h for all samples.
    let t: [Double]
    /// y_s − ȳ for all samples.
    let centredY: [Double]
    /// The subsample for the coarse search: t, and y centred on the subsample's own mean.
    let coarseT: [Double]
    let coarseCentredY: [Double]
    let coarseTotalSumOfSquares: Double

    /// Prepares samples; never fails, but records a `failure` that every fit then reports.
    public init(x: [Double], y: [Double], coarseLimit: Int = 64) {
        self.x = x
        self.y = y
        var failure: AffineFit.Failure? = nil
        if x.count != y.count {
            failure = .mismatchedLengths
        } else if x.count < 3 {
            failure = .tooFewSamples
        } else if !x.allSatisfy(\.isFinite) || !y.allSatisfy(\.isFinite) {
            failure = .nonFiniteSamples
        }
        let low = x.min() ?? 0
        let high = x.max() ?? 0
        if failure == nil && !(high > low) { failure = .constantInput }
        // The half-width itself may overflow for ranges near ±Double.greatestFiniteMagnitude.
        if failure == nil && !((high - low).isFinite) { failure = .nonFiniteSamples }
        guard failure == nil else {
            self.failure = failure
            center = 0; halfWidth = 1; meanY = 0; totalSumOfSquares = 0; isConstantTarget = true
            t = []; centredY = []; coarseT = []; coarseCentredY = []; coarseTotalSumOfSquares = 0
            return
        }
        self.failure = nil
        let count = Double(x.count)
        center = 0.5 * (low + high)
        halfWidth = 0.5 * (high - low)
        let mean = y.reduce(0, +) / count
        meanY = mean
        let centred = y.map { $0 - mean }
        centredY = centred
        let total = centred.reduce(0) { $0 + $1 * $1 }
        totalSumOfSquares = total
        // Constant to rounding: the spread is below a few ulps of the values themselves.
        isConstantTarget = !(total > 0) || (total / count).squareRoot() <= 1e-13 * abs(mean)
        let m = center, h = halfWidth
        let normalized = x.map { Swift.min(1, Swift.max(-1, ($0 - m) / h)) }
        t = normalized

        if x.count <= coarseLimit || coarseLimit < 3 {
            coarseT = t
            coarseCentredY = centred
            coarseTotalSumOfSquares = total
        } else {
            let order = x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
            let last = order.count - 1
            let picks = (0..<coarseLimit).map { order[($0 * last) / (coarseLimit - 1)] }
            let subT = picks.map { normalized[$0] }
            let subY = picks.map { y[$0] }
            let subMean = subY.reduce(0, +) / Double(subY.count)
            let subCentred = subY.map { $0 - subMean }
            coarseT = subT
            coarseCentredY = subCentred
            coarseTotalSumOfSquares = subCentred.reduce(0) { $0 + $1 * $1 }
        }
    }

    /// The number of samples.
    public var count: Int { x.count }
}
