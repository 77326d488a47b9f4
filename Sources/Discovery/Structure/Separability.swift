import Foundation

/// Additive and multiplicative separability (pykan's `detect_separability`, AI Feynman's
/// separability tests): the inputs split into groups A, B, … with y = g(x_A) + h(x_B) + …
/// when every mixed partial ∂²y/∂xᵢ∂xⱼ across two groups vanishes at every point, and
/// y = g(x_A)·h(x_B)·… when those of log|y| do,
///
///     ∂²log|y|/∂xᵢ∂xⱼ = ∂ᵢ∂ⱼy/y − ∂ᵢy·∂ⱼy/y².
///
/// "Vanishes" is judged against the surrogate pair's own disagreement: a mixed partial whose
/// mean over the rows (RMS) is within `StructureTests.coverage` times its error (half the RMS
/// of the two networks' difference) is zero as far as the surrogate can tell. Two inputs are
/// coupled when their mixed partial does not vanish; the groups are the connected components
/// of that coupling (x₁ and x₃ share a group through x₂ in x₁x₂ + x₂x₃).
struct Separability: Sendable, Equatable {
    /// The groups of an additive split, each in input order; one group when y is not
    /// additively separable.
    var additive: [[Int]]
    /// The same for a product.
    var multiplicative: [[Int]]

    /// The test on a surrogate pair with Hessians; nil without them.
    init?(columns: [[Double]], members: [SurrogateNetwork.Member]) {
        guard members.count == 2, let ha = members[0].hessians, let hb = members[1].hessians else { return nil }
        let d = columns.count
        let (a, b) = (members[0], members[1])
        additive = Self.groups(inputs: d) { i, j in !Self.vanishes(ha[i][j], hb[i][j]) }
        let scale = InputGradients.rootMeanSquare(zip(a.values, b.values).map { ($0 + $1) / 2 })
        let rows = a.values.indices.filter { Swift.abs(a.values[$0] + b.values[$0]) / 2 >= 0.1 * scale }
        func logMixed(_ m: SurrogateNetwork.Member, _ h: [[[Double]]], _ i: Int, _ j: Int) -> [Double] {
            rows.map { k in
                let y = m.values[k]
                return h[i][j][k] / y - m.gradients[i][k] * m.gradients[j][k] / (y * y)
            }
        }
        multiplicative = rows.count < Swift.max(10, a.values.count / 5)
            ? [Array(0..<d)]
            : Self.groups(inputs: d) { i, j in !Self.vanishes(logMixed(a, ha, i, j), logMixed(b, hb, i, j)) }
    }

    init(additive: [[Int]], multiplicative: [[Int]]) {
        self.additive = additive
        self.multiplicative = multiplicative
    }

    /// Whether the surrogate cannot read the interactions of the inputs: two inputs that y
    /// measurably depends on (each gradient larger than its error: relative error under 1) are split apart
    /// both in a sum and in a product. Both cannot hold: ∂ᵢ∂ⱼy = 0 and ∂ᵢ∂ⱼlog|y| = 0 give
    /// ∂ᵢy·∂ⱼy = 0. Then the mixed partials vanish only because the two members disagree as
    /// much as they measure (a surrogate that has not learnt the law, as under 10 % noise on
    /// I.50.26, where every split "held"), and no split the tests propose is trusted.
    func cannotRead(_ gradients: InputGradients) -> Bool {
        let d = gradients.inputCount
        func group(_ groups: [[Int]], _ i: Int) -> Int? { groups.firstIndex { $0.contains(i) } }
        let relevant = (0..<d).filter { gradients.relativeGradientError($0) < 1 }
        for (n, i) in relevant.enumerated() {
            for j in relevant[(n + 1)...] where group(additive, i) != group(additive, j)
                && group(multiplicative, i) != group(multiplicative, j) {
                return true
            }
        }
        return false
    }

    /// Whether the mean of two estimates of one function is zero within their disagreement
    /// (and rounding: 10⁻⁹ of their size).
    static func vanishes(_ a: [Double], _ b: [Double]) -> Bool {
        vanishingRatio(a, b) <= 1
    }

    /// The mean's RMS over what `vanishes` tolerates: at most 1 when it vanishes, and the
    /// smaller the clearer (0 when both estimates are exactly 0).
    static func vanishingRatio(_ a: [Double], _ b: [Double]) -> Double {
        let mean = InputGradients.rootMeanSquare(zip(a, b).map { ($0 + $1) / 2 })
        let error = InputGradients.rootMeanSquare(zip(a, b).map { $0 - $1 }) / 2
        let size = Swift.max(InputGradients.rootMeanSquare(a), InputGradients.rootMeanSquare(b))
        let tolerance = StructureTests.coverage * error + 1e-9 * size
        return mean == 0 ? 0 : tolerance > 0 ? mean / tolerance : .infinity
    }

    /// The connected components of `coupled` over `inputs` inputs, each sorted, ordered by their
    /// first input.
    static func groups(inputs d: Int, coupled: (Int, Int) -> Bool) -> [[Int]] {
        var parent = Array(0..<d)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        for i in 0..<d {
            for j in (i + 1)..<d where root(i) != root(j) && coupled(i, j) { parent[root(i)] = root(j) }
        }
        let grouped = Dictionary(grouping: 0..<d, by: root)
        return grouped.values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }
}
