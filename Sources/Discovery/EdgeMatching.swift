import Foundation
import KAN

/// One primitive fitted to one edge: the row of a suggestion table.
public struct EdgeMatchCandidate: Sendable {
    /// The primitive fitted.
    public var primitive: Primitive
    /// Its position in the library (the last tie-break).
    public var libraryIndex: Int
    /// The fit c·f(a·x + b) + d.
    public var fit: AffineFit
    /// The ranking score (lower is better, see `SuggestionWeights`).
    public var score: Double

    public var name: String { primitive.name }
    public var cost: Int { primitive.cost }
    public var rSquared: Double { fit.rSquared }
}

/// The library ranked for one edge, best first: pykan's `suggest_symbolic` table.
///
///     let match = try EdgeMatching.suggest(network, edge: EdgeLocation(layer: 0, input: 0, output: 0),
///                                          library: .standard, topK: 5)
///     print(match)            // rank, function, R², cost, score, a, b, c, d
///     try network.fix(match.edge, to: match.candidates[0])
public struct EdgeMatch: Sendable {
    public var edge: EdgeLocation
    /// The best `topK` candidates, best first (failed fits are left out).
    public var candidates: [EdgeMatchCandidate]

    public var best: EdgeMatchCandidate? { candidates.first }
}

/// Edge matching on a network: each live edge's samples fitted by every primitive of a library
/// (`AffineFit`), ranked by `SuggestionWeights`.
///
/// All (edge, primitive) fits of a call run concurrently on every core; the ranking is
/// `EdgeRanking`'s (score, then lower cost, then higher R², then library order), which does not
/// depend on scheduling, so results are deterministic.
public enum EdgeMatching {
    /// The ranked table of one edge.
    public static func suggest(
        _ network: Network, edge: EdgeLocation, library: FunctionLibrary, topK: Int = 5,
        weights: SuggestionWeights = SuggestionWeights(), options: AffineFitOptions = AffineFitOptions(),
        samples: Dataset? = nil, shouldStop: (@Sendable () -> Bool)? = nil
    ) throws -> EdgeMatch {
        try suggest(network, edges: [edge], library: library, topK: topK, weights: weights,
                    options: options, samples: samples, shouldStop: shouldStop)[0]
    }

    /// pykan's `suggest_symbolic(l, i, j)`.
    public static func suggest(
        _ network: Network, layer: Int, input: Int, output: Int, library: FunctionLibrary,
        topK: Int = 5, weights: SuggestionWeights = SuggestionWeights()
    ) throws -> EdgeMatch {
        try suggest(network, edge: EdgeLocation(layer: layer, input: input, output: output),
                    library: library, topK: topK, weights: weights)
    }

    /// The ranked tables of the given edges (default: every live spline edge), in edge order.
    ///
    /// `shouldStop` (Ctrl-C) is checked before each (edge, primitive) fit; once it returns
    /// true the remaining fits are skipped and `MatchingInterrupted` is thrown.
    public static func suggest(
        _ network: Network, edges: [EdgeLocation]? = nil, library: FunctionLibrary, topK: Int = 5,
        weights: SuggestionWeights = SuggestionWeights(), options: AffineFitOptions = AffineFitOptions(),
        samples: Dataset? = nil, shouldStop: (@Sendable () -> Bool)? = nil
    ) throws -> [EdgeMatch] {
        let edges = edges ?? network.splineEdges
        let stop = shouldStop ?? { false }
        let prepared = try edges.map { edge in
            if stop() { throw MatchingInterrupted() }
            return try EdgeSamples(network, edge: edge, samples: samples).fitSamples
        }
        let matches = rank(prepared, edges: edges, library: library, topK: topK, weights: weights, options: options,
                           shouldStop: stop)
        if stop() { throw MatchingInterrupted() }
        return matches
    }

    /// Ranks the library on every prepared edge (`EdgeRanking`) and keeps each edge's best
    /// `topK` successful fits; fits not started before `shouldStop` returns true are left failed.
    static func rank(
        _ prepared: [AffineFitSamples], edges: [EdgeLocation], library: FunctionLibrary, topK: Int,
        weights: SuggestionWeights, options: AffineFitOptions, shouldStop: @Sendable () -> Bool = { false }
    ) -> [EdgeMatch] {
        let primitives = library.primitives
        let ranked = EdgeRanking.rank(prepared, primitives: library.numericPrimitives, weights: weights,
                                      options: options, shouldStop: shouldStop)
        return edges.indices.map { e in
            let candidates = ranked[e].filter { $0.fit.succeeded }.prefix(Swift.max(topK, 0)).map { entry in
                EdgeMatchCandidate(primitive: primitives[entry.libraryIndex], libraryIndex: entry.libraryIndex,
                                   fit: entry.fit, score: entry.score)
            }
            return EdgeMatch(edge: edges[e], candidates: Array(candidates))
        }
    }
}

/// Edge matching was stopped by its `shouldStop` before every fit was done.
public struct MatchingInterrupted: Error, Hashable, Sendable, CustomStringConvertible {
    public init() {}
    public var description: String { "edge matching interrupted" }
}

extension EdgeMatch: CustomStringConvertible {
    /// The ranked table: the edge, then one line per candidate.
    public var description: String {
        (["edge \(edge)"] + CandidateTable.lines(candidates.map { ($0.name, $0.cost, $0.fit, $0.score) }))
            .joined(separator: "\n")
    }
}
