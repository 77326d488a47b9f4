/// The bounded dictionary of terms φ a sparse sum is chosen from (`SparseTermSearch`):
///
/// - monomials Π xᵢ^eᵢ with integer eᵢ ∈ [−2, 2] and total degree Σ|eᵢ| ≤ d, d the largest of
///   6, 4, 3, 2, 1 that keeps them within `monomialBudget` (every one of the 125 for three
///   inputs, so that 1/y² = x₁⁻² − x₁⁻²x₂²x₃⁻² is there; d = 3 for four inputs; the constant
///   1 is the monomial of degree 0);
/// - log xₖ for every input that is positive on every sample;
/// - cos xₖ and sin xₖ, for inputs xₖ that span at least half a period (π), times a monomial
///   of the other inputs with exponents in {−1, −½, 0, ½, 1} (halves only for non-negative
///   inputs) of total degree ≤ 2 (≤ 1 for four inputs or more, none beyond
///   `oscillationBudget`): the amplitude of an interference term, 2√(x₁x₂)·cos x₃, or of a
///   projection, x₁x₂·cos x₃. On a shorter range a sine is a low-degree polynomial to within
///   10⁻², and such terms only add look-alikes (√x₂·sin x₁ + √x₁·sin x₂ for x₁ + x₂ on
///   [0.1, 1]²) that crowd the true supports out of the search;
/// - within the oscillations' budget left: the same at 2xₖ (cos² and sin·cos of an angle),
///   and at a frequency ω the data show along xₖ (`AngularFrequency`, sin²(2πu) = ½ − ½·cos 4πu).
///
///     let dictionary = TermDictionary(
///         inputs: 3, nonNegative: [true, true, true], positive: [true, true, true],
///         angular: [false, false, true])
///     dictionary.terms.count      // 125 monomials, 3 logarithms, 50 oscillations of x₃, 50 of 2x₃
///
/// The order is deterministic (monomials by degree, then exponents; then logarithms; then
/// oscillations by input), so the search that ranks them is too.
struct TermDictionary: Sendable {
    var terms: [SparseTerm]

    /// At most this many monomials (the degree bound is lowered until they fit).
    static let monomialBudget = 160
    /// At most this many oscillating terms (their amplitudes' degree is lowered until they fit).
    static let oscillationBudget = 160

    /// The dictionary for `inputs` inputs; `nonNegative[i]` allows half-integer powers of
    /// input i, `positive[i]` its logarithm, `angular[i]` its cosine and sine, and
    /// `frequencies[i]` (when given) cosines and sines of ω·xᵢ for each ω in it as well.
    init(
        inputs n: Int, nonNegative: [Bool], positive: [Bool], angular: [Bool],
        frequencies: [[AngularFrequency]] = []
    ) {
        var terms: [SparseTerm] = []
        for degree in [6, 4, 3, 2, 1, 0] {
            if let monomials = Self.exponents(
                inputs: n, halfSteps: Array(repeating: false, count: n), maximumHalves: 4,
                degreeInHalves: 2 * degree, budget: Self.monomialBudget) {
                terms += monomials.map { SparseTerm.monomial(halves: $0) }
                break
            }
        }
        for k in 0..<n where k < positive.count && positive[k] { terms.append(.logarithm(input: k)) }
        let amplitudeDegrees = n <= 3 ? [4, 2, 0] : [2, 0]
        let unit = (0..<n).map { k in k < angular.count && angular[k] ? [AngularFrequency.one] : [] }
        // The second harmonic of an angular input (cos²x = ½ + ½·cos 2x, sin x·cos x = ½·sin 2x)
        // and the frequency the data show, after the unit frequency and only within the budget
        // left: they must not lower the amplitudes' degree the unit frequency gets.
        let extra = (0..<n).map { k -> [AngularFrequency] in
            var found = unit[k].isEmpty ? [] : [AngularFrequency(multiple: 2, timesPi: false)]
            for frequency in k < frequencies.count ? frequencies[k] : [] where !found.contains(frequency) && frequency != .one {
                found.append(frequency)
            }
            return found
        }
        for (index, degree) in amplitudeDegrees.enumerated() {
            guard let oscillations = Self.oscillations(unit, inputs: n, nonNegative: nonNegative, degree: degree)
            else { continue }
            terms += oscillations
            for lower in amplitudeDegrees[index...] {
                if let more = Self.oscillations(extra, inputs: n, nonNegative: nonNegative, degree: lower),
                   oscillations.count + more.count <= Self.oscillationBudget {
                    terms += more
                    break
                }
            }
            break
        }
        self.terms = terms
    }

    /// cos ωxₖ and sin ωxₖ for every ω in `frequencies[k]`, times each amplitude monomial of the
    /// other inputs of degree ≤ `degree` halves; nil beyond `oscillationBudget`.
    static func oscillations(
        _ frequencies: [[AngularFrequency]], inputs n: Int, nonNegative: [Bool], degree: Int
    ) -> [SparseTerm]? {
        var oscillations: [SparseTerm] = []
        for k in 0..<n where k < frequencies.count && !frequencies[k].isEmpty {
            // The amplitude does not involve xₖ itself: its exponent range there is [0, 0].
            var halfSteps = (0..<n).map { $0 < nonNegative.count && nonNegative[$0] }
            halfSteps[k] = false
            guard let amplitudes = exponents(
                inputs: n, halfSteps: halfSteps, maximumHalves: 2, degreeInHalves: degree,
                budget: oscillationBudget, fixedZero: k)
            else { return nil }
            for frequency in frequencies[k] {
                for halves in amplitudes {
                    oscillations.append(.oscillation(.cos, input: k, halves: halves, frequency: frequency))
                    oscillations.append(.oscillation(.sin, input: k, halves: halves, frequency: frequency))
                }
            }
            if oscillations.count > oscillationBudget { return nil }
        }
        return oscillations
    }

    /// The exponent vectors in halves with |kᵢ| ≤ `maximumHalves` and Σ|kᵢ| ≤
    /// `degreeInHalves`, ordered by degree, then lexicographically; kᵢ even unless
    /// `halfSteps[i]`, k at `fixedZero` 0. Nil when there are more than `budget`.
    static func exponents(
        inputs n: Int, halfSteps: [Bool], maximumHalves: Int, degreeInHalves: Int, budget: Int,
        fixedZero: Int? = nil
    ) -> [[Int]]? {
        var found: [[Int]] = []
        var current = [Int](repeating: 0, count: n)
        var overflow = false
        func extend(_ i: Int, _ remaining: Int) {
            guard !overflow else { return }
            if i == n {
                found.append(current)
                if found.count > budget { overflow = true }
                return
            }
            let stride = halfSteps[i] ? 1 : 2
            let bound = i == fixedZero ? 0 : Swift.min(maximumHalves, remaining)
            for k in -bound...bound where k % stride == 0 {
                current[i] = k
                extend(i + 1, remaining - Swift.abs(k))
            }
            current[i] = 0
        }
        extend(0, degreeInHalves)
        guard !overflow else { return nil }
        return found.sorted { a, b in
            let da = a.reduce(0) { $0 + Swift.abs($1) }, db = b.reduce(0) { $0 + Swift.abs($1) }
            return da != db ? da < db : a.lexicographicallyPrecedes(b)
        }
    }
}
