import Exact
import Foundation
import Symbolic

/// An exact angular frequency ω of an oscillating term cos(ω·x): p/q or p/q·π.
///
/// The sparse sums' dictionary holds cos xₖ and sin xₖ; a law that oscillates at another
/// frequency (sin²(2πu) = ½ − ½·cos 4πu, a second harmonic cos 2u) is outside it. The
/// frequency is read from the data (`dominant(of:against:)`, a periodogram) and snapped to the
/// simplest exact value near it, like every constant kan prints; a wrong snap costs nothing but
/// time, since the terms it makes must still fit exactly.
struct AngularFrequency: Hashable, Sendable {
    /// p/q.
    var multiple: Rational
    /// Whether ω = p/q·π.
    var timesPi: Bool

    static let one = AngularFrequency(multiple: 1, timesPi: false)

    var value: Double { Double(multiple) * (timesPi ? Double.pi : 1) }

    /// ω·x as an exact expression.
    func argument(_ x: Expr) -> Expr {
        let factor = timesPi ? Expr(multiple) * Expr.pi : Expr(multiple)
        return self == .one ? x : factor * x
    }

    /// Largest denominator q of a snapped frequency.
    static let denominatorLimit = 4
    /// Frequencies searched: from this many periods over the input's range (the residual of
    /// a trend looks like one period at most: after a quadratic, x³, eˣ, tanh x on [1, 5]
    /// peak at 1.25)…
    static let periodFloor = 1.5
    /// … to this many.
    static let periodLimit = 20.0
    /// The least share of the detrended variance one frequency must explain…
    static let clearShare = 0.2
    /// … and of y's whole variance: an oscillation that is a clear part of the law (a third
    /// or more of it under x + 3·cos(3x/2) on [0, 10], 95 % under sin²(2πu)), not the ripple
    /// a smooth trend leaves (after a quadratic, 1–3 % for eˣ and tanh(x − 3) on [1, 5]).
    static let clearTotalShare = 0.1
    /// Grid points per 2π/range, the periodogram peak's width.
    static let oversampling = 4.0
    /// A snapped frequency may drift from the estimate by at most this fraction of a period
    /// over the input's range, a quarter of the peak's width…
    static let phaseTolerance = 0.25
    /// … and must keep this fraction of the peak's explained share. The peak's estimate is
    /// biased by a few per cent of its width where the trends take part of the wave or the
    /// argument is unevenly spread (38/3 for sin²(2πx₁x₂/x₃)'s 4π, 1.03 for cos x₂x₃ with
    /// x₂x₃ denser near 1); the simplest value the data cannot tell from the peak is meant.
    static let retainedShare = 0.9

    /// The frequency of the strongest oscillation of `y` along `x`, snapped; nil when no single
    /// frequency explains a clear share of y's variance, or none snaps to a simple value.
    ///
    /// y is first detrended (`detrended`): on a range of a period or two any smooth trend
    /// (x, eˣ) correlates with a slow cosine, and the dictionary's monomials already hold
    /// trends. The periodogram is then the least-squares one (Lomb–Scargle's, for
    /// unevenly spaced x): at each ω the share of the detrended variance explained by
    /// a + b·cos ωx + c·sin ωx. Its peak on a grid 4× finer than the peak's width 2π/range is
    /// refined by golden-section search. A share is clear when it is above both `clearShare`
    /// and five times what the largest of M independent frequencies reaches on pure noise
    /// (about 2·ln M / n for n samples), and the oscillation is `clearTotalShare` of y.
    static func dominant(of target: [Double], against x: [Double]) -> AngularFrequency? {
        strongest(of: target, against: x)?.frequency
    }

    /// `dominant(of:against:)` with the share of y's whole variance that its oscillation
    /// explains (what ranks the arguments of `WaveArgument`).
    static func strongest(of target: [Double], against x: [Double]) -> (frequency: AngularFrequency, share: Double)? {
        let n = x.count
        guard n >= 10, target.count == n, let low = x.min(), let high = x.max(), high > low,
              target.allSatisfy(\.isFinite), x.allSatisfy(\.isFinite)
        else { return nil }
        let (y, trends) = detrended(target, x)
        let mean = target.reduce(0, +) / Double(n)
        let total = target.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let residual = y.reduce(0) { $0 + $1 * $1 }
        guard total > 0, residual > 0 else { return nil }
        let range = high - low
        let step = 2 * Double.pi / range / oversampling
        let first = 2 * Double.pi * periodFloor / range, last = 2 * Double.pi * periodLimit / range
        var best = (omega: 0.0, share: 0.0)
        var count = 0
        var omega = first
        while omega <= last {
            let share = explainedShare(y, trends, x, omega)
            if share > best.share { best = (omega, share) }
            omega += step
            count += 1
        }
        let chance = 2 * Foundation.log(Double(Swift.max(count, 2))) / Double(n)
        guard best.share >= Swift.max(clearShare, 5 * chance),
              best.share * residual >= clearTotalShare * total
        else { return nil }
        let refined = goldenSectionMaximum(
            { explainedShare(y, trends, x, $0) }, in: Swift.max(first, best.omega - step)...(best.omega + step))
        let peak = explainedShare(y, trends, x, refined)
        return snapped(
            refined, tolerance: phaseTolerance * 2 * Double.pi / range,
            score: { explainedShare(y, trends, x, $0.value) }, minimumScore: retainedShare * peak)
            .map { ($0, explainedShare(y, trends, x, $0.value) * residual / total) }
    }

    /// y minus its least-squares fit by smooth trends in x: 1, x, x², x³ and, for positive x,
    /// 1/x, 1/x², √x and log x (modified Gram–Schmidt, twice for accuracy), and the trends'
    /// orthonormal basis. The powers and the logarithm are what the dictionary's monomials
    /// hold already; left in, a steep trend (y = 1/m for m on [0.04, 25]) has a residual
    /// that a fast cosine fits on a few spikes.
    static func detrended(_ y: [Double], _ x: [Double]) -> (residual: [Double], trends: OrthonormalBasis) {
        guard let low = x.min(), let high = x.max(), high > low else { return (y, OrthonormalBasis()) }
        let scale = Swift.max(Swift.abs(low), Swift.abs(high))
        let t = x.map { $0 / scale }
        var trends: [[Double]] = (0...3).map { power in t.map { Foundation.pow($0, Double(power)) } }
        if low > 0 {
            trends += [t.map { 1 / $0 }, t.map { 1 / ($0 * $0) }, t.map { $0.squareRoot() }, t.map { Foundation.log($0) }]
        }
        var basis = OrthonormalBasis()
        for column in trends where column.allSatisfy(\.isFinite) { basis.append(column) }
        let residual = basis.orthogonal(y)
        return (residual, basis)
    }

    /// The simplest p/q or p/q·π within `tolerance` of ω whose `score` is at least
    /// `minimumScore`: the smallest q, then the higher score (without one, the closer: 13 and
    /// 4π are both near 12.8, and the data tell which fits).
    static func snapped(
        _ omega: Double, tolerance: Double, score: ((AngularFrequency) -> Double)? = nil, minimumScore: Double = 0
    ) -> AngularFrequency? {
        guard omega > 0, omega.isFinite else { return nil }
        for q in 1...denominatorLimit {
            var found: (frequency: AngularFrequency, rank: Double)?
            for timesPi in [false, true] {
                let base = timesPi ? Double.pi : 1
                let p = (omega / base * Double(q)).rounded()
                guard p >= 1, p < 1e6, let multiple = try? Rational(Int(p), q) else { continue }
                let distance = Swift.abs(Double(multiple) * base - omega)
                let frequency = AngularFrequency(multiple: multiple, timesPi: timesPi)
                guard distance <= tolerance else { continue }
                let value = score?(frequency)
                guard value.map({ $0 >= minimumScore }) ?? true else { continue }
                // Lower ranks first: minus the score, or the distance.
                let rank = value.map { -$0 } ?? distance
                if rank < found?.rank ?? .infinity {
                    found = (frequency, rank)
                }
            }
            if let found { return found.frequency }
        }
        return nil
    }

    /// The share of the detrended y (`residual`, orthogonal to the trends' orthonormal
    /// `trends`) that b·cos ωx + c·sin ωx explain when fitted jointly with the trends: cos
    /// and sin are first made orthogonal to the trends, so that the part of the wave the
    /// trends also fit is not counted twice, and a wave the detrending bent (the steep 1/x²
    /// near x = 0.25 takes a slice of sin²(2πx)) is still scored at its own frequency.
    static func explainedShare(_ residual: [Double], _ trends: OrthonormalBasis, _ x: [Double], _ omega: Double) -> Double {
        let c = trends.orthogonal(x.map { Foundation.cos(omega * $0) })
        let s = trends.orthogonal(x.map { Foundation.sin(omega * $0) })
        var cc = 0.0, ss = 0.0, cs = 0.0, cy = 0.0, sy = 0.0, yy = 0.0
        for k in residual.indices {
            let y = residual[k]
            cc += c[k] * c[k]; ss += s[k] * s[k]; cs += c[k] * s[k]; cy += c[k] * y; sy += s[k] * y; yy += y * y
        }
        let determinant = cc * ss - cs * cs
        guard yy > 0, determinant > 1e-12 * Swift.max(cc * ss, .leastNormalMagnitude) else { return 0 }
        // Explained sum of squares: [cy sy]·G⁻¹·[cy sy]ᵀ.
        let explained = (ss * cy * cy - 2 * cs * cy * sy + cc * sy * sy) / determinant
        return Swift.min(Swift.max(explained / yy, 0), 1)
    }

    /// The maximum of a unimodal f on `interval` to 10⁻⁹ of its width.
    static func goldenSectionMaximum(_ f: (Double) -> Double, in interval: ClosedRange<Double>) -> Double {
        let ratio = (5.0.squareRoot() - 1) / 2
        var a = interval.lowerBound, b = interval.upperBound
        var c = b - ratio * (b - a), d = a + ratio * (b - a)
        var fc = f(c), fd = f(d)
        for _ in 0..<45 {
            if fc > fd {
                b = d; d = c; fd = fc
                c = b - ratio * (b - a); fc = f(c)
            } else {
                a = c; c = d; fc = fd
                d = a + ratio * (b - a); fd = f(d)
            }
        }
        return (a + b) / 2
    }
}
