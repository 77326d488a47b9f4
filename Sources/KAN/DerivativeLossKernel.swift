import Foundation

/// The value of a `DerivativeLoss` and its exact gradient with respect to every network
/// parameter: forward jets through the layers, then reverse mode through the jets.
///
/// **Forward.** Every node carries the jet its point set needs: the value u, the gradient
/// ∇u (d numbers, when any derivative is asked for) and the Hessian entries u_ab of the pairs
/// the loss uses (the diagonal for a Laplacian). An edge φ adds to its sub-node
///
///     v = φ(u),   v_a = φ′(u)·u_a,   v_ab = φ″(u)·u_a·u_b + φ′(u)·u_ab.
///
/// **Backward.** With adjoints v̄, v̄_a, v̄_ab of the sub-node, the edge needs only three
/// numbers per row,
///
///     A₀ = v̄,   A₁ = Σ_a u_a·v̄_a + Σ_ab u_ab·v̄_ab,   A₂ = Σ_ab u_a·u_b·v̄_ab,
///
/// because φ enters the jet only through φ, φ′ and φ″: a parameter θ of the edge gets
/// ∂φ/∂θ·A₀ + ∂φ′/∂θ·A₁ + ∂φ″/∂θ·A₂, and the input node
///
///     ū += φ′·A₀ + φ″·A₁ + φ‴·A₂,   ū_a += φ′·v̄_a + φ″·Σ_b u_b·v̄_ab (both orders),   ū_ab += φ′·v̄_ab.
///
/// So spline edges need the basis to third order (`evaluateThirdOrder`) and b‴ of the base
/// function; symbolic edges c·f(a·x + b) + d use f, f′, f″ and a central difference of f″
/// for f‴ (only in ū and the gradients of a and b). Rows go in blocks of 128; each block
/// keeps its jets and basis values per level (the tape) for the backward pass. Work per row
/// and edge: O(d + P) for P Hessian pairs.
final class DerivativeLossKernel {
    let layers: [Layer]
    let layout: ParameterLayout
    let loss: DerivativeLoss
    let d: Int
    static let blockSize = 128

    init(network: Network, loss: DerivativeLoss) {
        layers = network.layers
        layout = ParameterLayout(network.layers)
        self.loss = loss
        d = network.inputCount
    }

    /// The jet components one point set needs.
    struct JetSpec {
        let gradientCount: Int
        let pairFirst: [Int], pairSecond: [Int]
        /// Index of pair (a, b), a ≤ b, at `a·d + b`; −1 when absent.
        let pairIndex: [Int]
        var pairCount: Int { pairFirst.count }
        var componentCount: Int { 1 + gradientCount + pairCount }

        init(terms: [DerivativeLoss.Term], inputCount d: Int) {
            var needsGradient = false
            var pairs = Set<Int>()
            for term in terms {
                for component in term.components {
                    switch component.operator_ {
                    case .value: break
                    case .derivative: needsGradient = true
                    case .secondDerivative(let i, let j):
                        needsGradient = true
                        pairs.insert(min(i, j) * d + max(i, j))
                    case .laplacian:
                        needsGradient = true
                        for a in 0..<d { pairs.insert(a * d + a) }
                    }
                }
            }
            gradientCount = needsGradient ? d : 0
            let sorted = pairs.sorted()
            pairFirst = sorted.map { $0 / d }
            pairSecond = sorted.map { $0 % d }
            var index = [Int](repeating: -1, count: d * d)
            for (p, key) in sorted.enumerated() { index[key] = p }
            pairIndex = index
        }

        /// The component of u_a.
        func gradient(_ a: Int) -> Int { 1 + a }
        /// The component of u_ab.
        func pair(_ p: Int) -> Int { 1 + gradientCount + p }
    }

    /// The loss; adds its gradient to `gradient` (`ParameterLayout` order) when given.
    func evaluate(gradient: UnsafeMutablePointer<Double>?) -> Double {
        var total = 0.0
        for s in loss.pointSets.indices {
            let terms = loss.terms.filter { $0.points == s }
            if terms.isEmpty { continue }
            total += evaluate(pointSet: s, terms: terms, gradient: gradient)
        }
        return total
    }

    private func evaluate(pointSet s: Int, terms: [DerivativeLoss.Term], gradient: UnsafeMutablePointer<Double>?) -> Double {
        let columns = loss.pointSets[s]
        let count = columns[0].count
        let spec = JetSpec(terms: terms, inputCount: d)
        let workspace = Workspace(layers: layers, spec: spec, rows: Self.blockSize)
        var total = 0.0
        var s0 = 0
        while s0 < count {
            let rows = min(Self.blockSize, count - s0)
            workspace.loadInputs(columns, from: s0, rows: rows)
            for l in layers.indices { forward(layer: l, workspace, rows: rows) }
            total += seedAdjoints(terms, workspace, from: s0, rows: rows, count: count, wantGradient: gradient != nil)
            if let gradient {
                for l in layers.indices.reversed() { backward(layer: l, workspace, rows: rows, gradient: gradient) }
            }
            s0 += rows
        }
        return total
    }

    /// Jets, basis tape and adjoints of one block.
    final class Workspace {
        let spec: JetSpec
        let stride: Int
        /// jets[l]: level l's nodes, component c of node v at `(v·C + c)·stride + row`.
        var jets: [UnsafeMutablePointer<Double>] = []
        /// Per layer and input node: first basis index per row, and DⁿB (n = 0…3) per row.
        var starts: [UnsafeMutablePointer<Int>] = []
        var basis: [UnsafeMutablePointer<Double>] = []
        /// Per layer and input node: b, b′, b″, b‴ per row, at `((i·4 + n)·stride + row)`.
        var base: [UnsafeMutablePointer<Double>] = []
        let adjointAbove: UnsafeMutablePointer<Double>, adjointBelow: UnsafeMutablePointer<Double>
        var adjointSwapped = false
        let scratch: UnsafeMutablePointer<Double>
        /// φ, φ′, φ″, φ‴ of the current edge, and its spline sums Σc·B, Σc·B′, Σc·B″.
        let phi: UnsafeMutablePointer<Double>, splineSums: UnsafeMutablePointer<Double>
        /// Per layer with multiplication nodes, its sub-nodes' jets (the edges' sums, before the
        /// products; kept for the backward pass); nil where sub-nodes are the nodes.
        var subnodeJets: [UnsafeMutablePointer<Double>?] = []
        /// The adjoints of a layer's sub-nodes, from its nodes' (`backward`).
        let subnodeAdjoint: UnsafeMutablePointer<Double>
        /// A multiplication node's partial products s₀·…·s_q (q < arity), and one adjoint jet.
        let partialProducts: UnsafeMutablePointer<Double>, productAdjoint: UnsafeMutablePointer<Double>
        private var allocations: [UnsafeMutableRawPointer] = []

        init(layers: [Layer], spec: JetSpec, rows: Int) {
            self.spec = spec
            stride = rows
            let c = spec.componentCount
            var allocations: [UnsafeMutableRawPointer] = []
            func allocate<T>(_ type: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
                let p = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
                allocations.append(UnsafeMutableRawPointer(p))
                return p
            }
            var widest = layers.first?.inputCount ?? 1
            var maxOrder = 0
            var maxArity = 1
            jets.append(allocate(Double.self, (layers.first?.inputCount ?? 1) * c * rows))
            for layer in layers {
                widest = max(widest, layer.subnodeCount)
                maxOrder = max(maxOrder, layer.order)
                maxArity = max(maxArity, layer.arity)
                subnodeJets.append(layer.multCount > 0 ? allocate(Double.self, layer.subnodeCount * c * rows) : nil)
                jets.append(allocate(Double.self, layer.subnodeCount * c * rows))
                starts.append(allocate(Int.self, layer.inputCount * rows))
                basis.append(allocate(Double.self, layer.inputCount * rows * 4 * (layer.order + 1)))
                base.append(allocate(Double.self, layer.inputCount * 4 * rows))
            }
            adjointAbove = allocate(Double.self, widest * c * rows)
            adjointBelow = allocate(Double.self, widest * c * rows)
            scratch = allocate(Double.self, BSplineBasis.thirdOrderScratchCount(order: maxOrder))
            phi = allocate(Double.self, 4 * rows)
            phi.initialize(repeating: 0, count: 4 * rows)
            splineSums = allocate(Double.self, 3 * rows)
            subnodeAdjoint = allocate(Double.self, widest * c * rows)
            partialProducts = allocate(Double.self, maxArity * c * rows)
            productAdjoint = allocate(Double.self, c * rows)
            self.allocations = allocations
        }

        deinit { for p in allocations { p.deallocate() } }

        /// Level 0: x_i with gradient e_i and zero Hessian.
        func loadInputs(_ columns: [[Double]], from s0: Int, rows: Int) {
            let c = spec.componentCount
            let level = jets[0]
            for (i, column) in columns.enumerated() {
                let node = level + i * c * stride
                column.withUnsafeBufferPointer { x in
                    for r in 0..<rows { node[r] = x[s0 + r] }
                }
                for component in 1..<max(c, 1) {
                    let target = node + component * stride
                    for r in 0..<rows { target[r] = 0 }
                }
                if spec.gradientCount > 0 {
                    let target = node + spec.gradient(i) * stride
                    for r in 0..<rows { target[r] = 1 }
                }
            }
        }
    }

    // MARK: Forward

    private func forward(layer l: Int, _ w: Workspace, rows: Int) {
        let layer = layers[l]
        let spec = w.spec, c = spec.componentCount, stride = w.stride
        // The edges sum into the sub-nodes: the next level's nodes themselves unless the layer
        // has multiplication nodes, whose products are taken after.
        let below = w.jets[l], above = w.subnodeJets[l] ?? w.jets[l + 1]
        defer { if let subnodes = w.subnodeJets[l] { combine(layer: l, subnodes: subnodes, into: w.jets[l + 1], w, rows: rows) } }
        for q in 0..<(layer.subnodeCount * c * stride) { above[q] = 0 }
        let nSub = layer.subnodeCount
        let pairs = spec.pairCount, grads = spec.gradientCount
        for i in 0..<layer.inputCount {
            prepareBasis(layer: l, input: i, w, rows: rows)
            let u = below + i * c * stride
            for j in 0..<nSub {
                let e = layer.edgeIndex(input: i, subnode: j)
                guard layer.mask[e] != 0 else { continue }
                edgeDerivatives(layer: l, input: i, edge: e, w, rows: rows, x: u, upTo: pairs > 0 ? 2 : 1)
                let v = above + j * c * stride
                let phi0 = w.phi, phi1 = w.phi + stride, phi2 = w.phi + 2 * stride
                for r in 0..<rows { v[r] += phi0[r] }
                for a in 0..<grads {
                    let va = v + spec.gradient(a) * stride, ua = u + spec.gradient(a) * stride
                    for r in 0..<rows { va[r] += phi1[r] * ua[r] }
                }
                for p in 0..<pairs {
                    let vp = v + spec.pair(p) * stride, up = u + spec.pair(p) * stride
                    let ua = u + spec.gradient(spec.pairFirst[p]) * stride, ub = u + spec.gradient(spec.pairSecond[p]) * stride
                    for r in 0..<rows { vp[r] += phi2[r] * ua[r] * ub[r] + phi1[r] * up[r] }
                }
            }
        }
    }

    /// The nodes of a layer with multiplication nodes from its sub-nodes' jets: a sum node is
    /// its sub-node, a multiplication node the product of its `arity` sub-nodes, taken one
    /// factor at a time (`multiply`), in order, as the evaluator does.
    private func combine(layer l: Int, subnodes: UnsafeMutablePointer<Double>, into nodes: UnsafeMutablePointer<Double>,
                         _ w: Workspace, rows: Int) {
        let layer = layers[l]
        let c = w.spec.componentCount, stride = w.stride
        for o in 0..<(layer.sumCount + layer.multCount) {
            let factors = layer.subnodes(feeding: o)
            let node = nodes + o * c * stride
            copyJet(from: subnodes + factors.lowerBound * c * stride, to: node, w, rows: rows)
            for q in factors.dropFirst() { multiply(node, by: subnodes + q * c * stride, w, rows: rows) }
        }
    }

    private func copyJet(from source: UnsafeMutablePointer<Double>, to target: UnsafeMutablePointer<Double>,
                         _ w: Workspace, rows: Int) {
        for k in 0..<w.spec.componentCount {
            for r in 0..<rows { target[k * w.stride + r] = source[k * w.stride + r] }
        }
    }

    /// P ← P·S for jets: value P·S, gradient P_a·S + P·S_a, pair P_ab·S + P_a·S_b + P_b·S_a + P·S_ab
    /// (pairs first, then gradients, then the value: each reads the old lower orders).
    private func multiply(_ p: UnsafeMutablePointer<Double>, by s: UnsafeMutablePointer<Double>, _ w: Workspace, rows: Int) {
        let spec = w.spec, stride = w.stride
        for q in 0..<spec.pairCount {
            let pq = p + spec.pair(q) * stride, sq = s + spec.pair(q) * stride
            let pa = p + spec.gradient(spec.pairFirst[q]) * stride, pb = p + spec.gradient(spec.pairSecond[q]) * stride
            let sa = s + spec.gradient(spec.pairFirst[q]) * stride, sb = s + spec.gradient(spec.pairSecond[q]) * stride
            for r in 0..<rows { pq[r] = pq[r] * s[r] + pa[r] * sb[r] + pb[r] * sa[r] + p[r] * sq[r] }
        }
        for a in 0..<spec.gradientCount {
            let pa = p + spec.gradient(a) * stride, sa = s + spec.gradient(a) * stride
            for r in 0..<rows { pa[r] = pa[r] * s[r] + p[r] * sa[r] }
        }
        for r in 0..<rows { p[r] *= s[r] }
    }

    /// The reverse of V = P·S (`multiply`): with V's adjoint V̄, writes P̄ into `pBar` (over
    /// what was there) and adds S̄ into `sBar`.
    private func multiplyAdjoint(_ vBar: UnsafeMutablePointer<Double>, p: UnsafeMutablePointer<Double>,
                                 s: UnsafeMutablePointer<Double>, pBar: UnsafeMutablePointer<Double>,
                                 sBar: UnsafeMutablePointer<Double>, _ w: Workspace, rows: Int) {
        let spec = w.spec, stride = w.stride
        // V = P·S.
        for r in 0..<rows {
            pBar[r] = vBar[r] * s[r]
            sBar[r] += vBar[r] * p[r]
        }
        // V_a = P_a·S + P·S_a.
        for a in 0..<spec.gradientCount {
            let k = spec.gradient(a) * stride
            for r in 0..<rows {
                pBar[k + r] = vBar[k + r] * s[r]
                sBar[k + r] += vBar[k + r] * p[r]
                pBar[r] += vBar[k + r] * s[k + r]
                sBar[r] += vBar[k + r] * p[k + r]
            }
        }
        // V_ab = P_ab·S + P_a·S_b + P_b·S_a + P·S_ab.
        for q in 0..<spec.pairCount {
            let k = spec.pair(q) * stride
            let ka = spec.gradient(spec.pairFirst[q]) * stride, kb = spec.gradient(spec.pairSecond[q]) * stride
            for r in 0..<rows {
                let v = vBar[k + r]
                pBar[k + r] = v * s[r]
                sBar[r] += v * p[k + r]
                pBar[ka + r] += v * s[kb + r]
                sBar[kb + r] += v * p[ka + r]
                pBar[kb + r] += v * s[ka + r]
                sBar[ka + r] += v * p[kb + r]
                pBar[r] += v * s[k + r]
                sBar[k + r] += v * p[r]
            }
        }
    }

    /// The adjoints of a layer's sub-nodes from those of its nodes: a sum node passes its
    /// adjoint on; a multiplication node's products are redone (`partialProducts`) and
    /// reversed one factor at a time.
    private func subnodeAdjoints(layer l: Int, nodes nodeAdjoint: UnsafeMutablePointer<Double>, _ w: Workspace,
                                 rows: Int) -> UnsafeMutablePointer<Double> {
        let layer = layers[l]
        guard let subnodes = w.subnodeJets[l] else { return nodeAdjoint }
        let c = w.spec.componentCount, stride = w.stride, jet = c * stride
        let result = w.subnodeAdjoint
        for q in 0..<(layer.subnodeCount * jet) { result[q] = 0 }
        for o in 0..<(layer.sumCount + layer.multCount) {
            let factors = Array(layer.subnodes(feeding: o))
            let nodeBar = nodeAdjoint + o * jet
            guard factors.count > 1 else {
                copyJet(from: nodeBar, to: result + factors[0] * jet, w, rows: rows)
                continue
            }
            // Partial products Pₖ = s₀·…·sₖ for k < arity − 1.
            let partial = w.partialProducts
            copyJet(from: subnodes + factors[0] * jet, to: partial, w, rows: rows)
            for k in 1..<(factors.count - 1) {
                copyJet(from: partial + (k - 1) * jet, to: partial + k * jet, w, rows: rows)
                multiply(partial + k * jet, by: subnodes + factors[k] * jet, w, rows: rows)
            }
            // V̄ of P_{k} = P_{k−1}·s_k, from the last factor down.
            let vBar = w.productAdjoint
            copyJet(from: nodeBar, to: vBar, w, rows: rows)
            for k in Swift.stride(from: factors.count - 1, through: 1, by: -1) {
                let previousBar = partial + (factors.count - 1) * jet  // scratch: P̄_{k−1}
                multiplyAdjoint(vBar, p: partial + (k - 1) * jet, s: subnodes + factors[k] * jet, pBar: previousBar,
                                sBar: result + factors[k] * jet, w, rows: rows)
                copyJet(from: previousBar, to: vBar, w, rows: rows)
            }
            let first = result + factors[0] * jet
            for q in 0..<jet { first[q] += vBar[q] }
        }
        return result
    }

    /// Basis functions to third order and b, b′, b″, b‴ of input node i at each row.
    private func prepareBasis(layer l: Int, input i: Int, _ w: Workspace, rows: Int) {
        let layer = layers[l]
        let c = w.spec.componentCount, stride = w.stride
        let x = w.jets[l] + i * c * stride
        let k1 = layer.order + 1
        let spline = layer.bases[i]
        let starts = w.starts[l] + i * stride
        let basis = w.basis[l] + i * stride * 4 * k1
        spline.paddedKnots.withUnsafeBufferPointer { knots in
            spline.inverseSpans.withUnsafeBufferPointer { inverse in
                for r in 0..<rows {
                    starts[r] = BSplineBasis.evaluateThirdOrder(
                        x[r], paddedKnots: knots.baseAddress!, inverseSpans: inverse.baseAddress!, gridSize: spline.gridSize,
                        order: layer.order, derivatives: basis + r * 4 * k1, scratch: w.scratch)
                }
            }
        }
        let base = w.base[l] + i * 4 * stride
        for r in 0..<rows {
            let b = layer.baseFunction.valueAndThreeDerivatives(x[r])
            base[r] = b.0
            base[stride + r] = b.1
            base[2 * stride + r] = b.2
            base[3 * stride + r] = b.3
        }
    }

    /// φ and its derivatives up to order `upTo` (≤ 3) of edge e at each row, into `w.phi`
    /// (derivative n at `n·stride`). A mixed edge is its spline branch plus its function.
    private func edgeDerivatives(layer l: Int, input i: Int, edge e: Int, _ w: Workspace, rows: Int,
                                 x: UnsafeMutablePointer<Double>, upTo order: Int) {
        let layer = layers[l]
        let stride = w.stride
        if let function = layer.symbolic[e] {
            let mixed = layer.splineResidual[e]
            if mixed { splineDerivatives(layer: l, input: i, edge: e, w, rows: rows, upTo: order) }
            let a = layer.affine[4 * e], b = layer.affine[4 * e + 1], c = layer.affine[4 * e + 2], shift = layer.affine[4 * e + 3]
            let keep = mixed ? 1.0 : 0.0
            for r in 0..<rows {
                let z = a * x[r] + b
                w.phi[r] = keep * w.phi[r] + c * function.value(z) + shift
                w.phi[stride + r] = keep * w.phi[stride + r] + c * a * function.derivative(z)
                w.phi[2 * stride + r] = order >= 2 ? keep * w.phi[2 * stride + r] + c * a * a * function.secondDerivative(z) : 0
                w.phi[3 * stride + r] = order >= 3 ? keep * w.phi[3 * stride + r] + c * a * a * a * Self.thirdDerivative(function, z) : 0
            }
            return
        }
        splineDerivatives(layer: l, input: i, edge: e, w, rows: rows, upTo: order)
    }

    /// The spline branch w_b·b + w_s·Σc·B of edge e and its derivatives up to order `upTo`, into
    /// `w.phi`, and Σc·B⁽ⁿ⁾ (n ≤ 2) into `w.splineSums` for the backward pass.
    private func splineDerivatives(layer l: Int, input i: Int, edge e: Int, _ w: Workspace, rows: Int, upTo order: Int) {
        let layer = layers[l]
        let stride = w.stride
        let k1 = layer.order + 1, nb = layer.basisCount
        let wb = layer.scaleBase[e], ws = layer.scaleSpline[e]
        let starts = w.starts[l] + i * stride
        let basis = w.basis[l] + i * stride * 4 * k1
        let base = w.base[l] + i * 4 * stride
        layer.coefficients.withUnsafeBufferPointer { coefficients in
            let row = coefficients.baseAddress! + e * nb
            let sums = w.splineSums
            if k1 == 4 {
                // Cubic: one pass over the rows, the four coefficients read once.
                let b0 = base, b1 = base + stride, b2 = base + 2 * stride, b3 = base + 3 * stride
                let p0 = w.phi, p1 = w.phi + stride, p2 = w.phi + 2 * stride, p3 = w.phi + 3 * stride
                for r in 0..<rows {
                    let cs = row + starts[r], v = basis + r * 16
                    let c0 = cs[0], c1 = cs[1], c2 = cs[2], c3 = cs[3]
                    let s0 = c0 * v[0] + c1 * v[1] + c2 * v[2] + c3 * v[3]
                    let s1 = c0 * v[4] + c1 * v[5] + c2 * v[6] + c3 * v[7]
                    let s2 = c0 * v[8] + c1 * v[9] + c2 * v[10] + c3 * v[11]
                    sums[r] = s0; sums[stride + r] = s1; sums[2 * stride + r] = s2
                    p0[r] = wb * b0[r] + ws * s0
                    p1[r] = wb * b1[r] + ws * s1
                    p2[r] = wb * b2[r] + ws * s2
                    if order >= 3 { p3[r] = wb * b3[r] + ws * (c0 * v[12] + c1 * v[13] + c2 * v[14] + c3 * v[15]) }
                }
                return
            }
            for n in 0...max(order, 2) {
                let out = w.phi + n * stride, b = base + n * stride
                for r in 0..<rows {
                    let cs = row + starts[r], v = basis + r * 4 * k1 + n * k1
                    var s = 0.0
                    for q in 0..<k1 { s += cs[q] * v[q] }
                    if n < 3 { sums[n * stride + r] = s }
                    out[r] = wb * b[r] + ws * s
                }
            }
        }
    }

    /// f‴(z) by the central difference of f″ (step ε^{1/3}·max(1, |z|)).
    static func thirdDerivative(_ f: SymbolicFunction, _ z: Double) -> Double {
        let h = 6.0554544523933395e-06 * max(1, abs(z))
        let above = z + h, below = z - h
        return (f.secondDerivative(above) - f.secondDerivative(below)) / (above - below)
    }

    // MARK: Loss

    /// Adds up the terms on this block and, when asked, writes ∂L/∂(output jets) into the
    /// adjoint of the last level.
    private func seedAdjoints(_ terms: [DerivativeLoss.Term], _ w: Workspace, from s0: Int, rows: Int, count: Int,
                              wantGradient: Bool) -> Double {
        let spec = w.spec, c = spec.componentCount, stride = w.stride
        let outputs = w.jets[layers.count]
        let adjoint = w.adjointAbove
        w.adjointSwapped = false
        if wantGradient {
            for q in 0..<((layers.last?.subnodeCount ?? 0) * c * stride) { adjoint[q] = 0 }
        }
        var total = 0.0
        var residual = [Double](repeating: 0, count: rows)
        for term in terms {
            for r in 0..<rows { residual[r] = term.target.isEmpty ? 0 : -term.target[s0 + r] }
            for component in term.components {
                let node = outputs + component.output * c * stride
                let a = component.coefficient
                for slot in slots(component.operator_, spec) {
                    let source = node + slot * stride
                    for r in 0..<rows { residual[r] += a * source[r] }
                }
            }
            let scale = term.weight / Double(count)
            var sum = 0.0
            for r in 0..<rows { sum += residual[r] * residual[r] }
            total += scale * sum
            guard wantGradient else { continue }
            for component in term.components {
                let node = adjoint + component.output * c * stride
                let a = 2 * scale * component.coefficient
                for slot in slots(component.operator_, spec) {
                    let target = node + slot * stride
                    for r in 0..<rows { target[r] += a * residual[r] }
                }
            }
        }
        return total
    }

    /// The jet components whose sum an operator takes.
    private func slots(_ op: DerivativeLoss.Operator, _ spec: JetSpec) -> [Int] {
        switch op {
        case .value: return [0]
        case .derivative(let i): return [spec.gradient(i)]
        case .secondDerivative(let i, let j): return [spec.pair(spec.pairIndex[min(i, j) * d + max(i, j)])]
        case .laplacian: return (0..<d).map { spec.pair(spec.pairIndex[$0 * d + $0]) }
        }
    }

    // MARK: Backward

    private func backward(layer l: Int, _ w: Workspace, rows: Int, gradient: UnsafeMutablePointer<Double>) {
        let layer = layers[l]
        let spec = w.spec, c = spec.componentCount, stride = w.stride
        let pairs = spec.pairCount, grads = spec.gradientCount
        let below = w.adjointSwapped ? w.adjointAbove : w.adjointBelow
        let above = subnodeAdjoints(layer: l, nodes: w.adjointSwapped ? w.adjointBelow : w.adjointAbove, w, rows: rows)
        let needInputs = l > 0
        if needInputs { for q in 0..<(layer.inputCount * c * stride) { below[q] = 0 } }
        let jets = w.jets[l]
        let offsets = layout.layers[l]
        let nb = layer.basisCount, k1 = layer.order + 1, nSub = layer.subnodeCount
        let phiOrder = needInputs ? (pairs > 0 ? 3 : 2) : (pairs > 0 ? 2 : 1)
        var a0 = [Double](repeating: 0, count: rows), a1 = a0, a2 = a0
        for i in 0..<layer.inputCount {
            let u = jets + i * c * stride
            let ubar = below + i * c * stride
            for j in 0..<nSub {
                let e = layer.edgeIndex(input: i, subnode: j)
                guard layer.mask[e] != 0 else { continue }
                let vbar = above + j * c * stride
                // A₀, A₁, A₂ per row.
                for r in 0..<rows { a0[r] = vbar[r]; a1[r] = 0; a2[r] = 0 }
                for a in 0..<grads {
                    let ua = u + spec.gradient(a) * stride, va = vbar + spec.gradient(a) * stride
                    for r in 0..<rows { a1[r] += ua[r] * va[r] }
                }
                for p in 0..<pairs {
                    let up = u + spec.pair(p) * stride, vp = vbar + spec.pair(p) * stride
                    let ua = u + spec.gradient(spec.pairFirst[p]) * stride, ub = u + spec.gradient(spec.pairSecond[p]) * stride
                    for r in 0..<rows {
                        a1[r] += up[r] * vp[r]
                        a2[r] += ua[r] * ub[r] * vp[r]
                    }
                }
                edgeDerivatives(layer: l, input: i, edge: e, w, rows: rows, x: u, upTo: phiOrder)
                let phi1 = w.phi + stride, phi2 = w.phi + 2 * stride, phi3 = w.phi + 3 * stride
                if needInputs {
                    for r in 0..<rows { ubar[r] += phi1[r] * a0[r] + phi2[r] * a1[r] + (pairs > 0 ? phi3[r] * a2[r] : 0) }
                    for a in 0..<grads {
                        let target = ubar + spec.gradient(a) * stride, va = vbar + spec.gradient(a) * stride
                        for r in 0..<rows { target[r] += phi1[r] * va[r] }
                    }
                    for p in 0..<pairs {
                        let vp = vbar + spec.pair(p) * stride
                        let fa = spec.pairFirst[p], fb = spec.pairSecond[p]
                        let ua = u + spec.gradient(fa) * stride, ub = u + spec.gradient(fb) * stride
                        let ta = ubar + spec.gradient(fa) * stride, tb = ubar + spec.gradient(fb) * stride
                        let tp = ubar + spec.pair(p) * stride
                        for r in 0..<rows {
                            let weight = phi2[r] * vp[r]
                            ta[r] += weight * ub[r]
                            tb[r] += weight * ua[r]
                            tp[r] += phi1[r] * vp[r]
                        }
                    }
                }
                if let function = layer.symbolic[e] {
                    affineGradient(layer: layer, edge: e, function: function, x: u, rows: rows, a0: a0, a1: a1, a2: a2,
                                   into: gradient + offsets.affine + 4 * e)
                    // A mixed edge's spline branch trains too, as on any edge below.
                    guard layer.splineResidual[e] else { continue }
                }
                // w_b: b·A₀ + b′·A₁ + b″·A₂; w_s: (Σc·B)·A₀ + (Σc·B′)·A₁ + (Σc·B″)·A₂;
                // c_m: w_s·(B_m·A₀ + B_m′·A₁ + B_m″·A₂).
                let ws = layer.scaleSpline[e]
                let base = w.base[l] + i * 4 * stride
                let starts = w.starts[l] + i * stride
                let basis = w.basis[l] + i * stride * 4 * k1
                var gwb = 0.0, gws = 0.0
                for r in 0..<rows { gwb += base[r] * a0[r] + base[stride + r] * a1[r] + base[2 * stride + r] * a2[r] }
                // Σc·B⁽ⁿ⁾ of this edge, kept by `edgeDerivatives`.
                let sums = w.splineSums
                for r in 0..<rows { gws += sums[r] * a0[r] + sums[stride + r] * a1[r] + sums[2 * stride + r] * a2[r] }
                gradient[offsets.scaleBase + e] += gwb
                gradient[offsets.scaleSpline + e] += gws
                let coefficientBase = gradient + offsets.coefficients
                for r in 0..<rows {
                    let v = basis + r * 4 * k1
                    let start = starts[r]
                    let g0 = ws * a0[r], g1 = ws * a1[r], g2 = ws * a2[r]
                    for q in 0..<k1 {
                        coefficientBase[((i * nb) + start + q) * nSub + j] += g0 * v[q] + g1 * v[k1 + q] + g2 * v[2 * k1 + q]
                    }
                }
            }
        }
        w.adjointSwapped.toggle()
    }

    /// ∂/∂(a, b, c, d) of a symbolic edge c·f(a·x + b) + d with φ′ = c·a·f′, φ″ = c·a²·f″.
    private func affineGradient(layer: Layer, edge e: Int, function: SymbolicFunction, x: UnsafeMutablePointer<Double>,
                                rows: Int, a0: [Double], a1: [Double], a2: [Double], into target: UnsafeMutablePointer<Double>) {
        let a = layer.affine[4 * e], b = layer.affine[4 * e + 1], c = layer.affine[4 * e + 2]
        var ga = 0.0, gb = 0.0, gc = 0.0, gd = 0.0
        for r in 0..<rows {
            let z = a * x[r] + b
            let f = function.value(z), f1 = function.derivative(z), f2 = function.secondDerivative(z)
            let f3 = a2[r] != 0 ? Self.thirdDerivative(function, z) : 0
            ga += c * f1 * x[r] * a0[r] + (c * f1 + c * a * f2 * x[r]) * a1[r] + (2 * c * a * f2 + c * a * a * f3 * x[r]) * a2[r]
            gb += c * f1 * a0[r] + c * a * f2 * a1[r] + c * a * a * f3 * a2[r]
            gc += f * a0[r] + a * f1 * a1[r] + a * a * f2 * a2[r]
            gd += a0[r]
        }
        target[0] += ga
        target[1] += gb
        target[2] += gc
        target[3] += gd
    }
}

extension BaseFunction {
    /// (b, b′, b″, b‴): with σ the logistic function, σ′ = σ(1 − σ), σ″ = σ′(1 − 2σ),
    /// σ‴ = σ″(1 − 2σ) − 2σ′², and b = x·σ gives b‴ = 3σ″ + x·σ‴.
    @inlinable
    func valueAndThreeDerivatives(_ x: Double) -> (Double, Double, Double, Double) {
        switch self {
        case .silu:
            let sigma = 1 / (1 + exp(-x))
            let s1 = sigma * (1 - sigma)
            let s2 = s1 * (1 - 2 * sigma)
            let s3 = s2 * (1 - 2 * sigma) - 2 * s1 * s1
            return (x * sigma, sigma * (1 + x * (1 - sigma)), s1 * (2 + x * (1 - 2 * sigma)), 3 * s2 + x * s3)
        case .identity: return (x, 1, 0, 0)
        case .zero: return (0, 0, 0, 0)
        }
    }
}
