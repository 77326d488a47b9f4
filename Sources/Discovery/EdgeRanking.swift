import Dispatch

/// The one ranking of a library's primitives on an edge: every primitive fitted as
/// c·f(a·x + b) + d (`AffineFit`), scored by `SuggestionWeights`, and ordered by score, then
/// lower cost, then higher R², then library order.
///
/// `EdgeMatching` (a network's edges) is its view, so `suggest`, `auto_symbolic`, `discover`
/// and the tests see one order.
///
/// Scores are compared to 1e-6 and R² to 1e-9 (quantised, so the order stays a strict weak
/// order): a look-alike that ties an exact fit to rounding (sin with a vanishing inner slope
/// for x²) must not win by its last bits; it then loses to the cheaper or earlier primitive.
enum EdgeRanking {
    /// One primitive's fit to one sample set, with its score.
    struct Entry: Sendable {
        var libraryIndex: Int
        var fit: AffineFit
        var score: Double
    }

    /// Fits every primitive to every sample set, concurrently on all cores (each fit into its
    /// own slot, so the result does not depend on scheduling), and ranks each set's entries,
    /// failed fits included (they score +∞ and come last). Fits not started before
    /// `shouldStop` returns true are left failed.
    static func rank(
        _ prepared: [AffineFitSamples], primitives: [NumericPrimitive], weights: SuggestionWeights,
        options: AffineFitOptions, shouldStop: @Sendable () -> Bool = { false }
    ) -> [[Entry]] {
        let width = primitives.count
        let placeholder = AffineFit(
            a: 1, b: 0, c: 0, d: 0, rSquared: 0, rootMeanSquareError: .infinity, failure: .noAdmissibleFit)
        let total = prepared.count * width
        var fits = [AffineFit](repeating: placeholder, count: total)
        fits.withUnsafeMutableBufferPointer { buffer in
            let slots = DisjointFitSlots(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: total) { index in
                guard !shouldStop() else { return }
                slots.store(AffineFit(fitting: primitives[index % width], to: prepared[index / width], options: options),
                            at: index)
            }
        }
        return prepared.indices.map { set in
            let entries = primitives.indices.map { p in
                Entry(libraryIndex: p, fit: fits[set * width + p],
                      score: weights.score(cost: primitives[p].cost, fit: fits[set * width + p]))
            }
            return entries.sorted { ranksBefore($0, $1, costs: primitives) }
        }
    }

    /// The ranking order (see the type's comment).
    static func ranksBefore(_ x: Entry, _ y: Entry, costs primitives: [NumericPrimitive]) -> Bool {
        key(score: x.score, cost: primitives[x.libraryIndex].cost, rSquared: x.fit.rSquared, libraryIndex: x.libraryIndex)
            < key(score: y.score, cost: primitives[y.libraryIndex].cost, rSquared: y.fit.rSquared, libraryIndex: y.libraryIndex)
    }

    /// NaN (a fit that went wrong) ranks as the worst score and the worst R².
    static func key(score: Double, cost: Int, rSquared: Double, libraryIndex: Int) -> (Double, Int, Double, Int) {
        let score = score.isNaN ? .infinity : score, rSquared = rSquared.isNaN ? -.infinity : rSquared
        return ((score * 1e6).rounded(), cost, -(rSquared * 1e9).rounded(), libraryIndex)
    }
}
