import Foundation

/// A one-dimensional outer function of a separable sum (AI Feynman's generalised
/// additivity): y = F(g₁(x_A) + g₂(x_B) + …) for some smooth F, read from the surrogate's
/// gradients and Hessians. Then, for two inputs i, i′ of one group and an input k of another,
/// the ratio ∂ᵢy/∂ᵢ′y = gᵢ/gᵢ′ (F′ cancels) does not depend on x_k:
///
///     ∂_k log|∂ᵢy/∂ᵢ′y| = ∂_k∂ᵢy/∂ᵢy − ∂_k∂ᵢ′y/∂ᵢ′y = 0,
///
/// tested as Eᵢᵢ′ₖ = ∂_k∂ᵢy·∂ᵢ′y − ∂_k∂ᵢ′y·∂ᵢy = 0 (the same times ∂ᵢy·∂ᵢ′y, without the
/// division that blows up where a derivative passes 0). A two-way split A | B holds when E
/// vanishes for every pair within A with k in B and every pair within B with k in A (a group
/// of one input has no pair: y = F(g(x₁) + h(x₂, x₃)) splits {x₁} | {x₂, x₃} when ∂₂y/∂₃y does
/// not depend on x₁). The groups are the common refinement of the splits that hold: two
/// inputs share a group unless some split separates them — and that split is itself a proof
/// that the refinement holds (for i, i′ of one block and k of another, the split separating k
/// from i keeps i′ with i).
///
/// F = identity is additive separability, F = exp multiplicative. Which usual transform T of
/// the target makes T(y) = Σ g (F = T⁻¹), if any, is read from the surrogate's values, not its
/// second derivatives (`SurrogateSplit.holds`): T′(y)·∂ᵢ∂ⱼy + T″(y)·∂ᵢy·∂ⱼy = 0 is a
/// cancellation of two terms whose errors the two members share too much to judge it. "Vanishes"
/// is judged, as for `Separability`, against the surrogate pair's disagreement.
struct OuterSeparability: Sendable, Equatable {
    /// The groups, each in input order, ordered by their first input; one group when y is no
    /// outer function of a separable sum.
    var groups: [[Int]]
    /// More inputs than this are not tested: the splits number 2^(d−1) − 1.
    static let maximumInputs = 12

    /// The test on a surrogate pair with Hessians; nil without them or with too many inputs.
    init?(members: [SurrogateNetwork.Member]) {
        guard members.count == 2, let ha = members[0].hessians, let hb = members[1].hessians else { return nil }
        let d = members[0].gradients.count
        guard d >= 2, d <= Self.maximumInputs else { return nil }
        let (ga, gb) = (members[0].gradients, members[1].gradients)
        func e(_ g: [[Double]], _ h: [[[Double]]], _ i: Int, _ i2: Int, _ k: Int) -> [Double] {
            g[i].indices.map { r in h[k][i][r] * g[i2][r] - h[k][i2][r] * g[i][r] }
        }
        // independent[i][i′][k]: the ratio ∂ᵢy/∂ᵢ′y does not depend on x_k.
        var independent = Array(repeating: Array(repeating: Array(repeating: true, count: d), count: d), count: d)
        for i in 0..<d {
            for i2 in (i + 1)..<d {
                for k in 0..<d where k != i && k != i2 {
                    let holds = Separability.vanishes(e(ga, ha, i, i2, k), e(gb, hb, i, i2, k))
                    independent[i][i2][k] = holds
                    independent[i2][i][k] = holds
                }
            }
        }
        func splitHolds(_ inA: [Bool]) -> Bool {
            for i in 0..<d {
                for i2 in (i + 1)..<d where inA[i] == inA[i2] {
                    for k in 0..<d where inA[k] != inA[i] && !independent[i][i2][k] { return false }
                }
            }
            return true
        }
        // separated[i][j]: some split that holds puts i and j on different sides.
        var separated = Array(repeating: Array(repeating: false, count: d), count: d)
        // Input d − 1 stays on side B: each split is met once.
        for mask in 1..<(1 << (d - 1)) {
            let inA = (0..<d).map { mask & (1 << $0) != 0 }
            guard splitHolds(inA) else { continue }
            for i in 0..<d {
                for j in 0..<d where inA[i] != inA[j] { separated[i][j] = true }
            }
        }
        groups = Separability.groups(inputs: d) { i, j in !separated[i][j] }
    }

    init(groups: [[Int]]) {
        self.groups = groups
    }
}
