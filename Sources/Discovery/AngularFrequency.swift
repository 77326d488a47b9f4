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
    /// a trend after the quadratic looks like one period at most: x³, eˣ, tanh x on [1, 5]
    /// peak at 1.25)…
    static let periodFloor = 1.5
    /// … to this many.
    static let periodLimit = 20.0
    /// The least share of the detrended variance one frequency must explain…
    static let clearShare = 0.2
    /// … and of y's whole variance: an oscillation that is a clear part of the law (a third
    /// or more of it under x + 3·cos(3x/2) on [0, 10], 95 % under sin²(2πu)), not the ripple
    /// a smooth trend leaves after the quadratic (1–3 % for eˣ and tanh(x − 3) on [1, 5]).
    static let clearTotalShare = 0.1
    /// Grid points per 2π/range, the periodogram peak's width.
    static let oversampling = 4.0
    /// A snapped frequency may drift from the estimate by at most this fraction of a period
    /// over the input's range (beyond that the exact term is visibly out of phase at one end).
    static let phaseTolerance = 0.05

    /// The frequency of the strongest oscillation of `y` along `x`, snapped; nil when no single
    /// frequency explains a clear share of y's variance, or none snaps to a simple value.
    ///
    /// y is first detrended by its least-squares quadratic in x: on a range of a period or two
    /// any smooth trend (x, eˣ) correlates with a slow cosine, and the dictionary's monomials
    /// already hold trends. The periodogram is then the least-squares one (Lomb–Scargle's, for
    /// unevenly spaced x): at each ω the share of the detrended variance explained by
    /// a + b·cos ωx + c·sin ωx. Its peak on a grid 4× finer than the peak's width 2π/range is
    /// refined by golden-section search. A share is clear when it is above both `clearShare`
    /// and ten times what the largest of M independent frequencies reaches on pure noise
    /// (about 2·ln M / n for n samples), and the oscillation is `clearTotalShare` of y.
    static func dominant(of target: [Double], against x: [Double]) -> AngularFrequency? {
        let n = x.count
        guard n >= 10, target.count == n, let low = x.min(), let high = x.max(), high > low,
              target.allSatisfy(\.isFinite), x.allSatisfy(\.isFinite)
        else { return nil }
        let y = detrended(target, x)
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
            let share = explainedShare(y, x, omega)
            if share > best.share { best = (omega, share) }
            omega += step
            count += 1
        }
        let chance = 2 * Foundation.log(Double(Swift.max(count, 2))) / Double(n)
        guard best.share >= Swift.max(clearShare, 10 * chance),
              best.share * residual >= clearTotalShare * total
        else { return nil }
        let refined = goldenSectionMaximum(
            { explainedShare(y, x, $0) }, in: Swift.max(first, best.omega - step)...(best.omega + step))
        return snapped(refined, tolerance: phaseTolerance * 2 * Double.pi / range)
    }

    /// y minus its least-squares quadratic in x (Gram–Schmidt on 1, t, t² for t = x scaled to
    /// [−1, 1]).
    static func detrended(_ y: [Double], _ x: [Double]) -> [Double] {
        guard let low = x.min(), let high = x.max(), high > low else { return y }
        let t = x.map { 2 * ($0 - low) / (high - low) - 1 }
        var basis: [[Double]] = []
        var residual = y
        for power in 0...2 {
            var column = t.map { Foundation.pow($0, Double(power)) }
            for b in basis {
                let projection = zip(column, b).reduce(0) { $0 + $1.0 * $1.1 }
                column = zip(column, b).map { $0 - projection * $1 }
            }
            let norm = column.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 1e-12 else { continue }
            column = column.map { $0 / norm }
            basis.append(column)
            let projection = zip(residual, column).reduce(0) { $0 + $1.0 * $1.1 }
            residual = zip(residual, column).map { $0 - projection * $1 }
        }
        return residual
    }

    /// The simplest p/q or p/q·π (smallest q, then the closer) within `tolerance` of ω.
    static func snapped(_ omega: Double, tolerance: Double) -> AngularFrequency? {
        guard omega > 0, omega.isFinite else { return nil }
        for q in 1...denominatorLimit {
            var found: (frequency: AngularFrequency, distance: Double)?
            for timesPi in [false, true] {
                let base = timesPi ? Double.pi : 1
                let p = (omega / base * Double(q)).rounded()
                guard p >= 1, p < 1e6, let multiple = try? Rational(Int(p), q) else { continue }
                let distance = Swift.abs(Double(multiple) * base - omega)
                if distance <= tolerance, distance < found?.distance ?? .infinity {
                    found = (AngularFrequency(multiple: multiple, timesPi: timesPi), distance)
                }
            }
            if let found { return found.frequency }
        }
        return nil
    }

    /// The share of y's variance explained by a + b·cos ωx + c·sin ωx (least squares).
    static func explainedShare(_ y: [Double], _ x: [Double], _ omega: Double) -> Double {
        let n = Double(y.count)
        let c = x.map { Foundation.cos(omega * $0) }, s = x.map { Foundation.sin(omega * $0) }
        let meanY = y.reduce(0, +) / n, meanC = c.reduce(0, +) / n, meanS = s.reduce(0, +) / n
        var cc = 0.0, ss = 0.0, cs = 0.0, cy = 0.0, sy = 0.0, yy = 0.0
        for k in y.indices {
            let dc = c[k] - meanC, ds = s[k] - meanS, dy = y[k] - meanY
            cc += dc * dc; ss += ds * ds; cs += dc * ds; cy += dc * dy; sy += ds * dy; yy += dy * dy
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
