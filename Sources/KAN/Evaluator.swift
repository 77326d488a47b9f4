import Dispatch
import Foundation

/// Weights of the training objective MSE + λ·Σ_layers (λ_l1·L1 + λ_entropy·S) + λ·(λ_coef·|c| + λ_coefdiff·|Δc|).
struct RegularizationWeights: Sendable, Equatable {
    var lambda: Double
    var l1: Double
    var entropy: Double
    var coefficient: Double
    var coefficientDifference: Double
}

/// The loss of one evaluation: the objective the optimiser minimises, and its parts.
struct EvaluationResult: Sendable {
    var objective: Double
    var meanSquaredError: Double
    var regularization: Double
}

/// The numerical kernel: forward pass, loss and analytic gradient over a batch.
///
/// Built from a network's structure (grids, masks, modes); parameters come in as a
/// flat vector θ each call, so the optimisers never touch `Layer`. Work is split into
/// fixed chunks of `chunkSize` samples, independent of the number of threads; each
/// chunk writes its own partial sums and gradient, and these are reduced in chunk
/// order, so results are bit-identical for any thread count.
///
/// Per sample and input node the k + 1 nonzero B-spline values (and derivatives) are
/// computed once and reused by every edge leaving that node; the backward pass reuses
/// them from the forward pass.
final class Evaluator: @unchecked Sendable {
    static let chunkSize = 128
    /// Forward-only evaluation processes at most this many samples at a time.
    static let predictionBlock = 4096

    struct Plan {
        var inputs: Int, sums: Int, mults: Int, arity: Int, subnodes: Int, outputs: Int
        var order: Int, basisCount: Int, gridSize: Int, paddedCount: Int
        var offsets: ParameterLayout.LayerOffsets
        var base: BaseFunction
        var knots: UnsafeMutablePointer<Double>
        var inverseSpans: UnsafeMutablePointer<Double>
        var mask: UnsafeMutablePointer<Double>
        var symbolicFlag: UnsafeMutablePointer<UInt8>
        var hasSymbolic: Bool
        /// Every edge live and in spline mode, cubic: the branch-free, unrolled fast path.
        var denseCubic: Bool
        /// Offsets of this layer's edges and inputs in the statistics arrays.
        var edgeStatistics: Int, inputStatistics: Int
    }

    let plans: [Plan]
    /// Symbolic functions per layer and edge (kept out of `Plan` so that plans copy trivially).
    let symbolicFunctions: [[SymbolicFunction?]]
    let layout: ParameterLayout
    let threadCount: Int
    let totalEdges: Int
    let totalInputs: Int
    let maxWidth: Int
    let maxOrder: Int
    let outputCount: Int
    let layers: [Layer]

    private var fixedAllocations: [UnsafeMutableRawPointer] = []
    private var sampleAllocations: [UnsafeMutableRawPointer] = []
    private var chunkAllocations: [UnsafeMutableRawPointer] = []

    // Per-sample caches, allocated for `capacity` samples.
    private(set) var capacity = 0
    private var storesEdges = false
    private var xs: [UnsafeMutablePointer<Double>] = []       // level l values, capacity × width(l)
    private var starts: [UnsafeMutablePointer<Int32>] = []    // capacity × inputs
    private var values: [UnsafeMutablePointer<Double>] = []   // capacity × inputs × (k+1)
    private var slopes: [UnsafeMutablePointer<Double>] = []   // basis derivatives, same layout
    private var baseValues: [UnsafeMutablePointer<Double>] = []
    private var baseSlopes: [UnsafeMutablePointer<Double>] = []
    private var subnodes: [UnsafeMutablePointer<Double>] = [] // capacity × subnodes
    private var edgeOutputs: [UnsafeMutablePointer<Double>] = [] // capacity × edges (only with regularisation)

    // Per-chunk buffers.
    private var chunkCapacity = 0
    private var chunkGradients: UnsafeMutablePointer<Double>? = nil
    private var chunkStatistics: UnsafeMutablePointer<Double>? = nil // totalEdges + totalInputs per chunk
    private var chunkErrors: UnsafeMutablePointer<Double>? = nil
    private var chunkScratch: UnsafeMutablePointer<Double>? = nil
    private var scratchPerChunk: Int { 3 * maxWidth + BSplineBasis.scratchCount(order: maxOrder) }

    // Regularisation statistics.
    private let edgeMean: UnsafeMutablePointer<Double>
    private let edgeAlpha: UnsafeMutablePointer<Double>
    private let inputMean: UnsafeMutablePointer<Double>
    private let inputBeta: UnsafeMutablePointer<Double>

    init(network: Network, threadCount: Int?) {
        let layers = network.layers
        self.layers = layers
        let layout = ParameterLayout(layers)
        self.layout = layout
        self.threadCount = max(1, threadCount ?? ProcessInfo.processInfo.activeProcessorCount)
        var plans: [Plan] = []
        var edgeOffset = 0
        var inputOffset = 0
        var maxWidth = 1
        var maxOrder = 0
        var allocations: [UnsafeMutableRawPointer] = []
        func allocate<T>(_ type: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
            allocations.append(UnsafeMutableRawPointer(p))
            return p
        }
        for (l, layer) in layers.enumerated() {
            let k = layer.order
            let padded = layer.gridSize + 4 * k + 1
            let knots = allocate(Double.self, layer.inputCount * padded)
            for i in 0..<layer.inputCount {
                for q in 0..<padded { knots[i * padded + q] = layer.bases[i].paddedKnots[q] }
            }
            let inverse = allocate(Double.self, layer.inputCount * max(k, 1) * padded)
            for i in 0..<layer.inputCount {
                let source = layer.bases[i].inverseSpans
                for q in 0..<source.count { inverse[i * max(k, 1) * padded + q] = source[q] }
            }
            let mask = allocate(Double.self, layer.edgeCount)
            let flag = allocate(UInt8.self, layer.edgeCount)
            var hasSymbolic = false
            var allLive = true
            for e in 0..<layer.edgeCount {
                mask[e] = layer.mask[e]
                flag[e] = layer.symbolic[e] == nil ? 0 : 1
                if layer.symbolic[e] != nil { hasSymbolic = true }
                if layer.mask[e] != 1 { allLive = false }
            }
            plans.append(Plan(
                inputs: layer.inputCount, sums: layer.sumCount, mults: layer.multCount, arity: layer.arity,
                subnodes: layer.subnodeCount, outputs: layer.outputCount, order: k, basisCount: layer.basisCount,
                gridSize: layer.gridSize, paddedCount: padded, offsets: layout.layers[l], base: layer.baseFunction,
                knots: knots, inverseSpans: inverse, mask: mask, symbolicFlag: flag, hasSymbolic: hasSymbolic,
                denseCubic: !hasSymbolic && allLive && k == 3,
                edgeStatistics: edgeOffset, inputStatistics: inputOffset))
            edgeOffset += layer.edgeCount
            inputOffset += layer.inputCount
            maxWidth = max(maxWidth, layer.inputCount, layer.subnodeCount, layer.outputCount)
            maxOrder = max(maxOrder, k)
        }
        self.plans = plans
        self.symbolicFunctions = layers.map(\.symbolic)
        self.totalEdges = edgeOffset
        self.totalInputs = inputOffset
        self.maxWidth = maxWidth
        self.maxOrder = maxOrder
        self.outputCount = layers.last?.outputCount ?? 0
        edgeMean = allocate(Double.self, edgeOffset)
        edgeAlpha = allocate(Double.self, edgeOffset)
        inputMean = allocate(Double.self, inputOffset)
        inputBeta = allocate(Double.self, inputOffset)
        fixedAllocations = allocations
    }

    deinit {
        for p in fixedAllocations + sampleAllocations + chunkAllocations { p.deallocate() }
    }

    /// Identifies the batch whose first-layer basis values are in the caches.
    private var firstLayerToken: Int? = nil
    private var firstLayerCount = 0

    private func ensureCapacity(_ n: Int, edges: Bool) {
        if n <= capacity && (!edges || storesEdges) { return }
        firstLayerToken = nil
        for p in sampleAllocations { p.deallocate() }
        sampleAllocations = []
        let newCapacity = max(n, capacity)
        func allocate<T>(_ type: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
            sampleAllocations.append(UnsafeMutableRawPointer(p))
            return p
        }
        xs = []; starts = []; values = []; slopes = []; baseValues = []; baseSlopes = []; subnodes = []; edgeOutputs = []
        for plan in plans {
            xs.append(allocate(Double.self, newCapacity * plan.inputs))
            starts.append(allocate(Int32.self, newCapacity * plan.inputs))
            values.append(allocate(Double.self, newCapacity * plan.inputs * (plan.order + 1)))
            slopes.append(allocate(Double.self, newCapacity * plan.inputs * (plan.order + 1)))
            baseValues.append(allocate(Double.self, newCapacity * plan.inputs))
            baseSlopes.append(allocate(Double.self, newCapacity * plan.inputs))
            subnodes.append(allocate(Double.self, newCapacity * plan.subnodes))
            if edges || storesEdges { edgeOutputs.append(allocate(Double.self, newCapacity * plan.inputs * plan.subnodes)) }
        }
        xs.append(allocate(Double.self, newCapacity * outputCount))
        storesEdges = edges || storesEdges
        capacity = newCapacity
    }

    private func ensureChunks(_ chunks: Int) {
        if chunks <= chunkCapacity { return }
        for p in chunkAllocations { p.deallocate() }
        chunkAllocations = []
        func allocate(_ count: Int) -> UnsafeMutablePointer<Double> {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: max(count, 1))
            chunkAllocations.append(UnsafeMutableRawPointer(p))
            return p
        }
        chunkGradients = allocate(chunks * layout.count)
        chunkStatistics = allocate(chunks * (totalEdges + totalInputs))
        chunkErrors = allocate(chunks)
        chunkScratch = allocate(chunks * scratchPerChunk)
        chunkCapacity = chunks
    }

    /// Runs `body` for every chunk, on up to `threadCount` threads. Which thread runs a
    /// chunk does not matter: chunks write disjoint buffers.
    private func forEachChunk(_ chunks: Int, _ body: (Int) -> Void) {
        let threads = min(threadCount, chunks)
        if threads <= 1 {
            for c in 0..<chunks { body(c) }
            return
        }
        withoutActuallyEscaping(body) { escaping in
            let work = UncheckedSendable(escaping)
            DispatchQueue.concurrentPerform(iterations: threads) { worker in
                var c = worker
                while c < chunks {
                    work.value(c)
                    c += threads
                }
            }
        }
    }

    // MARK: - Public entry points

    /// Outputs (row-major) for `count` samples; no gradient.
    func predict(parameters: [Double], inputs: [Double], count: Int) -> [Double] {
        var out = [Double](repeating: 0, count: count * outputCount)
        let n0 = plans.first?.inputs ?? 0
        parameters.withUnsafeBufferPointer { theta in
            inputs.withUnsafeBufferPointer { x in
                out.withUnsafeMutableBufferPointer { y in
                    var s0 = 0
                    while s0 < count {
                        let n = min(Evaluator.predictionBlock, count - s0)
                        forward(parameters: theta.baseAddress!, inputs: x.baseAddress! + s0 * n0, count: n, storeEdges: false)
                        let last = xs[plans.count]
                        for q in 0..<(n * outputCount) { y[s0 * outputCount + q] = last[q] }
                        s0 += n
                    }
                }
            }
        }
        return out
    }

    /// The values entering layer l for each sample (row-major, count × inputs of layer l),
    /// for every l, plus the network outputs as the last entry.
    func levelValues(parameters: [Double], inputs: [Double], count: Int) -> [[Double]] {
        var result: [[Double]] = (0...plans.count).map { l in
            [Double](repeating: 0, count: count * (l < plans.count ? plans[l].inputs : outputCount))
        }
        let n0 = plans.first?.inputs ?? 0
        parameters.withUnsafeBufferPointer { theta in
            inputs.withUnsafeBufferPointer { x in
                var s0 = 0
                while s0 < count {
                    let n = min(Evaluator.predictionBlock, count - s0)
                    forward(parameters: theta.baseAddress!, inputs: x.baseAddress! + s0 * n0, count: n, storeEdges: false)
                    for l in 0...plans.count {
                        let width = l < plans.count ? plans[l].inputs : outputCount
                        let source = xs[l]
                        for q in 0..<(n * width) { result[l][s0 * width + q] = source[q] }
                    }
                    s0 += n
                }
            }
        }
        return result
    }

    /// Loss and (optionally) gradient for `count` samples.
    ///
    /// MSE = (1/(N·n_out)) Σ (y − t)²; with weights, the objective adds
    /// λ·Σ_layers reg(v) on v_e = std φ_e / (std x_i + 0.1) and the coefficient
    /// penalties. Gradient (if `gradient` is non-nil) is written, not accumulated.
    func evaluate(
        parameters theta: UnsafePointer<Double>, inputs: UnsafePointer<Double>, targets: UnsafePointer<Double>,
        count n: Int, gradient: UnsafeMutablePointer<Double>?, regularization: RegularizationWeights?,
        batchToken: Int? = nil
    ) -> EvaluationResult {
        let weights = regularization ?? RegularizationWeights(lambda: 0, l1: 0, entropy: 0, coefficient: 0, coefficientDifference: 0)
        let scaled = weights.lambda != 0 && (weights.l1 != 0 || weights.entropy != 0) && n >= 2
        ensureCapacity(n, edges: scaled)
        let chunks = (n + Evaluator.chunkSize - 1) / Evaluator.chunkSize
        ensureChunks(chunks)
        let n0 = plans.first?.inputs ?? 0
        let x0 = xs[0]
        for q in 0..<(n * n0) { x0[q] = inputs[q] }
        let outputScale = 2 / Double(n * outputCount)
        let reuse = batchToken != nil && batchToken == firstLayerToken && n == firstLayerCount
        firstLayerToken = batchToken
        firstLayerCount = n

        if !scaled, let _ = gradient {
            forEachChunk(chunks) { c in
                forwardChunk(c, count: n, parameters: theta, storeEdges: false, reuseFirstLayer: reuse)
                squaredErrorChunk(c, count: n, targets: targets, accumulateMeans: false)
                backwardChunk(c, count: n, parameters: theta, targets: targets, outputScale: outputScale, regularized: false)
            }
        } else {
            forEachChunk(chunks) { c in
                forwardChunk(c, count: n, parameters: theta, storeEdges: scaled, reuseFirstLayer: reuse)
                squaredErrorChunk(c, count: n, targets: targets, accumulateMeans: scaled)
            }
        }
        var sse = 0.0
        for c in 0..<chunks { sse += chunkErrors![c] }
        let mse = sse / Double(n * outputCount)

        var penalty = 0.0
        if scaled {
            penalty += scalePenalty(count: n, chunks: chunks, weights: weights)
            if gradient != nil {
                forEachChunk(chunks) { c in
                    backwardChunk(c, count: n, parameters: theta, targets: targets, outputScale: outputScale, regularized: true)
                }
            }
        }
        if let g = gradient {
            let count = layout.count
            let partial = chunkGradients!
            for p in 0..<count { g[p] = partial[p] }
            for c in 1..<max(chunks, 1) {
                let source = partial + c * count
                for p in 0..<count { g[p] += source[p] }
            }
        }
        if weights.lambda != 0 {
            penalty += CoefficientPenalty.apply(
                layers: layers, layout: layout, parameters: theta, coefficientWeight: weights.coefficient,
                differenceWeight: weights.coefficientDifference, lambda: weights.lambda, gradient: gradient)
        }
        return EvaluationResult(objective: mse + weights.lambda * penalty, meanSquaredError: mse, regularization: penalty)
    }

    // MARK: - Kernels

    private func forward(parameters theta: UnsafePointer<Double>, inputs: UnsafePointer<Double>, count n: Int, storeEdges: Bool) {
        firstLayerToken = nil
        ensureCapacity(n, edges: storeEdges)
        let chunks = (n + Evaluator.chunkSize - 1) / Evaluator.chunkSize
        ensureChunks(chunks)
        let n0 = plans.first?.inputs ?? 0
        let x0 = xs[0]
        for q in 0..<(n * n0) { x0[q] = inputs[q] }
        forEachChunk(chunks) { c in forwardChunk(c, count: n, parameters: theta, storeEdges: storeEdges) }
    }

    private func forwardChunk(_ c: Int, count n: Int, parameters theta: UnsafePointer<Double>, storeEdges: Bool, reuseFirstLayer: Bool = false) {
        let s0 = c * Evaluator.chunkSize
        let s1 = min(n, s0 + Evaluator.chunkSize)
        let scratch = chunkScratch! + c * scratchPerChunk + 3 * maxWidth
        for (l, plan) in plans.enumerated() {
            let k1 = plan.order + 1
            let nIn = plan.inputs, nSub = plan.subnodes, nb = plan.basisCount
            let coefficients = theta + plan.offsets.coefficients
            let wb = theta + plan.offsets.scaleBase
            let ws = theta + plan.offsets.scaleSpline
            let affine = theta + plan.offsets.affine
            let mask = plan.mask
            let flag = plan.symbolicFlag
            let xIn = xs[l], xOut = xs[l + 1]
            let startOut = starts[l], valueOut = values[l], slopeOut = slopes[l]
            let baseOut = baseValues[l], baseSlopeOut = baseSlopes[l]
            let subOut = subnodes[l]
            let edgesOut: UnsafeMutablePointer<Double>? = storeEdges ? edgeOutputs[l] : nil
            // The first layer's inputs are the data: within one batch their basis values never change.
            let reuse = l == 0 && reuseFirstLayer
            if !reuse {
                // Basis and residual values first, input by input over the chunk's samples:
                // short independent iterations that the processor overlaps well.
                for i in 0..<nIn {
                    let knots = plan.knots + i * plan.paddedCount
                    let inverse = plan.inverseSpans + i * max(plan.order, 1) * plan.paddedCount
                    for s in s0..<s1 {
                        let xi = xIn[s * nIn + i]
                        let v = valueOut + (s * nIn + i) * k1
                        let dv: UnsafeMutablePointer<Double>? = l > 0 ? slopeOut + (s * nIn + i) * k1 : nil
                        let start: Int
                        if plan.order == 3 {
                            // A literal order lets the compiler unroll the recursion.
                            start = BSplineBasis.evaluateCubic(
                                xi, paddedKnots: knots, inverseSpans: inverse, gridSize: plan.gridSize, values: v, derivatives: dv)
                        } else {
                            start = BSplineBasis.evaluate(
                                xi, paddedKnots: knots, inverseSpans: inverse, gridSize: plan.gridSize, order: plan.order,
                                values: v, derivatives: dv, scratch: scratch)
                        }
                        startOut[s * nIn + i] = Int32(start)
                    }
                    for s in s0..<s1 {
                        let (base, baseSlope) = plan.base.valueAndDerivative(xIn[s * nIn + i])
                        baseOut[s * nIn + i] = base
                        baseSlopeOut[s * nIn + i] = baseSlope
                    }
                }
            }
            for s in s0..<s1 {
                let x = xIn + s * nIn
                let sub = subOut + s * nSub
                for j in 0..<nSub { sub[j] = 0 }
                for i in 0..<nIn {
                    let xi = x[i]
                    let v = valueOut + (s * nIn + i) * k1
                    let start = Int(startOut[s * nIn + i])
                    let b = baseOut[s * nIn + i]
                    let edge0 = i * nSub
                    let edgeRow = edgesOut.map { $0 + s * nIn * nSub + edge0 }
                    if plan.denseCubic {
                        let v0 = v[0], v1 = v[1], v2 = v[2], v3 = v[3]
                        // Rows start … start+3 of this input's coefficients, contiguous over j.
                        let c0 = coefficients + (i * nb + start) * nSub
                        let c1 = c0 + nSub, c2 = c1 + nSub, c3 = c2 + nSub
                        let wbRow = wb + edge0, wsRow = ws + edge0
                        if let edgeRow {
                            for j in 0..<nSub {
                                let spline = c0[j] * v0 + c1[j] * v1 + c2[j] * v2 + c3[j] * v3
                                let out = wbRow[j] * b + wsRow[j] * spline
                                sub[j] += out
                                edgeRow[j] = out
                            }
                        } else {
                            for j in 0..<nSub {
                                let spline = c0[j] * v0 + c1[j] * v1 + c2[j] * v2 + c3[j] * v3
                                sub[j] += wbRow[j] * b + wsRow[j] * spline
                            }
                        }
                        continue
                    }
                    for j in 0..<nSub {
                        let e = edge0 + j
                        if mask[e] == 0 {
                            edgeRow?[j] = 0
                            continue
                        }
                        if plan.hasSymbolic && flag[e] != 0 {
                            let a = affine[4 * e], bb = affine[4 * e + 1], cc = affine[4 * e + 2], dd = affine[4 * e + 3]
                            let f = symbolicFunctions[l][e]!.value(a * xi + bb)
                            sub[j] += cc * f + dd
                            edgeRow?[j] = 0
                            continue
                        }
                        let coef = coefficients + (i * nb + start) * nSub + j
                        var spline = 0.0
                        for r in 0..<k1 { spline += coef[r * nSub] * v[r] }
                        let out = wb[e] * b + ws[e] * spline
                        sub[j] += out
                        edgeRow?[j] = out
                    }
                }
                let y = xOut + s * plan.outputs
                for j in 0..<plan.sums { y[j] = sub[j] }
                for m in 0..<plan.mults {
                    var p = 1.0
                    for r in 0..<plan.arity { p *= sub[plan.sums + m * plan.arity + r] }
                    y[plan.sums + m] = p
                }
            }
        }
    }

    /// Sum of squared errors of the chunk; with `accumulateMeans`, also the chunk's sums of
    /// edge outputs and layer inputs (first pass of the two-pass standard deviation).
    private func squaredErrorChunk(_ c: Int, count n: Int, targets: UnsafePointer<Double>, accumulateMeans: Bool) {
        let s0 = c * Evaluator.chunkSize
        let s1 = min(n, s0 + Evaluator.chunkSize)
        let y = xs[plans.count]
        var sse = 0.0
        for q in (s0 * outputCount)..<(s1 * outputCount) {
            let r = y[q] - targets[q]
            sse += r * r
        }
        chunkErrors![c] = sse
        guard accumulateMeans else { return }
        let statistics = chunkStatistics! + c * (totalEdges + totalInputs)
        for (l, plan) in plans.enumerated() {
            let edges = plan.inputs * plan.subnodes
            let sumE = statistics + plan.edgeStatistics
            let sumX = statistics + totalEdges + plan.inputStatistics
            for e in 0..<edges { sumE[e] = 0 }
            for i in 0..<plan.inputs { sumX[i] = 0 }
            let eo = edgeOutputs[l], x = xs[l]
            for s in s0..<s1 {
                for e in 0..<edges { sumE[e] += eo[s * edges + e] }
                for i in 0..<plan.inputs { sumX[i] += x[s * plan.inputs + i] }
            }
        }
    }

    /// The activation-scale penalty Σ_layers reg(v) and the per-sample gradient factors
    /// α_e, β_i used by the backward pass:
    ///
    ///     ∂/∂φ_e(x_s) of λ·reg = α_e·(φ_e(x_s) − mean φ_e),  α_e = λ·∂reg/∂v_e / (r_i·(N−1)·σ_e)
    ///     ∂/∂x_{s,i}  of λ·reg = β_i·(x_{s,i} − mean x_i),   β_i = −Σ_j λ·∂reg/∂v_e·v_e / (r_i·(N−1)·σ_i)
    ///
    /// with σ_e = std φ_e, σ_i = std x_i (unbiased, as torch.std) and r_i = σ_i + 0.1.
    /// Where a standard deviation is zero its (sub)gradient is taken as zero.
    private func scalePenalty(count n: Int, chunks: Int, weights: RegularizationWeights) -> Double {
        let stride = totalEdges + totalInputs
        let partial = chunkStatistics!
        for e in 0..<totalEdges {
            var sum = 0.0
            for c in 0..<chunks { sum += partial[c * stride + e] }
            edgeMean[e] = sum / Double(n)
        }
        for i in 0..<totalInputs {
            var sum = 0.0
            for c in 0..<chunks { sum += partial[c * stride + totalEdges + i] }
            inputMean[i] = sum / Double(n)
        }
        // Second pass: squared deviations per chunk.
        forEachChunk(chunks) { c in
            let s0 = c * Evaluator.chunkSize
            let s1 = min(n, s0 + Evaluator.chunkSize)
            let statistics = partial + c * stride
            for (l, plan) in plans.enumerated() {
                let edges = plan.inputs * plan.subnodes
                let sumE = statistics + plan.edgeStatistics
                let sumX = statistics + totalEdges + plan.inputStatistics
                let meanE = edgeMean + plan.edgeStatistics
                let meanX = inputMean + plan.inputStatistics
                for e in 0..<edges { sumE[e] = 0 }
                for i in 0..<plan.inputs { sumX[i] = 0 }
                let eo = edgeOutputs[l], x = xs[l]
                for s in s0..<s1 {
                    for e in 0..<edges {
                        let d = eo[s * edges + e] - meanE[e]
                        sumE[e] += d * d
                    }
                    for i in 0..<plan.inputs {
                        let d = x[s * plan.inputs + i] - meanX[i]
                        sumX[i] += d * d
                    }
                }
            }
        }
        let nMinus1 = Double(n - 1)
        var total = 0.0
        for plan in plans {
            let edges = plan.inputs * plan.subnodes
            var edgeStd = [Double](repeating: 0, count: edges)
            var inputStd = [Double](repeating: 0, count: plan.inputs)
            for e in 0..<edges {
                var sum = 0.0
                for c in 0..<chunks { sum += partial[c * stride + plan.edgeStatistics + e] }
                edgeStd[e] = (sum / nMinus1).squareRoot()
            }
            for i in 0..<plan.inputs {
                var sum = 0.0
                for c in 0..<chunks { sum += partial[c * stride + totalEdges + plan.inputStatistics + i] }
                inputStd[i] = (sum / nMinus1).squareRoot()
            }
            var scales = [Double](repeating: 0, count: edges)
            for e in 0..<edges { scales[e] = edgeStd[e] / (inputStd[e / plan.subnodes] + 0.1) }
            let (value, dScale) = RegularizationPenalty.evaluate(
                scales: scales, inputs: plan.inputs, subnodes: plan.subnodes, l1: weights.l1, entropy: weights.entropy)
            total += value
            let alpha = edgeAlpha + plan.edgeStatistics
            let beta = inputBeta + plan.inputStatistics
            for i in 0..<plan.inputs { beta[i] = 0 }
            for e in 0..<edges {
                let i = e / plan.subnodes
                let range = inputStd[i] + 0.1
                let g = weights.lambda * dScale[e]
                alpha[e] = edgeStd[e] > 0 ? g / (range * nMinus1 * edgeStd[e]) : 0
                if inputStd[i] > 0 { beta[i] -= g * scales[e] / (range * nMinus1 * inputStd[i]) }
            }
        }
        return total
    }

    private func backwardChunk(
        _ c: Int, count n: Int, parameters theta: UnsafePointer<Double>, targets: UnsafePointer<Double>,
        outputScale: Double, regularized: Bool
    ) {
        let s0 = c * Evaluator.chunkSize
        let s1 = min(n, s0 + Evaluator.chunkSize)
        let g = chunkGradients! + c * layout.count
        for p in 0..<layout.count { g[p] = 0 }
        let scratch = chunkScratch! + c * scratchPerChunk
        var gradOut = scratch
        var gradIn = scratch + maxWidth
        let gradSub = scratch + 2 * maxWidth
        let y = xs[plans.count]
        let plans = self.plans
        let xs = self.xs, starts = self.starts, values = self.values, slopes = self.slopes
        let baseValues = self.baseValues, baseSlopes = self.baseSlopes, subnodes = self.subnodes
        let edgeOutputs = self.edgeOutputs
        let edgeAlpha = self.edgeAlpha, edgeMean = self.edgeMean, inputBeta = self.inputBeta, inputMean = self.inputMean
        for s in s0..<s1 {
            for o in 0..<outputCount { gradOut[o] = outputScale * (y[s * outputCount + o] - targets[s * outputCount + o]) }
            var l = plans.count - 1
            while l >= 0 {
                let plan = plans[l]
                let k1 = plan.order + 1
                let nIn = plan.inputs, nSub = plan.subnodes, nb = plan.basisCount
                let sub = subnodes[l] + s * nSub
                // Node stage: sums pass the gradient, a product passes it times the other factors.
                for j in 0..<plan.sums { gradSub[j] = gradOut[j] }
                for m in 0..<plan.mults {
                    let first = plan.sums + m * plan.arity
                    for r in 0..<plan.arity {
                        var p = gradOut[plan.sums + m]
                        for q in 0..<plan.arity where q != r { p *= sub[first + q] }
                        gradSub[first + r] = p
                    }
                }
                let coefficients = theta + plan.offsets.coefficients
                let wb = theta + plan.offsets.scaleBase
                let ws = theta + plan.offsets.scaleSpline
                let affine = theta + plan.offsets.affine
                let gCoefficients = g + plan.offsets.coefficients
                let gWb = g + plan.offsets.scaleBase
                let gWs = g + plan.offsets.scaleSpline
                let gAffine = g + plan.offsets.affine
                let mask = plan.mask, flag = plan.symbolicFlag
                let needInput = l > 0
                let x = xs[l] + s * nIn
                let alpha = edgeAlpha + plan.edgeStatistics
                let meanE = edgeMean + plan.edgeStatistics
                let eo: UnsafeMutablePointer<Double>? = regularized ? edgeOutputs[l] + s * nIn * nSub : nil
                for i in 0..<nIn {
                    let xi = x[i]
                    let start = Int(starts[l][s * nIn + i])
                    let v = values[l] + (s * nIn + i) * k1
                    let dv = slopes[l] + (s * nIn + i) * k1
                    let b = baseValues[l][s * nIn + i]
                    let db = baseSlopes[l][s * nIn + i]
                    var gx = 0.0
                    let edge0 = i * nSub
                    if plan.denseCubic {
                        let v0 = v[0], v1 = v[1], v2 = v[2], v3 = v[3]
                        let c0 = coefficients + (i * nb + start) * nSub
                        let c1 = c0 + nSub, c2 = c1 + nSub, c3 = c2 + nSub
                        let g0 = gCoefficients + (i * nb + start) * nSub
                        let g1 = g0 + nSub, g2 = g1 + nSub, g3 = g2 + nSub
                        let dv0 = needInput ? dv[0] : 0, dv1 = needInput ? dv[1] : 0
                        let dv2 = needInput ? dv[2] : 0, dv3 = needInput ? dv[3] : 0
                        let wbRow = wb + edge0, wsRow = ws + edge0
                        let gWbRow = gWb + edge0, gWsRow = gWs + edge0
                        let alphaRow = alpha + edge0, meanRow = meanE + edge0
                        let eoRow = eo.map { $0 + edge0 }
                        for j in 0..<nSub {
                            var ge = gradSub[j]
                            if let eoRow { ge += alphaRow[j] * (eoRow[j] - meanRow[j]) }
                            let spline = c0[j] * v0 + c1[j] * v1 + c2[j] * v2 + c3[j] * v3
                            gWbRow[j] += ge * b
                            gWsRow[j] += ge * spline
                            let gs = ge * wsRow[j]
                            g0[j] += gs * v0
                            g1[j] += gs * v1
                            g2[j] += gs * v2
                            g3[j] += gs * v3
                            if needInput {
                                let slope = c0[j] * dv0 + c1[j] * dv1 + c2[j] * dv2 + c3[j] * dv3
                                gx += ge * (wbRow[j] * db + wsRow[j] * slope)
                            }
                        }
                    } else {
                    for j in 0..<nSub {
                        let e = edge0 + j
                        if mask[e] == 0 { continue }
                        var ge = gradSub[j]
                        if plan.hasSymbolic && flag[e] != 0 {
                            let a = affine[4 * e], bb = affine[4 * e + 1], cc = affine[4 * e + 2]
                            let z = a * xi + bb
                            let function = symbolicFunctions[l][e]!
                            let f = function.value(z)
                            let fp = function.derivative(z)
                            gAffine[4 * e] += ge * cc * fp * xi
                            gAffine[4 * e + 1] += ge * cc * fp
                            gAffine[4 * e + 2] += ge * f
                            gAffine[4 * e + 3] += ge
                            if needInput { gx += ge * cc * fp * a }
                            continue
                        }
                        if let eo { ge += alpha[e] * (eo[e] - meanE[e]) }
                        let coef = coefficients + (i * nb + start) * nSub + j
                        var spline = 0.0
                        for r in 0..<k1 { spline += coef[r * nSub] * v[r] }
                        gWb[e] += ge * b
                        gWs[e] += ge * spline
                        let gs = ge * ws[e]
                        let gc = gCoefficients + (i * nb + start) * nSub + j
                        for r in 0..<k1 { gc[r * nSub] += gs * v[r] }
                        if needInput {
                            var slope = 0.0
                            for r in 0..<k1 { slope += coef[r * nSub] * dv[r] }
                            gx += ge * (wb[e] * db + ws[e] * slope)
                        }
                    }
                    }
                    if needInput {
                        if regularized { gx += inputBeta[plan.inputStatistics + i] * (xi - inputMean[plan.inputStatistics + i]) }
                        gradIn[i] = gx
                    }
                }
                swap(&gradOut, &gradIn)
                l -= 1
            }
        }
    }
}

/// Carries a value into `concurrentPerform`. Safe here because every chunk writes only
/// its own buffers and the call returns after all workers finished.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
