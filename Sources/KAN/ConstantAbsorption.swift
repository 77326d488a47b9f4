/// Moving a constant onto a kept edge, so that pruning keeps the function.
///
/// Attribution scores measure spread (a standard deviation), so pruning removes nodes
/// and edges that vary little, yet such a part may still add a large constant
/// K = mean φ(y) to the sub-nodes it feeds. pykan 0.2.8 drops it (its node biases are
/// not trained by default); here it is added to one live edge into the same sub-node:
///
/// - a symbolic edge c·f(a·x + b) + d takes it in d, exactly everywhere;
/// - a spline edge w_b·b(x) + w_s·Σ c_m·B_m(x) takes K/w_s on every coefficient: the
///   B-splines sum to one on the core grid [g₀, g_G] (partition of unity), so φ gains
///   exactly K there (grid updates place the grid on the samples' range);
/// - a spline edge with w_s = 0 becomes the constant spline K (w_s = 1, c_m = K);
/// - with no live edge into the sub-node, a masked one is revived as the constant spline.
///
/// Outside the core grid a spline edge's added constant fades to zero over the k
/// extension intervals, as the spline itself does.
extension Layer {
    /// Adds `constant` to sub-node j's value. `inputSamples[i]` are samples of input i,
    /// used to prefer a spline edge whose grid covers its inputs.
    mutating func absorbConstant(_ constant: Double, intoSubnode j: Int, inputSamples: [[Double]]) {
        guard constant != 0, constant.isFinite, inputCount > 0 else { return }
        let nSub = subnodeCount
        let nb = basisCount
        func covered(_ i: Int) -> Int {
            let grid = bases[i].grid
            guard let lo = grid.first, let hi = grid.last, i < inputSamples.count else { return 0 }
            return inputSamples[i].reduce(0) { $0 + ($1 >= lo && $1 <= hi ? 1 : 0) }
        }
        let live = (0..<inputCount).filter { mask[$0 * nSub + j] != 0 }
        if let i = live.first(where: { symbolic[$0 * nSub + j] != nil }) {
            affine[4 * (i * nSub + j) + 3] += constant
            return
        }
        let candidates = live.isEmpty ? Array(0..<inputCount) : live
        // The edge whose grid holds the most samples (the first on ties).
        var best = candidates[0], bestCovered = covered(candidates[0])
        for i in candidates.dropFirst() {
            let c = covered(i)
            if c > bestCovered { best = i; bestCovered = c }
        }
        let e = best * nSub + j
        let ws = scaleSpline[e]
        if mask[e] != 0 && ws != 0 && ws.isFinite {
            for m in 0..<nb { coefficients[e * nb + m] += constant / ws }
            return
        }
        if mask[e] == 0 {
            // A revived edge contributes the constant alone.
            mask[e] = 1
            symbolic[e] = nil
            scaleBase[e] = 0
        }
        scaleSpline[e] = 1
        for m in 0..<nb { coefficients[e * nb + m] = constant }
    }
}

extension Layer {
    /// The mean of φ_e over input samples (0 for a masked edge or no samples).
    func meanEdgeValue(edge e: Int, samples x: [Double]) -> Double {
        guard mask[e] != 0, !x.isEmpty else { return 0 }
        var sum = 0.0
        for value in x { sum += edgeValue(edge: e, at: value) }
        return sum / Double(x.count)
    }
}
