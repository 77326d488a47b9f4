/// Forward-mode differentiation of a network with respect to its d inputs, over blocks of
/// rows: the kernel behind `Network.inputDerivatives`.
///
/// Every node carries its jet: value u, gradient ∇u (d numbers) and, on request, the upper
/// triangle of its Hessian Hu (d(d+1)/2 numbers, pairs a ≤ b in row order). An edge φ from
/// node u adds to its sub-node
///
///     φ(u),   φ′(u)·∇u,   φ″(u)·∇u∇uᵀ + φ′(u)·Hu        (chain rule)
///
/// and a multiplication node multiplies its sub-nodes' jets one factor at a time:
///
///     ∇(pq) = p·∇q + q·∇p,   H(pq) = p·Hq + q·Hp + ∇p∇qᵀ + ∇q∇pᵀ   (product rule)
///
/// The inputs' jets are (x_i, e_i, 0), so on the first layer an edge from input i moves
/// only ∂/∂x_i and ∂²/∂x_i² of its sub-node: no products of gradients there.
///
/// Storage is structure-of-arrays: each component of each node's jet is a run of
/// `blockSize` rows, so every inner loop runs over contiguous rows; per input node the
/// basis values and derivatives are computed once per row and shared by its edges.
final class InputDerivativePropagation {
    let layers: [Layer]
    /// d, the network's inputs.
    let inputCount: Int
    let output: Int
    /// d(d+1)/2 with Hessians, else 0.
    let pairCount: Int
    /// The pair (a, b), a ≤ b, of each Hessian entry p.
    let pairFirst: [Int], pairSecond: [Int]
    /// Rows per block: at most 256, fewer when the jets of a wide level would not fit in
    /// `workspaceBudget` doubles.
    let blockSize: Int
    static let workspaceBudget = 4_000_000
    /// The most doubles a single row's jets may take (256 MB): beyond it
    /// `Network.inputDerivatives` refuses rather than exhaust memory.
    static let rowLimit = 32_000_000

    /// Doubles of working memory per row: values of every level, and the gradients (and
    /// Hessians) of sub-nodes and outputs, three levels' worth. The inputs need no jets of
    /// their own (their gradients are unit vectors), so a wide input level costs only values.
    static func workspacePerRow(_ layers: [Layer], inputCount d: Int, hessians: Bool) -> Int {
        let (valueWidth, jetWidth) = widths(layers)
        let pairs = hessians ? d * (d + 1) / 2 : 0
        let (jets, overflow) = jetWidth.multipliedReportingOverflow(by: d + pairs)
        return overflow || jets > Int.max / 4 ? Int.max : 3 * (valueWidth + jets)
    }

    /// The widest level (for values) and the widest sub-node or output level (for jets).
    static func widths(_ layers: [Layer]) -> (values: Int, jets: Int) {
        var values = 1, jets = 1
        for layer in layers {
            values = max(values, layer.inputCount, layer.subnodeCount, layer.outputCount)
            jets = max(jets, layer.subnodeCount, layer.outputCount)
        }
        return (values, jets)
    }

    /// Jets of the nodes of one level: component c of node v at `(v·components + c)·blockSize`.
    struct Jets {
        var values: UnsafeMutablePointer<Double>      // v·B + row
        var gradients: UnsafeMutablePointer<Double>   // (v·d + a)·B + row
        var hessians: UnsafeMutablePointer<Double>    // (v·P + p)·B + row
    }

    private var allocations: [UnsafeMutableRawPointer] = []
    /// The level entering the current layer, its sub-nodes, and the level leaving it.
    private var level: Jets, subnodes: Jets, next: Jets
    /// φ, φ′, φ″ of the current edge at each row.
    private let phi: UnsafeMutablePointer<Double>, phiSlope: UnsafeMutablePointer<Double>,
                phiSecond: UnsafeMutablePointer<Double>
    /// Per row, for the current input node: the first nonzero basis function, the k + 1
    /// basis values, first and second derivatives, and b, b′, b″.
    private let starts: UnsafeMutablePointer<Int>
    private let basis: UnsafeMutablePointer<Double>, basisSlope: UnsafeMutablePointer<Double>,
                basisSecond: UnsafeMutablePointer<Double>
    private let base: UnsafeMutablePointer<Double>, baseSlope: UnsafeMutablePointer<Double>,
                baseSecond: UnsafeMutablePointer<Double>
    private let scratch: UnsafeMutablePointer<Double>

    init(network: Network, output: Int, hessians: Bool) {
        layers = network.layers
        inputCount = network.inputCount
        self.output = output
        let d = inputCount
        let pairs = hessians ? d * (d + 1) / 2 : 0
        pairCount = pairs
        var first: [Int] = [], second: [Int] = []
        if hessians {
            for a in 0..<d { for b in a..<d { first.append(a); second.append(b) } }
        }
        pairFirst = first
        pairSecond = second
        let (valueWidth, jetWidth) = Self.widths(layers)
        let maxOrder = layers.map(\.order).max() ?? 0
        let perRow = Self.workspacePerRow(layers, inputCount: d, hessians: hessians)
        blockSize = max(1, min(256, Self.workspaceBudget / max(perRow, 1)))
        let rows = blockSize
        var allocations: [UnsafeMutableRawPointer] = []
        func allocate<T>(_ type: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
            allocations.append(UnsafeMutableRawPointer(p))
            return p
        }
        func jets() -> Jets {
            Jets(values: allocate(Double.self, valueWidth * rows), gradients: allocate(Double.self, jetWidth * d * rows),
                 hessians: allocate(Double.self, jetWidth * pairs * rows))
        }
        level = jets()
        subnodes = jets()
        next = jets()
        phi = allocate(Double.self, rows)
        phiSlope = allocate(Double.self, rows)
        phiSecond = allocate(Double.self, rows)
        starts = allocate(Int.self, rows)
        basis = allocate(Double.self, rows * (maxOrder + 1))
        basisSlope = allocate(Double.self, rows * (maxOrder + 1))
        basisSecond = allocate(Double.self, rows * (maxOrder + 1))
        base = allocate(Double.self, rows)
        baseSlope = allocate(Double.self, rows)
        baseSecond = allocate(Double.self, rows)
        scratch = allocate(Double.self, BSplineBasis.secondOrderScratchCount(order: maxOrder))
        self.allocations = allocations
    }

    deinit {
        for p in allocations { p.deallocate() }
    }

    /// The derivatives at `count` rows of `columns` (validated by the caller: d columns of
    /// `count` finite values).
    func run(columns: [[Double]], count: Int) -> InputDerivatives {
        let d = inputCount, pairs = pairCount, rowsPerBlock = blockSize
        var values = [Double](repeating: 0, count: count)
        var gradients = [[Double]](repeating: [Double](repeating: 0, count: count), count: d)
        var triangle = [[Double]](repeating: [Double](repeating: 0, count: count), count: pairs)
        var s0 = 0
        while s0 < count {
            let rows = min(rowsPerBlock, count - s0)
            for i in 0..<d {
                let target = level.values + i * rowsPerBlock
                columns[i].withUnsafeBufferPointer { column in
                    for r in 0..<rows { target[r] = column[s0 + r] }
                }
            }
            propagate(rows: rows)
            // The output's jet is node 0 of the last level.
            let jet = level
            values.withUnsafeMutableBufferPointer { out in
                for r in 0..<rows { out[s0 + r] = jet.values[r] }
            }
            for a in 0..<d {
                gradients[a].withUnsafeMutableBufferPointer { out in
                    let source = jet.gradients + a * rowsPerBlock
                    for r in 0..<rows { out[s0 + r] = source[r] }
                }
            }
            for p in 0..<pairs {
                triangle[p].withUnsafeMutableBufferPointer { out in
                    let source = jet.hessians + p * rowsPerBlock
                    for r in 0..<rows { out[s0 + r] = source[r] }
                }
            }
            s0 += rows
        }
        var hessians: [[[Double]]]? = nil
        if pairs > 0 {
            var square = [[[Double]]](repeating: [], count: d)
            for a in 0..<d { square[a] = [[Double]](repeating: [], count: d) }
            for p in 0..<pairs {
                let a = pairFirst[p], b = pairSecond[p]
                square[a][b] = triangle[p]
                square[b][a] = triangle[p]
            }
            hessians = square
        }
        return InputDerivatives(values: values, gradients: gradients, hessians: hessians)
    }

    /// Runs the rows in `level` (the inputs' values) through every layer; afterwards node 0
    /// of `level` holds the jet of output `output`.
    private func propagate(rows: Int) {
        for (l, layer) in layers.enumerated() {
            let isLast = l == layers.count - 1
            // The last layer computes only the sub-nodes of the requested output.
            let outputs = isLast ? [output] : Array(0..<layer.outputCount)
            var needed = [Bool](repeating: false, count: layer.subnodeCount)
            for o in outputs {
                for j in layer.subnodes(feeding: o) { needed[j] = true }
            }
            forwardEdges(layer, rows: rows, firstLayer: l == 0, needed: needed)
            for (slot, o) in outputs.enumerated() { combine(output: o, into: slot, layer: layer, rows: rows) }
            (level, next) = (next, level)
        }
    }

    /// Sums the edges' jets into the sub-nodes marked in `needed`.
    private func forwardEdges(_ layer: Layer, rows: Int, firstLayer: Bool, needed: [Bool]) {
        let d = inputCount, pairs = pairCount, stride = blockSize
        let nSub = layer.subnodeCount, nb = layer.basisCount, k1 = layer.order + 1
        for j in 0..<nSub where needed[j] {
            for r in 0..<rows { subnodes.values[j * stride + r] = 0 }
            for a in 0..<d {
                let g = subnodes.gradients + (j * d + a) * stride
                for r in 0..<rows { g[r] = 0 }
            }
            for p in 0..<pairs {
                let h = subnodes.hessians + (j * pairs + p) * stride
                for r in 0..<rows { h[r] = 0 }
            }
        }
        let wantSecond = pairs > 0
        layer.coefficients.withUnsafeBufferPointer { coefficientBuffer in
            let coefficients = coefficientBuffer.baseAddress!
            for i in 0..<layer.inputCount {
                let x = level.values + i * stride
                var splineEdges = false
                for j in 0..<nSub where needed[j] {
                    let e = layer.edgeIndex(input: i, subnode: j)
                    if layer.mask[e] != 0 && (layer.symbolic[e] == nil || layer.splineResidual[e]) { splineEdges = true }
                }
                if splineEdges { prepareBasis(layer.bases[i], baseFunction: layer.baseFunction, x: x, rows: rows) }
                for j in 0..<nSub where needed[j] {
                    let e = layer.edgeIndex(input: i, subnode: j)
                    if layer.mask[e] == 0 { continue }
                    if let function = layer.symbolic[e] {
                        // c·f(a·x + b) + d: slope c·a·f′, curvature c·a²·f″.
                        let a = layer.affine[4 * e], b = layer.affine[4 * e + 1]
                        let c = layer.affine[4 * e + 2], shift = layer.affine[4 * e + 3]
                        for r in 0..<rows {
                            let z = a * x[r] + b
                            phi[r] = c * function.value(z) + shift
                            phiSlope[r] = c * a * function.derivative(z)
                            phiSecond[r] = wantSecond ? c * a * a * function.secondDerivative(z) : 0
                        }
                    }
                    if layer.symbolic[e] == nil || layer.splineResidual[e] {
                        // A mixed edge adds its residual spline to the symbolic branch above.
                        let mixed = layer.symbolic[e] != nil
                        // w_b·b(x) + w_s·Σ_r c_{start+r}·B_{start+r}(x), and its derivatives.
                        let wb = layer.scaleBase[e], ws = layer.scaleSpline[e]
                        let row = coefficients + e * nb
                        for r in 0..<rows {
                            let c = row + starts[r]
                            let v = basis + r * k1, dv = basisSlope + r * k1, d2v = basisSecond + r * k1
                            var s0 = 0.0, s1 = 0.0, s2 = 0.0
                            for q in 0..<k1 {
                                s0 += c[q] * v[q]
                                s1 += c[q] * dv[q]
                                s2 += c[q] * d2v[q]
                            }
                            if mixed {
                                phi[r] += wb * base[r] + ws * s0
                                phiSlope[r] += wb * baseSlope[r] + ws * s1
                                phiSecond[r] += wb * baseSecond[r] + ws * s2
                            } else {
                                phi[r] = wb * base[r] + ws * s0
                                phiSlope[r] = wb * baseSlope[r] + ws * s1
                                phiSecond[r] = wb * baseSecond[r] + ws * s2
                            }
                        }
                    }
                    accumulate(input: i, into: j, rows: rows, firstLayer: firstLayer)
                }
            }
        }
    }

    /// Basis values and derivatives, and b, b′, b″, of input node x at each row.
    private func prepareBasis(_ spline: BSplineBasis, baseFunction: BaseFunction, x: UnsafeMutablePointer<Double>, rows: Int) {
        let k = spline.order, gridSize = spline.gridSize
        spline.paddedKnots.withUnsafeBufferPointer { knots in
            spline.inverseSpans.withUnsafeBufferPointer { inverse in
                for r in 0..<rows {
                    starts[r] = BSplineBasis.evaluateSecondOrder(
                        x[r], paddedKnots: knots.baseAddress!, inverseSpans: inverse.baseAddress!,
                        gridSize: gridSize, order: k, values: basis + r * (k + 1),
                        firstDerivatives: basisSlope + r * (k + 1), secondDerivatives: basisSecond + r * (k + 1),
                        scratch: scratch)
                }
            }
        }
        for r in 0..<rows {
            let (value, first, second) = baseFunction.valueAndDerivatives(x[r])
            base[r] = value
            baseSlope[r] = first
            baseSecond[r] = second
        }
    }

    /// Adds the jet of φ(input i), with φ, φ′, φ″ in `phi`, `phiSlope`, `phiSecond`, to sub-node j.
    private func accumulate(input i: Int, into j: Int, rows: Int, firstLayer: Bool) {
        let d = inputCount, pairs = pairCount, stride = blockSize
        let value = subnodes.values + j * stride
        for r in 0..<rows { value[r] += phi[r] }
        if firstLayer {
            // ∇x_i = e_i, Hx_i = 0: one gradient entry and one diagonal Hessian entry move.
            let gradient = subnodes.gradients + (j * d + i) * stride
            for r in 0..<rows { gradient[r] += phiSlope[r] }
            if pairs > 0 {
                let diagonal = i * d - i * (i - 1) / 2
                let hessian = subnodes.hessians + (j * pairs + diagonal) * stride
                for r in 0..<rows { hessian[r] += phiSecond[r] }
            }
            return
        }
        for a in 0..<d {
            let gradient = subnodes.gradients + (j * d + a) * stride
            let inner = level.gradients + (i * d + a) * stride
            for r in 0..<rows { gradient[r] += phiSlope[r] * inner[r] }
        }
        for p in 0..<pairs {
            let hessian = subnodes.hessians + (j * pairs + p) * stride
            let inner = level.hessians + (i * pairs + p) * stride
            let ga = level.gradients + (i * d + pairFirst[p]) * stride
            let gb = level.gradients + (i * d + pairSecond[p]) * stride
            for r in 0..<rows { hessian[r] += phiSecond[r] * ga[r] * gb[r] + phiSlope[r] * inner[r] }
        }
    }

    /// The node stage for output node o of the layer, written to node `slot` of `next`: a sum
    /// node passes its sub-node's jet, a multiplication node multiplies its sub-nodes' jets
    /// in order (as the forward pass does, so values agree to the last bit).
    private func combine(output o: Int, into slot: Int, layer: Layer, rows: Int) {
        let d = inputCount, pairs = pairCount, stride = blockSize
        let factors = layer.subnodes(feeding: o)
        copy(subnode: factors.lowerBound, into: slot, rows: rows)
        let u = next.values + slot * stride
        for q in factors.dropFirst() {
            let w = subnodes.values + q * stride
            // Hessian first, then gradient, then value: each update reads the old lower orders.
            for p in 0..<pairs {
                let hu = next.hessians + (slot * pairs + p) * stride
                let hw = subnodes.hessians + (q * pairs + p) * stride
                let ua = next.gradients + (slot * d + pairFirst[p]) * stride
                let ub = next.gradients + (slot * d + pairSecond[p]) * stride
                let wa = subnodes.gradients + (q * d + pairFirst[p]) * stride
                let wb = subnodes.gradients + (q * d + pairSecond[p]) * stride
                for r in 0..<rows { hu[r] = u[r] * hw[r] + w[r] * hu[r] + ua[r] * wb[r] + wa[r] * ub[r] }
            }
            for a in 0..<d {
                let gu = next.gradients + (slot * d + a) * stride
                let gw = subnodes.gradients + (q * d + a) * stride
                for r in 0..<rows { gu[r] = u[r] * gw[r] + w[r] * gu[r] }
            }
            for r in 0..<rows { u[r] *= w[r] }
        }
    }

    /// Copies sub-node j's jet to node `slot` of `next`.
    private func copy(subnode j: Int, into slot: Int, rows: Int) {
        let d = inputCount, pairs = pairCount, stride = blockSize
        for r in 0..<rows { next.values[slot * stride + r] = subnodes.values[j * stride + r] }
        for a in 0..<d {
            let from = subnodes.gradients + (j * d + a) * stride, to = next.gradients + (slot * d + a) * stride
            for r in 0..<rows { to[r] = from[r] }
        }
        for p in 0..<pairs {
            let from = subnodes.hessians + (j * pairs + p) * stride, to = next.hessians + (slot * pairs + p) * stride
            for r in 0..<rows { to[r] = from[r] }
        }
    }
}
