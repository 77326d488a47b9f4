import Foundation
import KAN

/// Fixing edges as symbolic (pykan `fix_symbolic`, `unfix_symbolic`, `auto_symbolic`).
extension Network {
    /// Puts an edge in symbolic mode as c·f(a·x + b) + d, f the primitive's protected function
    /// (so that training through it stays finite), the constants the fit's.
    public mutating func fix(_ edge: EdgeLocation, primitive: Primitive, fit: AffineFit) throws {
        try setSymbolic(
            layer: edge.layer, input: edge.input, output: edge.output,
            function: primitive.symbolicFunction, a: fit.a, b: fit.b, c: fit.c, d: fit.d)
    }

    /// Puts an edge in symbolic mode with a candidate of its suggestion table.
    public mutating func fix(_ edge: EdgeLocation, to candidate: EdgeMatchCandidate) throws {
        try fix(edge, primitive: candidate.primitive, fit: candidate.fit)
    }

    /// Returns an edge to spline mode (its spline was kept while it was symbolic).
    public mutating func unfix(_ edge: EdgeLocation) throws {
        try setSpline(layer: edge.layer, input: edge.input, output: edge.output)
    }

    /// Makes a symbolic edge mixed (a residual spline that goes on learning, pykan's "sn"
    /// mode) or purely symbolic.
    public mutating func setResidual(_ edge: EdgeLocation, _ residual: Bool) throws {
        if residual {
            try addSplineResidual(layer: edge.layer, input: edge.input, output: edge.output)
        } else {
            try removeSplineResidual(layer: edge.layer, input: edge.input, output: edge.output)
        }
    }

    /// pykan's `auto_symbolic`: every live spline edge fixed to the primitive
    /// `EdgeMatch.autoSymbolicChoice(threshold:)` picks when its fit's R² reaches `threshold`
    /// (with a residual spline when `residual`); the others stay splines. Returns what happened
    /// to each edge, in edge order. Matching runs on all cores; `shouldStop` (Ctrl-C) ends it
    /// with `MatchingInterrupted` before any edge is fixed.
    @discardableResult
    public mutating func autoSymbolic(
        library: FunctionLibrary, threshold: Double = 0.9, residual: Bool = false,
        weights: SuggestionWeights = SuggestionWeights(), samples: Dataset? = nil,
        shouldStop: (@Sendable () -> Bool)? = nil
    ) throws -> [AutoSymbolicChoice] {
        let matches = try EdgeMatching.suggest(
            self, library: library, topK: library.count, weights: weights, samples: samples, shouldStop: shouldStop)
        var choices: [AutoSymbolicChoice] = []
        for match in matches {
            let outcome = match.autoSymbolicOutcome(threshold: threshold)
            if case .fixed(let best) = outcome {
                try fix(match.edge, to: best)
                try setResidual(match.edge, residual)
            }
            choices.append(AutoSymbolicChoice(edge: match.edge, outcome: outcome, residual: residual, threshold: threshold))
        }
        return choices
    }
}

extension EdgeMatch {
    /// A fit this close to exact (1 − R²) counts as "exact enough" for `simplestNearExact`.
    public static let nearExact = 1e-4

    /// What `auto_symbolic` does with this edge: the best-ranked candidate among the fits good
    /// enough to use (R² ≥ `threshold`, so that the zero function, which outranks every poor
    /// fit, does not hide a usable one), narrowed by `simplestNearExact`; the edge stays a
    /// spline when no fit reaches the threshold.
    public func autoSymbolicOutcome(threshold: Double) -> AutoSymbolicChoice.Outcome {
        let usable = candidates.filter { $0.rSquared >= threshold }
        guard let best = Self.simplestNearExact(usable.isEmpty ? candidates : usable) else { return .noFit }
        return best.rSquared >= threshold ? .fixed(best) : .belowThreshold(best: best)
    }

    /// The cheapest of the near-exact fits (1 − R² at most `nearExact`), ties going to the
    /// earlier primitive in the library (std.kan lists simpler functions first); the
    /// best-ranked when no fit is near exact.
    ///
    /// pykan's ranking alone goes wrong both ways. An edge that is truly x² is fitted a hair
    /// better by a shifted sine with a small inner slope (sin(0.18x − π/2) ≈ −1 + (0.18x)²/2),
    /// because the spline is not exactly x², and the look-alike wins on R² at equal cost. An
    /// edge that is truly atanh (R² 0.99997) loses to a straight line (R² 0.98) because the
    /// line is cheaper. "The simplest candidate that is exact enough" fixes both. The price: a
    /// function this close to a cheaper one on the edge's range (sin(0.1x) against x) is taken
    /// for the cheaper one.
    public static func simplestNearExact(_ ranked: [EdgeMatchCandidate]) -> EdgeMatchCandidate? {
        let near = ranked.filter { 1 - $0.rSquared <= nearExact }
        return near.min { ($0.cost, $0.libraryIndex) < ($1.cost, $1.libraryIndex) } ?? ranked.first
    }
}

/// What `auto_symbolic` did with one edge; its description is the line the builtin prints.
public struct AutoSymbolicChoice: Sendable, CustomStringConvertible {
    public enum Outcome: Sendable {
        /// Fixed to this candidate.
        case fixed(EdgeMatchCandidate)
        /// Left a spline: the best candidate's R² is below the threshold.
        case belowThreshold(best: EdgeMatchCandidate)
        /// Left a spline: no primitive could be fitted at all.
        case noFit
    }

    public var edge: EdgeLocation
    public var outcome: Outcome
    /// Whether a fixed edge kept a residual spline.
    public var residual: Bool
    public var threshold: Double

    /// The candidate the edge was fixed to; nil where it stayed a spline.
    public var fixed: EdgeMatchCandidate? {
        if case .fixed(let candidate) = outcome { return candidate }
        return nil
    }

    /// `edge (0,0,0): sin, R² 0.999998, (a, b, c, d) = (3.14159, 0, 1, 0)`, or why it stayed a spline.
    public var description: String {
        switch outcome {
        case .fixed(let candidate):
            "edge \(edge): \(candidate.summary)\(residual ? " + spline" : "")"
        case .belowThreshold(let best):
            "edge \(edge): spline (best \(best.name), R² \(EdgeMatchCandidate.short(best.rSquared)) "
                + "< \(EdgeMatchCandidate.short(threshold)))"
        case .noFit:
            "edge \(edge): spline (no primitive fits)"
        }
    }
}

extension EdgeMatchCandidate {
    /// `sin, R² 0.999998, (a, b, c, d) = (3.14159, 0, 1, 0)`: how `fix` and `auto_symbolic` report a fit.
    public var summary: String {
        "\(name), R² \(Self.short(rSquared)), (a, b, c, d) = "
            + "(\(Self.short(fit.a)), \(Self.short(fit.b)), \(Self.short(fit.c)), \(Self.short(fit.d)))"
    }

    static func short(_ value: Double) -> String { String(format: "%.6g", value) }
}
