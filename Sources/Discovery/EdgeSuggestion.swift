import Foundation

/// How candidates are ranked: pykan 0.2.8's `suggest_symbolic` loss (lower is better)
///
///     score = w·cost + (1 − w)·log₂(1 + ε − R²),    w = 0.8, ε = 1e-5
///
/// ε bounds the fit term below by log₂ ε ≈ −16.6, so an exact fit cannot outweigh any amount of
/// complexity. A failed fit scores +∞ (pykan gives a masked edge R² = −10⁸ to the same end).
/// The zero primitive (cost 0, R² = 0) scores 0, which any other primitive beats only when
/// w·cost < −(1 − w)·log₂(1 + ε − R²): it acts as pykan's threshold for "fits nothing".
public struct SuggestionWeights: Sendable, Hashable {
    /// w: the weight of simplicity (pykan: 0.8).
    public var simplicity: Double
    /// ε: the floor of 1 − R² inside the logarithm (pykan: 1e-5).
    public var rSquaredEpsilon: Double

    public init(simplicity: Double = 0.8, rSquaredEpsilon: Double = 1e-5) {
        self.simplicity = simplicity
        self.rSquaredEpsilon = rSquaredEpsilon
    }

    /// The score of a fit of the given cost; +∞ for a failed fit.
    public func score(cost: Int, fit: AffineFit) -> Double {
        guard fit.succeeded else { return .infinity }
        let unexplained = Swift.max(0, Swift.min(1, 1 - fit.rSquared)) + rSquaredEpsilon
        return simplicity * Double(cost) + (1 - simplicity) * Foundation.log2(unexplained)
    }
}

/// One primitive's fit to an edge, as ranked by `EdgeSuggestion`.
public struct EdgeCandidate: Sendable {
    /// The primitive fitted.
    public var primitive: NumericPrimitive
    /// Its position in the library (the last tie-break).
    public var libraryIndex: Int
    /// The fit c·f(a·x + b) + d.
    public var fit: AffineFit
    /// The ranking score (lower is better).
    public var score: Double

    public var name: String { primitive.name }
    public var cost: Int { primitive.cost }
}

/// Every primitive of a library fitted to one edge's samples and ranked, best first: the table
/// pykan's `suggest_symbolic` prints, for samples that are not (yet) a network's edge.
///
///     let suggestion = EdgeSuggestion(x: xs, y: ys, library: NumericPrimitive.standard)
///     suggestion.best?.name          // "sin"
///     print(suggestion)              // rank, name, R², cost, score, a, b, c, d
///
/// A view of `EdgeRanking`, the ranking `EdgeMatching` uses on a network's edges, keeping the
/// failed fits (last, with their reason).
public struct EdgeSuggestion: Sendable {
    /// All candidates, best first.
    public var candidates: [EdgeCandidate]

    /// The best candidate (nil only for an empty library).
    public var best: EdgeCandidate? { candidates.first }

    public init(
        x: [Double], y: [Double], library: [NumericPrimitive],
        weights: SuggestionWeights = SuggestionWeights(),
        options: AffineFitOptions = AffineFitOptions()
    ) {
        self.init(
            samples: AffineFitSamples(x: x, y: y), library: library, weights: weights,
            options: options)
    }

    public init(
        samples: AffineFitSamples, library: [NumericPrimitive],
        weights: SuggestionWeights = SuggestionWeights(),
        options: AffineFitOptions = AffineFitOptions()
    ) {
        let ranked = EdgeRanking.rank([samples], primitives: library, weights: weights, options: options)[0]
        candidates = ranked.map { entry in
            EdgeCandidate(primitive: library[entry.libraryIndex], libraryIndex: entry.libraryIndex,
                          fit: entry.fit, score: entry.score)
        }
    }
}

extension EdgeSuggestion: CustomStringConvertible {
    /// The ranked table: one line per candidate.
    public var description: String {
        CandidateTable.lines(candidates.map { ($0.name, $0.cost, $0.fit, $0.score) }).joined(separator: "\n")
    }
}
