import Dispatch
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
/// All (edge, primitive) fits of a call run concurrently on every core
/// (`DispatchQueue.concurrentPerform`), each into its own slot; the ranking (score, then lower
/// cost, then higher R², then library order; see `ranksBefore`) does not depend on scheduling, so results are
/// deterministic.
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

    /// Fits every primitive to every prepared edge, concurrently, and ranks per edge; fits
    /// not started before `shouldStop` returns true are left failed.
    static func rank(
        _ prepared: [AffineFitSamples], edges: [EdgeLocation], library: FunctionLibrary, topK: Int,
        weights: SuggestionWeights, options: AffineFitOptions, shouldStop: @Sendable () -> Bool = { false }
    ) -> [EdgeMatch] {
        let primitives = library.primitives
        let width = primitives.count
        let placeholder = AffineFit(
            a: 1, b: 0, c: 0, d: 0, rSquared: 0, rootMeanSquareError: .infinity, failure: .noAdmissibleFit)
        let total = prepared.count * width
        var fits = [AffineFit](repeating: placeholder, count: total)
        fits.withUnsafeMutableBufferPointer { buffer in
            let slots = DisjointFitSlots(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: total) { index in
                guard !shouldStop() else { return }
                let fit = AffineFit(
                    fitting: primitives[index % width].numeric, to: prepared[index / width], options: options)
                slots.store(fit, at: index)
            }
        }
        return edges.indices.map { e in
            var candidates = primitives.indices.map { p in
                EdgeMatchCandidate(
                    primitive: primitives[p], libraryIndex: p, fit: fits[e * width + p],
                    score: weights.score(cost: primitives[p].cost, fit: fits[e * width + p]))
            }
            candidates.removeAll { !$0.fit.succeeded }
            candidates.sort(by: ranksBefore)
            return EdgeMatch(edge: edges[e], candidates: Array(candidates.prefix(Swift.max(topK, 0))))
        }
    }

    /// The deterministic ranking order: score, then lower cost, then higher R², then library
    /// order. Scores are compared to 1e-6 and R² to 1e-9 (quantised, so the order stays a strict
    /// weak order): a look-alike that ties an exact fit to rounding (sin with a vanishing inner
    /// slope for x²) must not win by its last bits.
    static func ranksBefore(_ x: EdgeMatchCandidate, _ y: EdgeMatchCandidate) -> Bool {
        func key(_ c: EdgeMatchCandidate) -> (Double, Int, Double, Int) {
            ((c.score * 1e6).rounded(), c.cost, -(c.fit.rSquared * 1e9).rounded(), c.libraryIndex)
        }
        return key(x) < key(y)
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
