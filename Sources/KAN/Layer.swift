import Foundation

/// One KAN layer: a learnable univariate function on every edge from `inputCount`
/// nodes to `subnodeCount` sub-nodes, then sum and multiplication nodes.
///
/// Edge (i, j) from input i to sub-node j has index `e = i·subnodeCount + j` (pykan's
/// (in, out) parameter layout). In spline mode it computes
///
///     φ_e(x) = w_b[e]·b(x) + w_s[e]·Σ_m c[e, m]·B_m(x)
///
/// and in symbolic mode `c·f(a·x + b) + d`. A 0/1 `mask` removes pruned edges.
/// Sub-node j sums its incoming edges; the layer's outputs are the `sumCount` first
/// sub-nodes unchanged, then `multCount` products of `arity` consecutive sub-nodes
/// (pykan MultKAN), so `subnodeCount = sumCount + arity·multCount`.
public struct Layer: Sendable {
    public internal(set) var inputCount: Int
    public internal(set) var sumCount: Int
    public internal(set) var multCount: Int
    /// Sub-nodes multiplied by one multiplication node.
    public internal(set) var arity: Int
    /// One basis per input node; all edges leaving that node share it.
    public internal(set) var bases: [BSplineBasis]
    /// Spline coefficients, `(i·subnodeCount + j)·basisCount + m`.
    public internal(set) var coefficients: [Double]
    /// w_b per edge.
    public internal(set) var scaleBase: [Double]
    /// w_s per edge.
    public internal(set) var scaleSpline: [Double]
    /// 1 for a live edge, 0 for a pruned one.
    public internal(set) var mask: [Double]
    /// The symbolic function of each edge in symbolic mode, `nil` in spline mode.
    public internal(set) var symbolic: [SymbolicFunction?]
    /// (a, b, c, d) per edge, `4·e + 0...3`; used in symbolic mode.
    public internal(set) var affine: [Double]
    /// Per edge: a symbolic edge whose spline branch is added to its function (pykan's "sn"
    /// mode, a mixed edge: c·f(a·x + b) + d + w_b·b(x) + w_s·spline(x), all trainable).
    /// Ignored for spline edges. See `MixedEdges.swift`.
    public internal(set) var splineResidual: [Bool]
    public internal(set) var baseFunction: BaseFunction

    public var subnodeCount: Int { sumCount + arity * multCount }
    public var outputCount: Int { sumCount + multCount }
    public var edgeCount: Int { inputCount * subnodeCount }
    public var order: Int { bases.first?.order ?? 0 }
    public var gridSize: Int { bases.first?.gridSize ?? 0 }
    public var basisCount: Int { gridSize + order }

    /// The index of edge (input i → sub-node j).
    @inlinable public func edgeIndex(input i: Int, subnode j: Int) -> Int { i * (sumCount + arity * multCount) + j }

    /// The sub-nodes feeding node o: itself for a sum node, `arity` consecutive ones for a
    /// multiplication node (whose value is their product).
    public func subnodes(feeding o: Int) -> Range<Int> {
        if o < sumCount { return o..<(o + 1) }
        let first = sumCount + (o - sumCount) * arity
        return first..<(first + arity)
    }

    /// Whether edge e is in symbolic mode.
    public func isSymbolic(_ e: Int) -> Bool { symbolic[e] != nil }

    /// Whether edge e is mixed: symbolic with its spline branch added.
    public func isMixed(_ e: Int) -> Bool { symbolic[e] != nil && splineResidual[e] }

    /// A layer initialised as pykan does: spline coefficients fitted by least squares
    /// to uniform noise (−½…½)·noiseScale/G on the G + 1 grid points,
    /// w_s = 1/√n_in, w_b = μ/√n_in + σ·U(−1, 1)/√n_in.
    init(
        inputCount: Int, sumCount: Int, multCount: Int, arity: Int,
        gridSize: Int, order: Int, range: ClosedRange<Double>, baseFunction: BaseFunction,
        noiseScale: Double, scaleBaseMean: Double, scaleBaseSpread: Double,
        rng: inout SeededGenerator
    ) {
        self.inputCount = inputCount
        self.sumCount = sumCount
        self.multCount = multCount
        self.arity = arity
        self.baseFunction = baseFunction
        let basis = BSplineBasis(gridSize: gridSize, order: order, range: range)
        bases = Array(repeating: basis, count: inputCount)
        let subnodes = sumCount + arity * multCount
        let edges = inputCount * subnodes
        let nb = gridSize + order
        coefficients = [Double](repeating: 0, count: edges * nb)
        let rootIn = 1 / Double(inputCount).squareRoot()
        scaleSpline = [Double](repeating: rootIn, count: edges)
        scaleBase = [Double](repeating: 0, count: edges)
        mask = [Double](repeating: 1, count: edges)
        symbolic = [SymbolicFunction?](repeating: nil, count: edges)
        splineResidual = [Bool](repeating: false, count: edges)
        affine = [Double](repeating: 0, count: 4 * edges)
        for e in 0..<edges {
            affine[4 * e] = 1
            affine[4 * e + 2] = 1
        }
        // Noise on the grid points, then least squares: one solve per input node.
        let grid = basis.grid
        var noise = [Double](repeating: 0, count: grid.count * edges)
        for p in 0..<grid.count {
            for e in 0..<edges {
                noise[p * edges + e] = (rng.nextUniform() - 0.5) * noiseScale / Double(gridSize)
            }
        }
        for e in 0..<edges {
            scaleBase[e] = scaleBaseMean * rootIn + scaleBaseSpread * (rng.nextUniform() * 2 - 1) * rootIn
        }
        for i in 0..<inputCount {
            var targets = [Double](repeating: 0, count: grid.count * subnodes)
            for p in 0..<grid.count {
                for j in 0..<subnodes { targets[p * subnodes + j] = noise[p * edges + i * subnodes + j] }
            }
            let fitted = SplineFit.fit(basis: basis, x: grid, y: targets, curveCount: subnodes)
            for j in 0..<subnodes {
                let e = i * subnodes + j
                for m in 0..<nb { coefficients[e * nb + m] = fitted[j * nb + m] }
            }
        }
    }

    /// An empty-parameter layer with the given structure (used by checkpoints and pruning).
    init(
        inputCount: Int, sumCount: Int, multCount: Int, arity: Int, bases: [BSplineBasis],
        coefficients: [Double], scaleBase: [Double], scaleSpline: [Double], mask: [Double],
        symbolic: [SymbolicFunction?], affine: [Double], baseFunction: BaseFunction, splineResidual: [Bool]? = nil
    ) {
        self.inputCount = inputCount
        self.sumCount = sumCount
        self.multCount = multCount
        self.arity = arity
        self.bases = bases
        self.coefficients = coefficients
        self.scaleBase = scaleBase
        self.scaleSpline = scaleSpline
        self.mask = mask
        self.symbolic = symbolic
        self.affine = affine
        self.baseFunction = baseFunction
        self.splineResidual = splineResidual ?? [Bool](repeating: false, count: mask.count)
    }

    /// The spline part Σ_m c[e, m]·B_m(x) of edge e (without w_s).
    func splineValue(edge e: Int, at x: Double) -> Double {
        let i = e / subnodeCount
        let nb = basisCount
        return bases[i].spline(Array(coefficients[(e * nb)..<((e + 1) * nb)]), at: x)
    }

    /// φ_e(x) including the mask: the spline branch or the symbolic branch.
    func edgeValue(edge e: Int, at x: Double) -> Double {
        if mask[e] == 0 { return 0 }
        if let f = symbolic[e] {
            let a = affine[4 * e], b = affine[4 * e + 1], c = affine[4 * e + 2], d = affine[4 * e + 3]
            let value = c * f.value(a * x + b) + d
            guard splineResidual[e] else { return value }
            return value + scaleBase[e] * baseFunction.value(x) + scaleSpline[e] * splineValue(edge: e, at: x)
        }
        return scaleBase[e] * baseFunction.value(x) + scaleSpline[e] * splineValue(edge: e, at: x)
    }

    /// The spline-branch value φ_e(x) = w_b·b(x) + w_s·spline(x) (zero for masked or purely
    /// symbolic edges; a mixed edge's residual spline).
    func numericEdgeValue(edge e: Int, at x: Double) -> Double {
        if mask[e] == 0 || (symbolic[e] != nil && !splineResidual[e]) { return 0 }
        return scaleBase[e] * baseFunction.value(x) + scaleSpline[e] * splineValue(edge: e, at: x)
    }

    /// Applies the node stage to sub-node values: sums pass, products of `arity` consecutive sub-nodes.
    func nodeOutputs(subnodes: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: outputCount)
        for j in 0..<sumCount { out[j] = subnodes[j] }
        for m in 0..<multCount {
            var p = 1.0
            for r in 0..<arity { p *= subnodes[sumCount + m * arity + r] }
            out[sumCount + m] = p
        }
        return out
    }
}
