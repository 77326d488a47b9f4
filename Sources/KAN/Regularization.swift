import Foundation

/// The sparsity penalty of one layer on its activation scales (paper eq. 2.17–2.20, pykan `get_reg`).
///
/// For the scale matrix v (sub-node j × input i; pykan's default metric
/// `edge_forward_spline_n`: v = std_s φ_e(x_s) / (std_s x_{s,i} + 0.1) of the spline branch),
///
///     L1 = Σ v
///     p_ji = v_ji / (Σ_i v_ji + 1),   E_row = −mean_j Σ_i p_ji log2(p_ji + 1e-4)
///     q_ji = v_ji / (Σ_j v_ji + 1),   E_col = −mean_i Σ_j q_ji log2(q_ji + 1e-4)
///     reg  = λ_l1·L1 + λ_entropy·(E_row + E_col)
///
/// `evaluate` returns reg and ∂reg/∂v. The +1 in the denominators and the 1e-4 inside
/// the logarithm are pykan's.
enum RegularizationPenalty {
    static let logOffset = 1e-4

    /// `scales[i·subnodes + j]`; returns (value, gradient in the same layout).
    static func evaluate(scales v: [Double], inputs nIn: Int, subnodes nSub: Int, l1: Double, entropy: Double) -> (Double, [Double]) {
        var gradient = [Double](repeating: l1, count: v.count)
        var value = 0.0
        for x in v { value += l1 * x }
        guard entropy != 0 else { return (value, gradient) }
        let ln2 = log(2.0)
        // h(p) = d/dp [−p·log2(p + ε)]
        func h(_ p: Double) -> Double { -(log2(p + logOffset) + p / ((p + logOffset) * ln2)) }
        // The entropy of each group of scales normalised by the group's sum + 1, averaged
        // over the groups, with its gradient added in place. The scale of member m of
        // group g is v[g·groupStride + m·memberStride].
        func groupEntropy(groups: Int, members: Int, groupStride: Int, memberStride: Int) -> Double {
            var total = 0.0
            for g in 0..<groups {
                var sum = 0.0
                for m in 0..<members { sum += v[g * groupStride + m * memberStride] }
                let denominator = sum + 1
                var weighted = 0.0
                for m in 0..<members {
                    let p = v[g * groupStride + m * memberStride] / denominator
                    total -= p * log2(p + logOffset)
                    weighted += h(p) * p
                }
                for m in 0..<members {
                    let index = g * groupStride + m * memberStride
                    let p = v[index] / denominator
                    gradient[index] += entropy / Double(groups) * (h(p) - weighted) / denominator
                }
            }
            return total / Double(groups)
        }
        // Rows: one per sub-node j, over inputs i; columns: one per input i, over sub-nodes j.
        let entropyRow = groupEntropy(groups: nSub, members: nIn, groupStride: 1, memberStride: nSub)
        let entropyColumn = groupEntropy(groups: nIn, members: nSub, groupStride: nSub, memberStride: 1)
        value += entropy * (entropyRow + entropyColumn)
        return (value, gradient)
    }
}

/// The coefficient penalties λ_coef·mean_j Σ|c| and λ_coefdiff·mean_j Σ|Δc| (pykan sums over
/// inputs and coefficients and averages over the out dimension).
enum CoefficientPenalty {
    /// Adds λ·penalty to the gradient and returns the penalty (without λ).
    static func apply(
        layers: [Layer], layout: ParameterLayout, parameters theta: UnsafePointer<Double>,
        coefficientWeight: Double, differenceWeight: Double, lambda: Double, gradient: UnsafeMutablePointer<Double>?
    ) -> Double {
        guard coefficientWeight != 0 || differenceWeight != 0 else { return 0 }
        var total = 0.0
        for (l, layer) in layers.enumerated() {
            let nb = layer.basisCount
            let scale = 1 / Double(layer.subnodeCount)
            let base = layout.layers[l].coefficients
            let nSub = layer.subnodeCount
            for e in 0..<layer.edgeCount {
                // θ stores coefficient m of edge (i, j) at (i·nb + m)·subnodes + j.
                let first = base + (e / nSub) * nb * nSub + e % nSub
                for m in 0..<nb {
                    let here = first + m * nSub
                    let c = theta[here]
                    total += coefficientWeight * scale * abs(c)
                    if let g = gradient, c != 0 {
                        g[here] += lambda * coefficientWeight * scale * (c > 0 ? 1 : -1)
                    }
                    if m + 1 < nb {
                        let d = theta[here + nSub] - c
                        total += differenceWeight * scale * abs(d)
                        if let g = gradient, d != 0 {
                            let s = lambda * differenceWeight * scale * (d > 0 ? 1 : -1)
                            g[here + nSub] += s
                            g[here] -= s
                        }
                    }
                }
            }
        }
        return total
    }
}
