import Foundation

/// An oscillation whose phase is a product of inputs, cos(ω·m(x)) with m = Π xᵢ^aᵢ: the phase
/// of a wave is ω·t, k·x, E·t/ħ, and the laws built on one (sin²(2πx₁x₂/x₃),
/// 2x₁(1 − cos x₂x₃)) are outside a dictionary whose cosines take one input.
///
/// Which product, and at which frequency, is read from the data: for every m with integer
/// exponents in {−1, 0, 1} on two or three inputs, the periodogram of y against m(x)
/// (`AngularFrequency.strongest`); the m whose oscillation explains the largest share of y's
/// variance is kept. Under the law's own m the spectrum has a sharp line; under any other the
/// phase is smeared over the other inputs and the line with it.
struct WaveArgument: Sendable, Equatable {
    /// aᵢ in halves (so that the argument is a `SparseTerm` monomial; always even here).
    var argument: [Int]
    var frequency: AngularFrequency
    /// The share of y's variance its oscillation explains.
    var share: Double

    /// At most this many inputs multiply in an argument.
    static let maximumFactors = 3
    /// Beyond this many inputs the products are too many to scan (C(n, 3)·8 periodograms).
    static let maximumInputs = 6

    /// The argument of the strongest oscillation of y, or nil when none stands out.
    static func strongest(_ rows: FormulaData) -> WaveArgument? {
        let n = rows.columns.count
        guard n >= 2, n <= maximumInputs else { return nil }
        var best: WaveArgument?
        for exponents in arguments(inputs: n) {
            let m = (0..<rows.count).map { SparseTerm.monomial(exponents, rows.columns, at: $0) }
            guard m.allSatisfy(\.isFinite),
                  let (frequency, share) = AngularFrequency.strongest(of: rows.target, against: m),
                  share > best?.share ?? 0
            else { continue }
            best = WaveArgument(argument: exponents, frequency: frequency, share: share)
        }
        return best
    }

    /// Every exponent vector (in halves) with entries in {−2, 0, 2} and two to
    /// `maximumFactors` of them non-zero.
    static func arguments(inputs n: Int) -> [[Int]] {
        var found: [[Int]] = []
        var current = [Int](repeating: 0, count: n)
        func extend(_ i: Int, _ factors: Int) {
            if i == n {
                if factors >= 2 { found.append(current) }
                return
            }
            for k in [0, 2, -2] where k == 0 || factors < maximumFactors {
                current[i] = k
                extend(i + 1, factors + (k == 0 ? 0 : 1))
            }
            current[i] = 0
        }
        extend(0, 0)
        return found
    }

    /// cos and sin of ω·m and of 2ω·m (the second harmonic: cos² and sin·cos of the phase),
    /// each times every monomial amplitude with exponents in {−1, 0, 1} of total degree ≤ 2
    /// (≤ 1 for four inputs or more).
    func terms(inputs n: Int) -> [SparseTerm] {
        let degree = n <= 3 ? 4 : 2
        guard let amplitudes = TermDictionary.exponents(
            inputs: n, halfSteps: Array(repeating: false, count: n), maximumHalves: 2, degreeInHalves: degree,
            budget: TermDictionary.oscillationBudget)
        else { return [] }
        let harmonic = AngularFrequency(multiple: frequency.multiple * 2, timesPi: frequency.timesPi)
        return [frequency, harmonic].flatMap { omega in
            amplitudes.flatMap { halves in
                [SparseTerm.wave(.cos, argument: argument, halves: halves, frequency: omega),
                 SparseTerm.wave(.sin, argument: argument, halves: halves, frequency: omega)]
            }
        }
    }
}
