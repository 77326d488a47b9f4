/// The arguments on which a primitive is defined: a closed interval `[lowerBound, upperBound]`
/// (either end may be infinite) without its poles, isolated or periodic.
///
///     PrimitiveDomain(lowerBound: 0)                       // sqrt, x^1.5
///     PrimitiveDomain(lowerBound: 0, poles: [0])           // log, 1/sqrt(x)
///     PrimitiveDomain(poles: [.pi / 2], polePeriod: .pi)   // tan
///
/// An open end such as log's 0 is written as a closed bound plus a pole there: the fit must keep
/// every sample's argument off the pole, and protected evaluation clamps to the bound and
/// saturates the infinite value.
public struct PrimitiveDomain: Sendable, Hashable {
    /// The smallest admissible argument (`-.infinity` when unbounded below).
    public var lowerBound: Double
    /// The largest admissible argument (`.infinity` when unbounded above).
    public var upperBound: Double
    /// Arguments where the primitive is infinite or undefined.
    public var poles: [Double]
    /// When set, every pole repeats at `pole + k·polePeriod` for all integers k.
    public var polePeriod: Double?

    /// Every real number.
    public static let real = PrimitiveDomain()

    public init(
        lowerBound: Double = -.infinity, upperBound: Double = .infinity,
        poles: [Double] = [], polePeriod: Double? = nil
    ) {
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.poles = poles
        self.polePeriod = polePeriod
    }

    /// Whether the domain is the whole real line (no bound, no pole).
    public var isReal: Bool {
        lowerBound == -.infinity && upperBound == .infinity && poles.isEmpty
    }

    /// `u` moved into `[lowerBound, upperBound]`; NaN stays NaN.
    @inline(__always)
    public func clamp(_ u: Double) -> Double {
        u < lowerBound ? lowerBound : (u > upperBound ? upperBound : u)
    }

    /// Whether every argument of the closed interval `[low, high]` lies in the domain: inside
    /// the bounds (up to a relative rounding tolerance, which `clamp` then removes) and on no pole.
    ///
    /// The fit maps the samples' range affinely, so this one check on the end points decides
    /// whether all samples' arguments are admissible.
    public func admits(_ low: Double, _ high: Double) -> Bool {
        guard low.isFinite, high.isFinite, low <= high else { return false }
        if low < lowerBound - Self.tolerance(lowerBound) { return false }
        if high > upperBound + Self.tolerance(upperBound) { return false }
        for pole in poles {
            if let period = polePeriod, period > 0 {
                // The first pole at or above `low`.
                let k = ((low - pole) / period).rounded(.up)
                if pole + k * period <= high { return false }
            } else if low <= pole && pole <= high {
                return false
            }
        }
        return true
    }

    /// The rounding slack allowed past a finite bound: an interval computed as β ± α from a
    /// bound hits it only up to a few ulps.
    @inline(__always)
    static func tolerance(_ bound: Double) -> Double {
        bound.isFinite ? 1e-12 * max(1, abs(bound)) : 0
    }
}
