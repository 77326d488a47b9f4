import Foundation
@testable import KAN

/// What a KAN layer computes, written plainly: the definition the evaluator's fast paths
/// (dense cubic in lanes, piecewise cubic, the general loop; portable and AVX2) must agree
/// with. Nothing here is fast or clever, and nothing is shared with `Evaluator`: the basis
/// comes from the Cox–de Boor recursion on the layer's knots, every edge is evaluated on
/// its own, and the coefficients are read in `Layer`'s own layout.
///
/// For input x_i and sub-node j, edge e = i·subnodeCount + j computes
///
///     spline mode:   φ_e(x) = w_b[e]·b(x) + w_s[e]·Σ_m c[e, m]·B_m(x)
///     symbolic mode: φ_e(x) = c·f(a·x + b) + d
///     mixed mode:    the sum of the two
///     pruned:        φ_e(x) = 0   (mask 0)
///
/// with b the base function (SiLU, x/(1 + e⁻ˣ), by default). Sub-node j sums φ_e over the
/// inputs; the layer's outputs are the first `sumCount` sub-nodes, then `multCount`
/// products of `arity` consecutive sub-nodes.
struct ReferenceLayer {
    let layer: Layer

    /// The B-spline basis functions of order k on knots t at x, by the Cox–de Boor recursion:
    ///
    ///     B_{m,0}(x) = 1 if t_m ≤ x < t_{m+1}, else 0
    ///     B_{m,p}(x) = (x − t_m)/(t_{m+p} − t_m)·B_{m,p−1}(x)
    ///                + (t_{m+p+1} − x)/(t_{m+p+1} − t_{m+1})·B_{m+1,p−1}(x)
    ///
    /// There are knots.count − k − 1 of them (G + k for a grid of G intervals extended by k
    /// knots at each end); all are zero outside [t_0, t_last).
    static func basis(_ x: Double, knots t: [Double], order k: Int) -> [Double] {
        var b = (0..<(t.count - 1)).map { m in t[m] <= x && x < t[m + 1] ? 1.0 : 0.0 }
        if k == 0 { return b }
        for p in 1...k {
            var next = [Double](repeating: 0, count: t.count - p - 1)
            for m in next.indices {
                var value = 0.0
                if t[m + p] > t[m] { value += (x - t[m]) / (t[m + p] - t[m]) * b[m] }
                if t[m + p + 1] > t[m + 1] { value += (t[m + p + 1] - x) / (t[m + p + 1] - t[m + 1]) * b[m + 1] }
                next[m] = value
            }
            b = next
        }
        return b
    }

    /// φ_e(x) of edge (input i → sub-node j).
    func edge(input i: Int, subnode j: Int, at x: Double) -> Double {
        let e = i * layer.subnodeCount + j
        if layer.mask[e] == 0 { return 0 }
        var value = 0.0
        if let f = layer.symbolic[e] {
            let a = layer.affine[4 * e], b = layer.affine[4 * e + 1]
            let c = layer.affine[4 * e + 2], d = layer.affine[4 * e + 3]
            value += c * f.value(a * x + b) + d
            if !layer.splineResidual[e] { return value }
        }
        let bases = Self.basis(x, knots: layer.bases[i].knots, order: layer.order)
        var spline = 0.0
        for m in 0..<layer.basisCount { spline += layer.coefficients[e * layer.basisCount + m] * bases[m] }
        value += layer.scaleBase[e] * layer.baseFunction.value(x) + layer.scaleSpline[e] * spline
        return value
    }

    /// The layer's outputs for one sample's inputs.
    func callAsFunction(_ x: [Double]) -> [Double] {
        var subnodes = [Double](repeating: 0, count: layer.subnodeCount)
        for i in 0..<layer.inputCount {
            for j in 0..<layer.subnodeCount { subnodes[j] += edge(input: i, subnode: j, at: x[i]) }
        }
        var outputs = Array(subnodes[0..<layer.sumCount])
        for m in 0..<layer.multCount {
            let first = layer.sumCount + m * layer.arity
            outputs.append(subnodes[first..<(first + layer.arity)].reduce(1, *))
        }
        return outputs
    }
}

/// A network as its layers in turn.
struct ReferenceNetwork {
    let layers: [ReferenceLayer]

    init(_ network: Network) { layers = network.layers.map(ReferenceLayer.init) }

    func callAsFunction(_ x: [Double]) -> [Double] { layers.reduce(x) { values, layer in layer(values) } }
}
