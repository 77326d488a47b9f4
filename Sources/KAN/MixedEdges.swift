/// Mixed edges (pykan's "sn" mode): a symbolic function plus a residual spline that keeps
/// learning,
///
///     φ(x) = c·f(a·x + b) + d + w_b·b(x) + w_s·spline(x),
///
/// all of (a, b, c, d), w_b, w_s and the coefficients trainable. A law that is almost a known
/// function (a pendulum that is almost sin, a decay that is almost exp) keeps the function and
/// lets the spline learn the correction; the size of the residual after training says how
/// much the function missed. The evaluator, the input derivatives, attribution, pruning and
/// checkpoints (version 3) all compute the sum; formula composition uses the symbolic part.
extension Network {
    /// Adds a residual spline to the symbolic edge (l, i → j), started at zero (coefficients
    /// and w_b zero, w_s kept, or 1 if it was zero) so that the edge's function is unchanged
    /// until training moves it.
    ///
    /// - Throws: `KANError.indexOutOfRange` for an unknown edge, `invalidConfiguration` when
    ///   the edge is not symbolic (a spline edge has no function to add a residual to).
    public mutating func addSplineResidual(layer l: Int, input i: Int, output j: Int) throws {
        let e = try edge(layer: l, input: i, output: j)
        guard layers[l].symbolic[e] != nil else {
            throw KANError.invalidConfiguration("edge (\(l), \(i), \(j)) is a spline: fix it to a function first, then add a residual spline")
        }
        let nb = layers[l].basisCount
        for m in 0..<nb { layers[l].coefficients[e * nb + m] = 0 }
        layers[l].scaleBase[e] = 0
        if layers[l].scaleSpline[e] == 0 || !layers[l].scaleSpline[e].isFinite { layers[l].scaleSpline[e] = 1 }
        layers[l].splineResidual[e] = true
    }

    /// Removes the residual spline of edge (l, i → j): a mixed edge becomes purely symbolic.
    public mutating func removeSplineResidual(layer l: Int, input i: Int, output j: Int) throws {
        let e = try edge(layer: l, input: i, output: j)
        layers[l].splineResidual[e] = false
    }

    /// Whether edge (l, i → j) is mixed.
    public func isMixed(layer l: Int, input i: Int, output j: Int) throws -> Bool {
        let e = try edge(layer: l, input: i, output: j)
        return layers[l].isMixed(e)
    }

    /// Every edge back to its spline (pykan's `unfix_symbolic_all`); symbolic and mixed edges
    /// alike. Returns how many edges changed.
    @discardableResult
    public mutating func unfixAll() -> Int {
        var changed = 0
        for l in layers.indices {
            for e in 0..<layers[l].edgeCount where layers[l].symbolic[e] != nil {
                layers[l].symbolic[e] = nil
                layers[l].splineResidual[e] = false
                changed += 1
            }
        }
        return changed
    }
}
