/// The strong-Wolfe line search of torch.optim.LBFGS (Nocedal & Wright, algorithms 3.5/3.6):
/// bracket a step t along d satisfying
///
///     f(x + t·d) ≤ f(x) + c₁·t·∇f·d   and   |∇f(x + t·d)·d| ≤ c₂·|∇f(x)·d|
///
/// (c₁ = 1e-4, c₂ = 0.9), then zoom with safeguarded cubic interpolation; at most 25 evaluations.
enum StrongWolfe {
    struct Result {
        var f: Double
        var g: [Double]
        var t: Double
        var auxiliary: Double
        var evaluations: Int
        /// `shouldStop` ended the search before an evaluation: the fields describe the start.
        var stopped = false
    }

    static func cubicMinimum(_ x1: Double, _ f1: Double, _ g1: Double, _ x2: Double, _ f2: Double, _ g2: Double,
                             bounds: (Double, Double)? = nil) -> Double {
        let (lower, upper) = bounds ?? (x1 <= x2 ? (x1, x2) : (x2, x1))
        let d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
        let d2Square = d1 * d1 - g1 * g2
        if d2Square >= 0 {
            let d2 = d2Square.squareRoot()
            let position = x1 <= x2
                ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2))
            return min(max(position, lower), upper)
        }
        return (lower + upper) / 2
    }

    static func search(
        objective: LBFGS.Objective, x: [Double], t initial: Double, d: [Double], f: Double, g: [Double], gtd: Double,
        auxiliary: Double, c1: Double = 1e-4, c2: Double = 0.9, toleranceChange: Double = 1e-9, maxSearches: Int = 25,
        shouldStop: (() -> Bool)? = nil
    ) -> Result {
        // Checked before each further evaluation: on a network of millions of parameters one is
        // a noticeable fraction of a second, and a search makes up to 25.
        func stopped(after evaluations: Int) -> Result {
            Result(f: f, g: g, t: 0, auxiliary: auxiliary, evaluations: evaluations, stopped: true)
        }
        var t = initial
        let dNorm = maxAbs(d)
        // A trial point where the loss is not finite (an overflowing symbolic edge, say) is
        // rejected like a very large loss: NaN would fail every comparison below and could be
        // kept as the bracket's best end, +∞ never is.
        func evaluate(_ t: Double) -> (Double, [Double], Double) {
            var trial = x
            for p in trial.indices { trial[p] += t * d[p] }
            let (value, gradient, auxiliary) = objective(trial)
            return (value.isNaN ? .infinity : value, gradient, auxiliary)
        }
        var (fNew, gNew, auxNew) = evaluate(t)
        var evaluations = 1
        var gtdNew = dot(gNew, d)
        var tPrevious = 0.0, fPrevious = f, gPrevious = g, gtdPrevious = gtd, auxPrevious = auxiliary
        var done = false
        var searches = 0
        var bracket: [Double] = []
        var bracketF: [Double] = []
        var bracketG: [[Double]] = []
        var bracketGtd: [Double] = []
        var bracketAux: [Double] = []
        while searches < maxSearches {
            if fNew > f + c1 * t * gtd || (searches > 1 && fNew >= fPrevious) || !fNew.isFinite {
                bracket = [tPrevious, t]; bracketF = [fPrevious, fNew]; bracketG = [gPrevious, gNew]
                bracketGtd = [gtdPrevious, gtdNew]; bracketAux = [auxPrevious, auxNew]
                break
            }
            if abs(gtdNew) <= -c2 * gtd {
                bracket = [t]; bracketF = [fNew]; bracketG = [gNew]; bracketGtd = [gtdNew]; bracketAux = [auxNew]
                done = true
                break
            }
            if gtdNew >= 0 {
                bracket = [tPrevious, t]; bracketF = [fPrevious, fNew]; bracketG = [gPrevious, gNew]
                bracketGtd = [gtdPrevious, gtdNew]; bracketAux = [auxPrevious, auxNew]
                break
            }
            let minStep = t + 0.01 * (t - tPrevious)
            let maxStep = t * 10
            let current = t
            t = cubicMinimum(tPrevious, fPrevious, gtdPrevious, t, fNew, gtdNew, bounds: (minStep, maxStep))
            tPrevious = current; fPrevious = fNew; gPrevious = gNew; gtdPrevious = gtdNew; auxPrevious = auxNew
            if let shouldStop, shouldStop() { return stopped(after: evaluations) }
            (fNew, gNew, auxNew) = evaluate(t)
            evaluations += 1
            gtdNew = dot(gNew, d)
            searches += 1
        }
        if searches == maxSearches {
            bracket = [0, t]; bracketF = [f, fNew]; bracketG = [g, gNew]; bracketGtd = [gtd, gtdNew]; bracketAux = [auxiliary, auxNew]
        }
        // Zoom.
        var insufficientProgress = false
        var (low, high) = bracketF[0] <= bracketF[bracketF.count - 1] ? (0, 1) : (1, 0)
        if bracket.count == 1 { (low, high) = (0, 0) }
        while !done && searches < maxSearches && bracket.count == 2 {
            if abs(bracket[1] - bracket[0]) * dNorm < toleranceChange { break }
            t = cubicMinimum(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1])
            // A non-finite end makes the interpolation meaningless: bisect instead.
            if !t.isFinite || !bracketF[0].isFinite || !bracketF[1].isFinite { t = (bracket[0] + bracket[1]) / 2 }
            let top = max(bracket[0], bracket[1]), bottom = min(bracket[0], bracket[1])
            let eps = 0.1 * (top - bottom)
            if min(top - t, t - bottom) < eps {
                if insufficientProgress || t >= top || t <= bottom {
                    t = abs(t - top) < abs(t - bottom) ? top - eps : bottom + eps
                    insufficientProgress = false
                } else {
                    insufficientProgress = true
                }
            } else {
                insufficientProgress = false
            }
            if let shouldStop, shouldStop() { return stopped(after: evaluations) }
            (fNew, gNew, auxNew) = evaluate(t)
            evaluations += 1
            gtdNew = dot(gNew, d)
            searches += 1
            if fNew > f + c1 * t * gtd || fNew >= bracketF[low] || !fNew.isFinite {
                bracket[high] = t; bracketF[high] = fNew; bracketG[high] = gNew; bracketGtd[high] = gtdNew; bracketAux[high] = auxNew
                (low, high) = bracketF[0] <= bracketF[1] ? (0, 1) : (1, 0)
            } else {
                if abs(gtdNew) <= -c2 * gtd {
                    done = true
                } else if gtdNew * (bracket[high] - bracket[low]) >= 0 {
                    bracket[high] = bracket[low]; bracketF[high] = bracketF[low]; bracketG[high] = bracketG[low]
                    bracketGtd[high] = bracketGtd[low]; bracketAux[high] = bracketAux[low]
                }
                bracket[low] = t; bracketF[low] = fNew; bracketG[low] = gNew; bracketGtd[low] = gtdNew; bracketAux[low] = auxNew
            }
        }
        return Result(f: bracketF[low], g: bracketG[low], t: bracket[low], auxiliary: bracketAux[low], evaluations: evaluations)
    }
}
