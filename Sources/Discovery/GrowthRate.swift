import Exact
import Foundation
import Symbolic

/// An exact rate r of an exponential term e^(r·x): p/q, p/q·π or p/(q·π).
///
/// A one-input problem (what the decomposition reduces Planck's, Bose–Einstein's and Fermi's
/// laws to) is often a short sum of exponentials after a transform of the target:
/// 1/y = e^u + e^(−u) for 1/(2·cosh u), 1/y = e^(u/2π) − 1 for 1/(e^(u/2π) − 1). The rate is
/// read from the data (`dominant(of:against:)`) and snapped to the simplest exact value the
/// data cannot tell from it, like a frequency (`AngularFrequency`).
struct GrowthRate: Hashable, Sendable {
    /// p/q (with its sign).
    var multiple: Rational
    /// The power of π: −1, 0 or 1.
    var piPower: Int

    var value: Double { Double(multiple) * Foundation.pow(Double.pi, Double(piPower)) }

    /// −r.
    var negated: GrowthRate { GrowthRate(multiple: -multiple, piPower: piPower) }

    /// r·x as an exact expression.
    func argument(_ x: Expr) -> Expr {
        let factor = Expr(multiple) * Expr.power(Expr.pi, Rational(piPower))
        return factor * x
    }

    /// Largest denominator q of a snapped rate.
    static let denominatorLimit = 4
    /// Rates searched, in e-folds over the input's range (|r|·range).
    static let foldRange = 0.5...20.0
    /// Grid points per e-fold.
    static let resolution = 4.0
    /// A snapped rate keeps at least this fraction of the best rate's explained share.
    static let retainedShare = 0.999

    /// The rate r, snapped, for which T(y) ≈ a + b·e^(r·x) + c·e^(−r·x) fits best, for T the
    /// identity or the reciprocal; nil when no rate explains almost all of it (a share of the
    /// variance of 0.99 or more) or none snaps.
    ///
    /// Both signs of r enter at once, so the scan runs over |r| on a grid of `resolution`
    /// points per e-fold over x's range, refined by golden-section search; the snap keeps
    /// the simplest p/q, p/q·π or p/(q·π) whose fit is as good to `retainedShare`.
    static func dominant(of target: [Double], against x: [Double]) -> GrowthRate? {
        dominantWithShare(of: target, against: x)?.rate
    }

    /// The monomial power k (|k| ≤ `monomialPowers`) for which y/x^k holds an exponential the
    /// best (`dominantWithShare`), with its rate; nil when none does. Planck's x³/(eˣ − 1) is
    /// no sum of exponentials after any transform, but y/x³ is 1/(eˣ − 1): the rate is read
    /// there, and x³ is the prefactor its sparse sum needs. A power is tried only when y itself
    /// shows no rate: on noisy data the shares under different powers differ by the noise's
    /// whims (dividing by x^k reshapes the noise too), and II.35.18's 1/(2cosh(1/u)) at 1 %
    /// noise was read under u^−1 and lost.
    static func dominantWithMonomial(of target: [Double], against x: [Double]) -> (rate: GrowthRate, power: Int)? {
        if let plain = dominantWithShare(of: target, against: x) { return (plain.rate, 0) }
        var best: (rate: GrowthRate, power: Int, share: Double)?
        for power in (1...monomialPowers).flatMap({ [$0, -$0] }) {
            let divided = zip(target, x).map { $0 / Foundation.pow($1, Double(power)) }
            guard divided.allSatisfy(\.isFinite), let found = dominantWithShare(of: divided, against: x) else { continue }
            // A power must explain clearly more than no power: a tenth of what is left unexplained.
            let needed = best.map { $0.share + 0.1 * (1 - $0.share) } ?? 0
            if found.share > needed { best = (found.rate, power, found.share) }
        }
        return best.map { ($0.rate, $0.power) }
    }

    /// The largest |k| of a monomial prefactor x^k tried by `dominantWithMonomial`.
    static let monomialPowers = 3

    /// `dominant(of:against:)` with the share of the variance the snapped rate explains.
    static func dominantWithShare(of target: [Double], against x: [Double]) -> (rate: GrowthRate, share: Double)? {
        let n = x.count
        guard n >= 10, target.count == n, let low = x.min(), let high = x.max(), high > low,
              x.allSatisfy(\.isFinite)
        else { return nil }
        let range = high - low
        var best: (rate: GrowthRate, share: Double)?
        let ones = [Double](repeating: 1, count: n)
        for transform in [TargetTransform.identity, .reciprocal] {
            let z = target.map { transform.apply($0) ?? .nan }
            guard z.allSatisfy(\.isFinite) else { continue }
            let weights = transform.noiseWeights(targets: target, prefactors: ones)
            let share = { (r: Double) in explainedShare(z, x, r, weights: weights) }
            var candidate: (rate: Double, share: Double) = (0, 0)
            var folds = foldRange.lowerBound
            while folds <= foldRange.upperBound {
                let r = folds / range
                let value = share(r)
                if value > candidate.share { candidate = (r, value) }
                folds += 1 / resolution
            }
            let step = 1 / resolution / range
            let refined = AngularFrequency.goldenSectionMaximum(
                share, in: Swift.max(candidate.rate - step, foldRange.lowerBound / range)...(candidate.rate + step))
            let value = share(refined)
            guard value >= 0.99 else { continue }
            if let snapped = snapped(refined, minimumShare: retainedShare * value, share: share),
               value > best?.share ?? 0 {
                best = (snapped, share(snapped.value))
            }
        }
        return best
    }

    /// The simplest p/q, p/q·π or p/(q·π) whose share is at least `minimumShare`, within 10 %
    /// of r: by |p| + q + 2 for a power of π (`SnapBasis`'s costs), the better share on ties.
    /// The simplest, not the best: on noisy data the best share is the noise's choice
    /// (II.35.18's rate 1 came out as 3/π, 5 % off, whose share was 0.0002 higher).
    static func snapped(_ r: Double, minimumShare: Double, share: (Double) -> Double) -> GrowthRate? {
        guard r > 0, r.isFinite else { return nil }
        var best: (rate: GrowthRate, cost: Int, share: Double)?
        for q in 1...denominatorLimit {
            for piPower in [0, 1, -1] {
                let base = Foundation.pow(Double.pi, Double(piPower))
                let p = (r / base * Double(q)).rounded()
                guard p >= 1, p < 1e6, let multiple = try? Rational(Int(p), q) else { continue }
                let rate = GrowthRate(multiple: multiple, piPower: piPower)
                guard Swift.abs(rate.value - r) <= 0.1 * r else { continue }
                // In lowest terms: 2/2 costs what 1 does.
                let divisor = Self.gcd(Int(p), q)
                let cost = Int(p) / divisor + q / divisor + (piPower == 0 ? 0 : 2)
                let value = share(rate.value)
                guard value >= minimumShare else { continue }
                if let current = best, (current.cost, -current.share) <= (cost, -value) { continue }
                best = (rate, cost, value)
            }
        }
        return best?.rate
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? Swift.max(a, 1) : gcd(b, a % b) }

    /// The share of z's variance explained by a + b·e^(r·x) + c·e^(−r·x) (least squares, the
    /// exponentials scaled to 1 at x's midpoint for conditioning), with each sample weighted
    /// by `weights` (`TargetTransform.noiseWeights`: 1/y's noise is y's over y²) when given.
    static func explainedShare(_ z: [Double], _ x: [Double], _ r: Double, weights: [Double]? = nil) -> Double {
        guard let low = x.min(), let high = x.max() else { return 0 }
        let middle = (low + high) / 2
        let w = weights ?? [Double](repeating: 1, count: z.count)
        guard w.count == z.count else { return 0 }
        let columns = [
            w, zip(x, w).map { Foundation.exp(r * ($0 - middle)) * $1 }, zip(x, w).map { Foundation.exp(-r * ($0 - middle)) * $1 },
        ]
        guard columns.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { return 0 }
        let weighted = zip(z, w).map { $0 * $1 }
        let squares = w.reduce(0) { $0 + $1 * $1 }
        let mean = zip(z, w).reduce(0) { $0 + $1.0 * $1.1 * $1.1 } / squares
        let total = zip(z, w).reduce(0) { $0 + ($1.1 * ($1.0 - mean)) * ($1.1 * ($1.0 - mean)) }
        guard total > 0 else { return 0 }
        // The residual of w·z on the three weighted columns.
        var basis = OrthonormalBasis()
        for column in columns { basis.append(column) }
        let residual = basis.orthogonal(weighted)
        let left = residual.reduce(0) { $0 + $1 * $1 }
        return Swift.min(Swift.max(1 - left / total, 0), 1)
    }
}
