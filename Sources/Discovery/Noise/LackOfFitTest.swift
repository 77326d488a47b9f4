import Foundation
import KAN

/// Whether residuals are noise or a law's leftover: a nearest-neighbour lack-of-fit test.
///
/// If a formula is the law, its residuals rₛ = yₛ − f(xₛ) are the noise: independent of x, so
/// a sample's residual says nothing about its neighbour's. If the formula misses part of the
/// law, the residuals hold that smooth misfit g(x), and neighbours in input space share it.
/// The statistic is half the mean squared difference of each residual and its nearest
/// neighbour's,
///
///     γ = Σₛ (rₛ − r_N(s))² / 2n,
///
/// which for pure noise is about the residuals' variance, and for a smooth misfit much smaller
/// (the misfit cancels between neighbours). Its distribution under "the residuals are noise"
/// is that of γ with the residuals randomly permuted over the same neighbour graph (the
/// residuals are then exchangeable by construction): `permutations` of them give its mean μ
/// and spread s, and
///
///     z = (μ − γ) / s
///
/// above `criticalValue` (3.09, one-sided 0.1 %) rejects noise. The test needs no noise level
/// and no model of the law, is indifferent to how the noise's size varies with x (a transform
/// such as 1/y or a ratio's denominator reshapes it), and works on noiseless data as well:
/// a look-alike's misfit there is all structure (z of 15–20 on 800 samples, measured), an exact
/// formula's rounding residual is below the rounding floor that decides first. With noise it
/// detects a misfit of about 0.4 σ on 800 samples of one to nine inputs (measured on
/// Feynman laws with a perturbed term); a smaller misfit is, honestly, within the noise.
///
/// Inputs are scaled to unit spread before the neighbours are found (brute force,
/// O(n²·inputs) once per table); each test is O(n · permutations). Deterministic: the
/// permutations come from a fixed seed.
///
/// In many dimensions neighbours are no nearer than any two samples (`ScaledInputs.locality`),
/// and the test cannot see a misfit: with locality above `maximumLocality` (about a hundred
/// uniform inputs on 800 samples) it is *uninformative*, and no residuals pass as noise (a
/// constant on 2,000 inputs would otherwise be "the law"). The neighbour graph is then not
/// built.
public struct LackOfFitTest: Sendable {
    /// The nearest neighbour of each sample (empty when the test is uninformative).
    let neighbour: [Int]
    /// The number of samples the test is for.
    public let count: Int
    /// `ScaledInputs.locality` of the samples.
    public let locality: Double
    /// Above this locality, more than half of a linear misfit's variance would be hidden from
    /// the test by the distance between neighbours.
    public static let maximumLocality = 0.5
    /// Whether the test can tell noise from a misfit at all.
    public var isInformative: Bool { !neighbour.isEmpty }
    /// Permutations drawn for the null distribution.
    public var permutations = 100
    /// z above which the residuals are not noise.
    public var criticalValue = 3.09

    /// The neighbour graph of the samples of `columns` (one array per input); nil with fewer
    /// than 8 samples or no input.
    public init?(columns: [[Double]]) {
        let n = columns.map(\.count).min() ?? 0
        guard n >= 8 else { return nil }
        guard let inputs = ScaledInputs(columns: columns, count: n) else { return nil }
        count = n
        locality = inputs.locality()
        guard locality <= Self.maximumLocality else {
            neighbour = []
            return
        }
        var neighbour = [Int](repeating: 0, count: n)
        for i in 0..<n {
            var best = Double.infinity, index = i == 0 ? 1 : 0
            for j in 0..<n where j != i {
                let distance = inputs.squaredDistance(i, j)
                if distance < best {
                    best = distance
                    index = j
                }
            }
            neighbour[i] = index
        }
        self.neighbour = neighbour
    }

    /// z of `residuals` (one per sample, in the order of the columns): large when neighbours
    /// share their residuals. 0 when the residuals are constant or there are too few; infinite
    /// when the test is uninformative (no residuals pass as noise).
    public func structure(of residuals: [Double]) -> Double {
        let n = neighbour.count
        guard isInformative, residuals.count == n, residuals.allSatisfy(\.isFinite) else { return .infinity }
        func gamma(_ r: [Double]) -> Double {
            var total = 0.0
            for s in 0..<n {
                let difference = r[s] - r[neighbour[s]]
                total += difference * difference
            }
            return total / Double(2 * n)
        }
        let observed = gamma(residuals)
        var generator = SeededGenerator(seed: 0x5DEE_CE66_D1CE_4E5B)
        var shuffled = residuals
        var sum = 0.0, squares = 0.0
        for _ in 0..<permutations {
            shuffled.shuffle(using: &generator)
            let value = gamma(shuffled)
            sum += value
            squares += value * value
        }
        let k = Double(permutations)
        let mean = sum / k
        let spread = Swift.max(squares / k - mean * mean, 0).squareRoot()
        guard spread > 0 else { return 0 }
        return (mean - observed) / spread
    }

    /// Whether `residuals` are consistent with pure noise: by the test on their values, and
    /// unless `heteroscedastic`, also on their ranks.
    ///
    /// The squared differences of the values are dominated by the largest residuals: a misfit
    /// that is a few spikes (a law with a pole, 1/√(1 − x₂²/x₃²) near x₂ = x₃) on top of a
    /// smooth trend passes on values alone, because the spikes' neighbours do not share them.
    /// Their ranks show the trend. Ranks are only exchangeable when the noise's size does not
    /// vary with x, which holds for SRBench's noise on y but not after a transform of y (1/y,
    /// log y) or times a ratio's denominator: those callers pass `heteroscedastic: true`.
    public func isNoise(_ residuals: [Double], heteroscedastic: Bool = false) -> Bool {
        guard structure(of: residuals) <= criticalValue else { return false }
        return heteroscedastic || structure(of: Self.ranks(of: residuals)) <= criticalValue
    }

    /// The rank of each value (0 for the smallest; ties in order).
    static func ranks(of values: [Double]) -> [Double] {
        var ranks = [Double](repeating: 0, count: values.count)
        for (rank, index) in values.indices.sorted(by: { values[$0] < values[$1] }).enumerated() {
            ranks[index] = Double(rank)
        }
        return ranks
    }
}
