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
    /// Batches with fewer edge evaluations (samples × edges) than this run on one thread.
    static let parallelThreshold = 50_000
    /// Training batches with at least this many edge evaluations (samples × edges) share
    /// their chunks with a `ChunkTeam`.
    static let teamThreshold = 4_096
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
        /// Cubic layers: per input, the knot interval at the lower edge of each of
        /// `BSplineBasis.bucketCount` equal buckets of [t₀, t_{G+6}), and the buckets' origin
        /// and inverse width (see `BSplineBasis.cubicIntervalBucketed`).
        var bucketIntervals: UnsafeMutablePointer<Int32>
        var bucketOrigin: UnsafeMutablePointer<Double>
        var bucketScale: UnsafeMutablePointer<Double>
        var hasSymbolic: Bool
        /// Every edge live and in spline mode, cubic: the branch-free, unrolled fast path.
        var denseCubic: Bool
        /// A dense cubic hidden layer with one sub-node per input: splines evaluated as
        /// polynomials per knot interval (`CubicPieces`) instead of through the basis.
        var piecewise: Bool
        /// Per input, A[μ, r, p] of `CubicPieces` (16 per interval); for `piecewise` layers.
        var basisPieces: UnsafeMutablePointer<Double>
        /// Where this layer's spline polynomials P[i, μ, p] start in `splinePieces`.
        var piecesOffset: Int
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

    // Per-sample caches, allocated for `capacity` samples. The level values `xs` are
    // sample-major (row s holds a sample's values); every per-input cache is input-major,
    // element (i, s) at i·capacity + s (times k + 1 or sub-nodes), so that the kernels,
    // which run input by input over a chunk's samples, read them contiguously.
    private(set) var capacity = 0
    private var storesEdges = false
    private var xs: [UnsafeMutablePointer<Double>] = []       // level l values, capacity × width(l)
    private var starts: [UnsafeMutablePointer<Int32>] = []    // inputs × capacity
    private var values: [UnsafeMutablePointer<Double>] = []   // inputs × capacity × (k+1)
    private var slopes: [UnsafeMutablePointer<Double>] = []   // basis derivatives, same layout; piecewise layers: φ′(x), inputs × capacity
    private var baseValues: [UnsafeMutablePointer<Double>] = []
    private var baseSlopes: [UnsafeMutablePointer<Double>] = []
    private var subnodes: [UnsafeMutablePointer<Double>] = [] // capacity × subnodes
    private var edgeOutputs: [UnsafeMutablePointer<Double>] = [] // inputs × capacity × sub-nodes (only with regularisation)

    // Per-chunk buffers.
    private var chunkCapacity = 0
    private var chunkGradients: UnsafeMutablePointer<Double>? = nil
    private var chunkStatistics: UnsafeMutablePointer<Double>? = nil // totalEdges + totalInputs per chunk
    private var chunkErrors: UnsafeMutablePointer<Double>? = nil
    private var chunkScratch: UnsafeMutablePointer<Double>? = nil
    private var scratchPerChunk: Int { 3 * Evaluator.chunkSize * maxWidth + BSplineBasis.scratchCount(order: maxOrder) }

    // Regularisation statistics.
    private let edgeMean: UnsafeMutablePointer<Double>
    private let edgeAlpha: UnsafeMutablePointer<Double>
    private let inputMean: UnsafeMutablePointer<Double>
    private let inputBeta: UnsafeMutablePointer<Double>
    /// Folded coefficients w_s·c of spline-only cubic layers, in θ's layout (see `foldCoefficients`).
    private let folded: UnsafeMutablePointer<Double>
    /// Piecewise layers' splines as cubics per knot interval, P[i, μ, p] (see `foldCoefficients`).
    private let splinePieces: UnsafeMutablePointer<Double>
    /// Per chunk, the moments Σ g·uᵖ of one input's intervals (piecewise layers' backward pass).
    private let momentsPerChunk: Int
    private var chunkMoments: UnsafeMutablePointer<Double>? = nil

    /// The dense cubic layers' edge loops: AVX2 where the processor has it (tests set the portable ones).
    var edgeLanes = EdgeLanes.fastest

    /// False when `shouldStop` fired while the evaluator was being built: its spline pieces
    /// are then incomplete and it must not be used (the caller stops too).
    let isComplete: Bool

    /// Builds the evaluator's tables for `network`. On a wide layer on a fine grid the cubic
    /// pieces alone take a second ([2, 6000, 1] on 1000 intervals: 96 M numbers), so
    /// `shouldStop` is checked before each input node's pieces; when it fires the rest are
    /// skipped and `isComplete` is false.
    init(network: Network, threadCount: Int?, shouldStop: (() -> Bool)? = nil) {
        let layers = network.layers
        var stopped = false
        self.layers = layers
        let layout = ParameterLayout(layers)
        self.layout = layout
        self.threadCount = max(1, threadCount ?? ProcessInfo.processInfo.activeProcessorCount)
        var plans: [Plan] = []
        var edgeOffset = 0
        var inputOffset = 0
        var maxWidth = 1
        var maxOrder = 0
        var piecesCount = 0
        var maxIntervals = 0
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
                let source = layer.bases[i].paddedKnots
                for q in 0..<padded { knots[i * padded + q] = source[q] }
            }
            let inverse = allocate(Double.self, layer.inputCount * max(k, 1) * padded)
            for i in 0..<layer.inputCount {
                let source = layer.bases[i].inverseSpans
                for q in 0..<source.count { inverse[i * max(k, 1) * padded + q] = source[q] }
            }
            let bucketIntervals = allocate(Int32.self, layer.inputCount * BSplineBasis.bucketCount)
            let bucketOrigin = allocate(Double.self, layer.inputCount)
            let bucketScale = allocate(Double.self, layer.inputCount)
            if k == 3 {
                for i in 0..<layer.inputCount {
                    BSplineBasis.buildCubicBuckets(
                        paddedKnots: knots + i * padded, gridSize: layer.gridSize,
                        intervals: bucketIntervals + i * BSplineBasis.bucketCount,
                        origin: bucketOrigin + i, scale: bucketScale + i)
                }
            }
            let intervals = CubicPieces.intervalCount(gridSize: layer.gridSize)
            let mask = allocate(Double.self, layer.edgeCount)
            let flag = allocate(UInt8.self, layer.edgeCount)
            var hasSymbolic = false
            var allLive = true
            for e in 0..<layer.edgeCount {
                mask[e] = layer.mask[e]
                // 0: spline, 1: symbolic, 2: mixed (symbolic plus its residual spline).
                flag[e] = layer.symbolic[e] == nil ? 0 : (layer.splineResidual[e] ? 2 : 1)
                if layer.symbolic[e] != nil { hasSymbolic = true }
                if layer.mask[e] != 1 { allLive = false }
            }
            let piecewise = !hasSymbolic && allLive && k == 3 && l > 0 && layer.subnodeCount == 1
            let basisPieces = allocate(Double.self, piecewise ? layer.inputCount * intervals * 16 : 0)
            if piecewise && !stopped {
                for i in 0..<layer.inputCount {
                    if let shouldStop, shouldStop() {
                        stopped = true
                        break
                    }
                    CubicPieces.build(
                        paddedKnots: knots + i * padded, gridSize: layer.gridSize,
                        pieces: basisPieces + i * intervals * 16)
                }
            }
            plans.append(Plan(
                inputs: layer.inputCount, sums: layer.sumCount, mults: layer.multCount, arity: layer.arity,
                subnodes: layer.subnodeCount, outputs: layer.outputCount, order: k, basisCount: layer.basisCount,
                gridSize: layer.gridSize, paddedCount: padded, offsets: layout.layers[l], base: layer.baseFunction,
                knots: knots, inverseSpans: inverse, mask: mask, symbolicFlag: flag,
                bucketIntervals: bucketIntervals, bucketOrigin: bucketOrigin, bucketScale: bucketScale,
                hasSymbolic: hasSymbolic,
                denseCubic: !hasSymbolic && allLive && k == 3,
                piecewise: piecewise, basisPieces: basisPieces, piecesOffset: piecesCount,
                edgeStatistics: edgeOffset, inputStatistics: inputOffset))
            if piecewise {
                piecesCount += layer.inputCount * intervals * 4
                maxIntervals = max(maxIntervals, intervals)
            }
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
        folded = allocate(Double.self, layout.count)
        splinePieces = allocate(Double.self, piecesCount)
        momentsPerChunk = 4 * maxIntervals
        fixedAllocations = allocations
        isComplete = !stopped
    }

    deinit {
        team?.shutDown()
        for p in fixedAllocations + sampleAllocations + chunkAllocations { p.deallocate() }
    }

    /// Helper threads for training's chunks, started on first use (see `forEachChunk`).
    private var team: ChunkTeam? = nil
    private var teamUnavailable = false

    /// Identifies the batch whose first-layer basis values are in the caches.
    private var firstLayerToken: Int? = nil
    /// Checked by `evaluate` before each chunk's forward and backward pass: when it returns
    /// true the remaining chunks are skipped and the result is meaningless, for a caller that
    /// discards it (training stopped by Ctrl-C or a time limit). One evaluation of a network
    /// of millions of parameters takes seconds; a chunk, a fraction of that.
    var shouldStop: (() -> Bool)? = nil
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
        for plan in plans { xs.append(allocate(Double.self, newCapacity * plan.inputs)) }
        xs.append(allocate(Double.self, newCapacity * outputCount))
        for (l, plan) in plans.enumerated() {
            starts.append(allocate(Int32.self, newCapacity * plan.inputs))
            values.append(allocate(Double.self, newCapacity * plan.inputs * (plan.order + 1)))
            slopes.append(allocate(Double.self, newCapacity * plan.inputs * (plan.order + 1)))
            baseValues.append(allocate(Double.self, newCapacity * plan.inputs))
            baseSlopes.append(allocate(Double.self, newCapacity * plan.inputs))
            // Without multiplication nodes the sub-nodes are the next level's values: one buffer.
            subnodes.append(plan.mults == 0 ? xs[l + 1] : allocate(Double.self, newCapacity * plan.subnodes))
            if edges || storesEdges { edgeOutputs.append(allocate(Double.self, newCapacity * plan.inputs * plan.subnodes)) }
        }
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
        chunkMoments = allocate(chunks * momentsPerChunk)
        chunkCapacity = chunks
    }

    /// Runs `body` for every chunk, on up to `threadCount` threads. Which thread runs a
    /// chunk does not matter: chunks write disjoint buffers.
    ///
    /// Training (`evaluate`) shares the chunks of batches of at least `teamThreshold` edge
    /// evaluations (samples × edges) with a `ChunkTeam`, whose helpers wait between the
    /// phases of an evaluation and between evaluations. Other calls (predictions, grid
    /// updates) are one-off: below `parallelThreshold` they run on the calling thread, where
    /// waking a second thread would cost more than it saves, above it on Dispatch's pool.
    private func forEachChunk(_ chunks: Int, samples n: Int, training: Bool = false, _ body: (Int) -> Void) {
        if training && threadCount > 1 && chunks > 1 && n * totalEdges >= Evaluator.teamThreshold {
            if team == nil && !teamUnavailable {
                team = ChunkTeam(helpers: threadCount - 1)
                teamUnavailable = team == nil
            }
            if let team {
                team.run(chunks, body)
                return
            }
        }
        let threads = n * totalEdges < Evaluator.parallelThreshold ? 1 : min(threadCount, chunks)
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
    /// for every l, plus the network outputs as the last entry; with `layers`, only the
    /// levels 0…`layers` (the first `layers` layers are evaluated, the rest are not).
    func levelValues(parameters: [Double], inputs: [Double], count: Int, layers: Int? = nil) -> [[Double]] {
        let depth = min(max(layers ?? plans.count, 0), plans.count)
        var result: [[Double]] = (0...depth).map { l in
            [Double](repeating: 0, count: count * (l < plans.count ? plans[l].inputs : outputCount))
        }
        let n0 = plans.first?.inputs ?? 0
        parameters.withUnsafeBufferPointer { theta in
            inputs.withUnsafeBufferPointer { x in
                var s0 = 0
                while s0 < count {
                    let n = min(Evaluator.predictionBlock, count - s0)
                    forward(parameters: theta.baseAddress!, inputs: x.baseAddress! + s0 * n0, count: n, storeEdges: false, layers: depth)
                    for l in 0...depth {
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
        foldCoefficients(theta)
        let outputScale = 2 / Double(n * outputCount)
        let reuse = batchToken != nil && batchToken == firstLayerToken && n == firstLayerCount
        firstLayerToken = batchToken
        firstLayerCount = n

        let shouldStop = self.shouldStop
        func stopping() -> Bool { shouldStop?() ?? false }
        if !scaled, let _ = gradient {
            forEachChunk(chunks, samples: n, training: true) { c in
                if stopping() { return }
                forwardChunk(c, count: n, parameters: theta, storeEdges: false, reuseFirstLayer: reuse)
                squaredErrorChunk(c, count: n, targets: targets, accumulateMeans: false)
                if stopping() { return }
                backwardChunk(c, count: n, parameters: theta, targets: targets, outputScale: outputScale, regularized: false)
            }
        } else {
            forEachChunk(chunks, samples: n, training: true) { c in
                if stopping() { return }
                forwardChunk(c, count: n, parameters: theta, storeEdges: scaled, reuseFirstLayer: reuse)
                squaredErrorChunk(c, count: n, targets: targets, accumulateMeans: scaled)
            }
        }
        // Skipped chunks left the first layer's cache unfilled: it must not be reused. The
        // result is discarded, so the gradient's reduction (chunks × parameters additions,
        // a fifth of a second on millions of parameters) is skipped too.
        if stopping() {
            firstLayerToken = nil
            return EvaluationResult(objective: .nan, meanSquaredError: .nan, regularization: .nan)
        }
        var sse = 0.0
        for c in 0..<chunks { sse += chunkErrors![c] }
        let mse = sse / Double(n * outputCount)

        var penalty = 0.0
        if scaled {
            penalty += scalePenalty(count: n, chunks: chunks, weights: weights)
            if gradient != nil {
                forEachChunk(chunks, samples: n, training: true) { c in
                    if stopping() { return }
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
            unfoldGradient(theta, g)
        }
        if weights.lambda != 0 {
            penalty += CoefficientPenalty.apply(
                layers: layers, layout: layout, parameters: theta, coefficientWeight: weights.coefficient,
                differenceWeight: weights.coefficientDifference, lambda: weights.lambda, gradient: gradient)
        }
        return EvaluationResult(objective: mse + weights.lambda * penalty, meanSquaredError: mse, regularization: penalty)
    }

    // MARK: - Kernels

    private func forward(parameters theta: UnsafePointer<Double>, inputs: UnsafePointer<Double>, count n: Int, storeEdges: Bool, layers: Int? = nil) {
        firstLayerToken = nil
        ensureCapacity(n, edges: storeEdges)
        let chunks = (n + Evaluator.chunkSize - 1) / Evaluator.chunkSize
        ensureChunks(chunks)
        let n0 = plans.first?.inputs ?? 0
        let x0 = xs[0]
        for q in 0..<(n * n0) { x0[q] = inputs[q] }
        foldCoefficients(theta)
        let depth = layers ?? plans.count
        forEachChunk(chunks, samples: n) { c in forwardChunk(c, count: n, parameters: theta, storeEdges: storeEdges, layers: depth) }
    }

    /// Forward pass of chunk c, layer by layer. Within a layer the basis stage runs input
    /// by input over the chunk's samples, then the edge stage input by input, so that
    /// every per-input quantity (coefficient rows, w_b row) is set up once per chunk.
    ///
    /// Spline edges use the folded coefficients c′ = w_s·c (see `foldCoefficients`):
    ///
    ///     φ_e(x) = w_b·b(x) + Σ_r c′_{start+r}·B_{start+r}(x)
    private func forwardChunk(
        _ c: Int, count n: Int, parameters theta: UnsafePointer<Double>, storeEdges: Bool, reuseFirstLayer: Bool = false,
        layers: Int? = nil
    ) {
        let cap = capacity  // per-input rows of the sample caches
        let s0 = c * Evaluator.chunkSize
        let s1 = min(n, s0 + Evaluator.chunkSize)
        let scratch = chunkScratch! + c * scratchPerChunk + 3 * Evaluator.chunkSize * maxWidth
        let lanes = edgeLanes
        // With stored edge outputs, the chunk's sums of edge outputs (the first pass of the
        // standard deviations) are accumulated here, while the outputs are in registers.
        let statistics: UnsafeMutablePointer<Double>? = storeEdges ? chunkStatistics! + c * (totalEdges + totalInputs) : nil
        for (l, plan) in plans.prefix(layers ?? plans.count).enumerated() {
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
            let sumE: UnsafeMutablePointer<Double>? = statistics.map { $0 + plan.edgeStatistics }
            if let sumE { for e in 0..<(nIn * nSub) { sumE[e] = 0 } }
            // The first layer's inputs are the data: within one batch their basis values never change.
            let reuse = l == 0 && reuseFirstLayer
            if !reuse {
                // Basis and residual values first, input by input over the chunk's samples:
                // short independent iterations that the processor overlaps well.
                for i in 0..<nIn {
                    let knots = plan.knots + i * plan.paddedCount
                    let inverse = plan.inverseSpans + i * max(plan.order, 1) * plan.paddedCount
                    if plan.order == 3 {
                        // Two passes: the interval searches (chains of dependent loads) of all
                        // samples, then the unrolled recursion from each interval.
                        let gridSize = plan.gridSize
                        let startRow = startOut + i * cap
                        let intervals = plan.bucketIntervals + i * BSplineBasis.bucketCount
                        let origin = plan.bucketOrigin[i], scale = plan.bucketScale[i]
                        // x_{s,i} is sample-major: walked by pointer stride.
                        var xp = xIn + s0 * nIn + i
                        for s in s0..<s1 {
                            startRow[s] = Int32(BSplineBasis.cubicIntervalBucketed(
                                xp.pointee, paddedKnots: knots, gridSize: gridSize,
                                intervals: intervals, origin: origin, scale: scale))
                            xp += nIn
                        }
                        // Piecewise layers need only the interval μ (kept, −1 outside the knots).
                        if !plan.piecewise {
                            xp = xIn + s0 * nIn + i
                            let valueRow = valueOut + i * cap * 4
                            let slopeRow: UnsafeMutablePointer<Double>? = l > 0 ? slopeOut + i * cap * 4 : nil
                            for s in s0..<s1 {
                                let mu = Int(startRow[s])
                                let v = valueRow + 4 * s
                                let dv: UnsafeMutablePointer<Double>? = slopeRow.map { $0 + 4 * s }
                                let x = xp.pointee
                                xp += nIn
                                if mu < 0 {
                                    v[0] = 0; v[1] = 0; v[2] = 0; v[3] = 0
                                    if let dv { dv[0] = 0; dv[1] = 0; dv[2] = 0; dv[3] = 0 }
                                    startRow[s] = 0
                                } else {
                                    startRow[s] = Int32(BSplineBasis.cubic(
                                        x, t: knots + 3, inverseSpans: inverse, paddedCount: gridSize + 13, mu: mu,
                                        gridSize: gridSize, values: v, derivatives: dv))
                                }
                            }
                        }
                    } else {
                        for s in s0..<s1 {
                            let v = valueOut + (i * cap + s) * k1
                            let dv: UnsafeMutablePointer<Double>? = l > 0 ? slopeOut + (i * cap + s) * k1 : nil
                            let start = BSplineBasis.evaluate(
                                xIn[s * nIn + i], paddedKnots: knots, inverseSpans: inverse, gridSize: plan.gridSize,
                                order: plan.order, values: v, derivatives: dv, scratch: scratch)
                            startOut[i * cap + s] = Int32(start)
                        }
                    }
                    var xp = xIn + s0 * nIn + i
                    let baseRow = baseOut + i * cap, baseSlopeRow = baseSlopeOut + i * cap
                    for s in s0..<s1 {
                        let (base, baseSlope) = plan.base.valueAndDerivative(xp.pointee)
                        baseRow[s] = base
                        baseSlopeRow[s] = baseSlope
                        xp += nIn
                    }
                }
            }
            for q in (s0 * nSub)..<(s1 * nSub) { subOut[q] = 0 }
            if plan.piecewise {
                // One sub-node; φ = w_b·b(x) + P_μ(u), u = x − t_μ, by Horner's rule. Its
                // derivative w_b·b′(x) + P_μ′(u) goes to the slope cache for the backward pass.
                let intervals = CubicPieces.intervalCount(gridSize: plan.gridSize)
                for i in 0..<nIn {
                    let wb0 = wb[i]
                    let t = plan.knots + i * plan.paddedCount + 3
                    let pieces = splinePieces + plan.piecesOffset + i * intervals * 4
                    let startRow = startOut + i * cap, baseRow = baseOut + i * cap
                    let baseSlopeRow = baseSlopeOut + i * cap, derivativeRow = slopeOut + i * cap
                    let edgeRow: UnsafeMutablePointer<Double>? = edgesOut.map { $0 + i * cap }
                    var sum = 0.0
                    var xp = xIn + s0 * nIn + i
                    for s in s0..<s1 {
                        let mu = Int(startRow[s])
                        let x = xp.pointee
                        xp += nIn
                        var spline = 0.0, slope = 0.0
                        if mu >= 0 {
                            let u = x - t[mu]
                            let p = pieces + 4 * mu
                            let p0 = p[0], p1 = p[1], p2 = p[2], p3 = p[3]
                            spline = ((p3 * u + p2) * u + p1) * u + p0
                            slope = (3 * p3 * u + 2 * p2) * u + p1
                        }
                        let out = wb0 * baseRow[s] + spline
                        derivativeRow[s] = wb0 * baseSlopeRow[s] + slope
                        subOut[s] += out
                        if let edgeRow {
                            edgeRow[s] = out
                            sum += out
                        }
                    }
                    if let sumE { sumE[i] = sum }
                }
            } else if plan.denseCubic {
                let folded = self.folded + plan.offsets.coefficients
                for i in 0..<nIn {
                    // Rows start … start+3 of input i's folded coefficients are contiguous over j.
                    let rows = folded + i * nb * nSub
                    let wbRow = wb + i * nSub
                    if nSub == 1 {
                        // One edge per input (W3's first layer, W1's last): no inner loop.
                        let wb0 = wbRow[0]
                        if let edgesOut, let sumE {
                            var sum = 0.0
                            for s in s0..<s1 {
                                let q = i * cap + s
                                let v = valueOut + 4 * q
                                let c0 = rows + Int(startOut[q])
                                let out = wb0 * baseOut[q] + (c0[0] * v[0] + c0[1] * v[1] + c0[2] * v[2] + c0[3] * v[3])
                                subOut[s] += out
                                edgesOut[q] = out
                                sum += out
                            }
                            sumE[i] = sum
                        } else {
                            for s in s0..<s1 {
                                let q = i * cap + s
                                let v = valueOut + 4 * q
                                let c0 = rows + Int(startOut[q])
                                subOut[s] += wb0 * baseOut[q] + (c0[0] * v[0] + c0[1] * v[1] + c0[2] * v[2] + c0[3] * v[3])
                            }
                        }
                        continue
                    }
                    let q0 = i * cap + s0
                    if let edgesOut, let sumE {
                        lanes.forward(
                            nSub, s1 - s0, wbRow, rows, startOut + q0, valueOut + 4 * q0, baseOut + q0,
                            subOut + s0 * nSub, edgesOut + q0 * nSub, sumE + i * nSub)
                    } else {
                        lanes.forward(
                            nSub, s1 - s0, wbRow, rows, startOut + q0, valueOut + 4 * q0, baseOut + q0,
                            subOut + s0 * nSub, nil, nil)
                    }
                }
            } else {
                for s in s0..<s1 {
                    let x = xIn + s * nIn
                    let sub = subOut + s * nSub
                    for i in 0..<nIn {
                        let xi = x[i]
                        let v = valueOut + (i * cap + s) * k1
                        let start = Int(startOut[i * cap + s])
                        let b = baseOut[i * cap + s]
                        let edge0 = i * nSub
                        let edgeRow = edgesOut.map { $0 + (i * cap + s) * nSub }
                        for j in 0..<nSub {
                            let e = edge0 + j
                            if mask[e] == 0 {
                                edgeRow?[j] = 0
                                continue
                            }
                            if plan.hasSymbolic && flag[e] != 0, let function = symbolicFunctions[l][e] {
                                let a = affine[4 * e], bb = affine[4 * e + 1], cc = affine[4 * e + 2], dd = affine[4 * e + 3]
                                let f = function.value(a * xi + bb)
                                sub[j] += cc * f + dd
                                if flag[e] == 1 {
                                    edgeRow?[j] = 0
                                    continue
                                }
                            }
                            let coef = coefficients + (i * nb + start) * nSub + j
                            var spline = 0.0
                            for r in 0..<k1 { spline += coef[r * nSub] * v[r] }
                            let out = wb[e] * b + ws[e] * spline
                            sub[j] += out
                            edgeRow?[j] = out
                            sumE?[e] += out
                        }
                    }
                }
            }
            // Layers without multiplication nodes summed straight into the next level (`subOut` is `xOut`).
            for s in s0..<s1 where plan.mults > 0 {
                let sub = subOut + s * nSub
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
    /// layer inputs (first pass of the two-pass standard deviation; the sums of edge
    /// outputs come from `forwardChunk` with `storeEdges`).
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
            let sumX = statistics + totalEdges + plan.inputStatistics
            let x = xs[l]
            let nIn = plan.inputs
            for i in 0..<nIn {
                var sum = 0.0
                var p = x + s0 * nIn + i
                for _ in s0..<s1 {
                    sum += p.pointee
                    p += nIn
                }
                sumX[i] = sum
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
        let cap = capacity  // per-input rows of the sample caches
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
        forEachChunk(chunks, samples: n, training: true) { c in
            let s0 = c * Evaluator.chunkSize
            let s1 = min(n, s0 + Evaluator.chunkSize)
            let statistics = partial + c * stride
            for (l, plan) in plans.enumerated() {
                let edges = plan.inputs * plan.subnodes
                let sumE = statistics + plan.edgeStatistics
                let sumX = statistics + totalEdges + plan.inputStatistics
                let meanE = edgeMean + plan.edgeStatistics
                let meanX = inputMean + plan.inputStatistics
                let eo = edgeOutputs[l], x = xs[l]
                let nSub = plan.subnodes, nIn = plan.inputs
                if nSub == 1 {
                    // One edge per input: the sum stays in a register (same additions, same order).
                    for i in 0..<nIn {
                        let mean = meanE[i]
                        let row = eo + i * cap
                        var sum = 0.0
                        for s in s0..<s1 {
                            let d = row[s] - mean
                            sum += d * d
                        }
                        sumE[i] = sum
                    }
                } else {
                    for e in 0..<edges { sumE[e] = 0 }
                    for i in 0..<nIn {
                        let sumRow = sumE + i * nSub, meanRow = meanE + i * nSub
                        for s in s0..<s1 {
                            let row = eo + (i * cap + s) * nSub
                            for j in 0..<nSub {
                                let d = row[j] - meanRow[j]
                                sumRow[j] += d * d
                            }
                        }
                    }
                }
                for i in 0..<nIn {
                    let mean = meanX[i]
                    var sum = 0.0
                    var p = x + s0 * nIn + i
                    for _ in s0..<s1 {
                        let d = p.pointee - mean
                        sum += d * d
                        p += nIn
                    }
                    sumX[i] = sum
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

    /// Backward pass of chunk c, layer by layer from the output, into the chunk's own
    /// gradient buffer. Gradients with respect to a layer's outputs, sub-nodes and inputs
    /// are held for all the chunk's samples (rows of `maxWidth`).
    ///
    /// On spline-only cubic layers the coefficient slots receive ∂L/∂c′ for the folded
    /// coefficients c′ = w_s·c, and the w_s slots nothing; `unfoldGradient` turns them
    /// into ∂L/∂c = w_s·∂L/∂c′ and ∂L/∂w_s = Σ_m c_m·∂L/∂c′_m after the chunk reduction.
    private func backwardChunk(
        _ c: Int, count n: Int, parameters theta: UnsafePointer<Double>, targets: UnsafePointer<Double>,
        outputScale: Double, regularized: Bool
    ) {
        let cap = capacity  // per-input rows of the sample caches
        let s0 = c * Evaluator.chunkSize
        let s1 = min(n, s0 + Evaluator.chunkSize)
        let g = chunkGradients! + c * layout.count
        for p in 0..<layout.count { g[p] = 0 }
        let rowStride = Evaluator.chunkSize * maxWidth
        let scratch = chunkScratch! + c * scratchPerChunk
        let lanes = edgeLanes
        var gradOut = scratch
        var gradIn = scratch + rowStride
        let gradSubScratch = scratch + 2 * rowStride
        let y = xs[plans.count]
        let plans = self.plans
        let xs = self.xs, starts = self.starts, values = self.values, slopes = self.slopes
        let baseValues = self.baseValues, baseSlopes = self.baseSlopes, subnodes = self.subnodes
        let edgeOutputs = self.edgeOutputs
        let edgeAlpha = self.edgeAlpha, edgeMean = self.edgeMean, inputBeta = self.inputBeta, inputMean = self.inputMean
        for s in s0..<s1 {
            let row = gradOut + (s - s0) * outputCount
            for o in 0..<outputCount { row[o] = outputScale * (y[s * outputCount + o] - targets[s * outputCount + o]) }
        }
        var l = plans.count - 1
        while l >= 0 {
            let plan = plans[l]
            let k1 = plan.order + 1
            let nIn = plan.inputs, nSub = plan.subnodes, nb = plan.basisCount, nOut = plan.outputs
            // Node stage: sums pass the gradient, a product passes it times the other factors.
            // Without products ∂L/∂sub-node is ∂L/∂output: the same rows.
            let gradSubAll = plan.mults == 0 ? gradOut : gradSubScratch
            for s in s0..<s1 where plan.mults > 0 {
                let gradSub = gradSubAll + (s - s0) * nSub
                let go = gradOut + (s - s0) * nOut
                let sub = subnodes[l] + s * nSub
                for j in 0..<plan.sums { gradSub[j] = go[j] }
                for m in 0..<plan.mults {
                    let first = plan.sums + m * plan.arity
                    for r in 0..<plan.arity {
                        var p = go[plan.sums + m]
                        for q in 0..<plan.arity where q != r { p *= sub[first + q] }
                        gradSub[first + r] = p
                    }
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
            let xLayer = xs[l]
            let alpha = edgeAlpha + plan.edgeStatistics
            let meanE = edgeMean + plan.edgeStatistics
            let startsL = starts[l], valuesL = values[l], slopesL = slopes[l]
            let baseL = baseValues[l], baseSlopeL = baseSlopes[l]
            let eoL: UnsafeMutablePointer<Double>? = regularized ? edgeOutputs[l] : nil
            if plan.piecewise {
                // One sub-node per input. ∂L/∂c′ through the moments M[μ, p] = Σ_s g_s·u_sᵖ of
                // each interval (`CubicPieces`); ∂L/∂x = g·φ′(x) from the forward pass's slope cache.
                let intervals = CubicPieces.intervalCount(gridSize: plan.gridSize)
                let moments = chunkMoments! + c * momentsPerChunk
                for i in 0..<nIn {
                    for q in 0..<(4 * intervals) { moments[q] = 0 }
                    let t = plan.knots + i * plan.paddedCount + 3
                    let alpha0 = alpha[i], mean0 = meanE[i]
                    let beta = inputBeta[plan.inputStatistics + i], meanX = inputMean[plan.inputStatistics + i]
                    let startRow = startsL + i * cap, baseRow = baseL + i * cap, derivativeRow = slopesL + i * cap
                    let edgeRow: UnsafeMutablePointer<Double>? = eoL.map { $0 + i * cap }
                    var gWbSum = gWb[i]
                    var xp = xLayer + s0 * nIn + i
                    var gp = gradIn + i
                    for s in s0..<s1 {
                        let x = xp.pointee
                        var ge = gradSubAll[s - s0]
                        if let edgeRow { ge = ge + alpha0 * (edgeRow[s] - mean0) }
                        gWbSum += ge * baseRow[s]
                        let mu = Int(startRow[s])
                        if mu >= 0 {
                            let u = x - t[mu]
                            let gu = ge * u, gu2 = gu * u
                            let m = moments + 4 * mu
                            m[0] += ge; m[1] += gu; m[2] += gu2; m[3] += gu2 * u
                        }
                        var gx = ge * derivativeRow[s]
                        if regularized { gx += beta * (x - meanX) }
                        gp.pointee = gx
                        xp += nIn
                        gp += nIn
                    }
                    gWb[i] = gWbSum
                    // ∂L/∂c′_{μ−3+r} += Σ_p A[μ, r, p]·M[μ, p].
                    let basis = plan.basisPieces + i * intervals * 16
                    let gRow = gCoefficients + i * nb
                    for mu in 0..<intervals {
                        let m = moments + 4 * mu
                        let m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3]
                        for r in 0..<4 {
                            let index = mu - 3 + r
                            guard index >= 0 && index < nb else { continue }
                            let a = basis + 16 * mu + 4 * r
                            gRow[index] += a[0] * m0 + a[1] * m1 + a[2] * m2 + a[3] * m3
                        }
                    }
                }
            } else if plan.denseCubic {
                let folded = self.folded + plan.offsets.coefficients
                for i in 0..<nIn {
                    let rows = folded + i * nb * nSub
                    let gRows = gCoefficients + i * nb * nSub
                    let wbRow = wb + i * nSub, gWbRow = gWb + i * nSub
                    let alphaRow = alpha + i * nSub, meanRow = meanE + i * nSub
                    let beta = inputBeta[plan.inputStatistics + i], meanX = inputMean[plan.inputStatistics + i]
                    if nSub == 1 {
                        // One edge per input: the w_b gradient sums in a register (the same
                        // additions in the same order as through memory, without the
                        // store-to-load latency on every sample).
                        let wb0 = wbRow[0], alpha0 = alphaRow[0], mean0 = meanRow[0]
                        var gWbSum = gWbRow[0]
                        // x_{s,i} and ∂L/∂x_{s,i} are sample-major: walked by pointer stride.
                        var xp = xLayer + s0 * nIn + i
                        var gp = gradIn + i
                        for s in s0..<s1 {
                            let q = i * cap + s
                            let v = valuesL + 4 * q
                            let v0 = v[0], v1 = v[1], v2 = v[2], v3 = v[3]
                            let start = Int(startsL[q])
                            let c0 = rows + start
                            let g0 = gRows + start
                            var ge = gradSubAll[s - s0]
                            if let eoL { ge = ge + alpha0 * (eoL[q] - mean0) }
                            g0[0] += ge * v0; g0[1] += ge * v1; g0[2] += ge * v2; g0[3] += ge * v3
                            gWbSum += ge * baseL[q]
                            if needInput {
                                let dv = slopesL + 4 * q
                                var gx = 0.0
                                gx += ge * (wb0 * baseSlopeL[q] + (c0[0] * dv[0] + c0[1] * dv[1] + c0[2] * dv[2] + c0[3] * dv[3]))
                                if regularized { gx += beta * (xp.pointee - meanX) }
                                gp.pointee = gx
                                xp += nIn
                                gp += nIn
                            }
                        }
                        gWbRow[0] = gWbSum
                        continue
                    }
                    let q0 = i * cap + s0
                    lanes.backward(
                        nSub, s1 - s0, gradSubAll, alphaRow, eoL.map { $0 + q0 * nSub }, meanRow,
                        startsL + q0, valuesL + 4 * q0, baseL + q0, wbRow, rows, gRows, gWbRow,
                        needInput ? slopesL + 4 * q0 : nil, baseSlopeL + q0, xLayer + s0 * nIn + i, nIn,
                        beta, meanX, gradIn + i)
                }
            } else {
                for s in s0..<s1 {
                    let gradSub = gradSubAll + (s - s0) * nSub
                    let x = xLayer + s * nIn
                    
                    for i in 0..<nIn {
                        let xi = x[i]
                        let start = Int(startsL[i * cap + s])
                        let v = valuesL + (i * cap + s) * k1
                        let dv = slopesL + (i * cap + s) * k1
                        let b = baseL[i * cap + s]
                        let db = baseSlopeL[i * cap + s]
                        let eoRow: UnsafeMutablePointer<Double>? = eoL.map { $0 + (i * cap + s) * nSub }
                        var gx = 0.0
                        let edge0 = i * nSub
                        for j in 0..<nSub {
                            let e = edge0 + j
                            if mask[e] == 0 { continue }
                            var ge = gradSub[j]
                            if plan.hasSymbolic && flag[e] != 0, let function = symbolicFunctions[l][e] {
                                let a = affine[4 * e], bb = affine[4 * e + 1], cc = affine[4 * e + 2]
                                let z = a * xi + bb
                                let f = function.value(z)
                                let fp = function.derivative(z)
                                gAffine[4 * e] += ge * cc * fp * xi
                                gAffine[4 * e + 1] += ge * cc * fp
                                gAffine[4 * e + 2] += ge * f
                                gAffine[4 * e + 3] += ge
                                if needInput { gx += ge * cc * fp * a }
                                if flag[e] == 1 { continue }
                            }
                            if let eoRow { ge += alpha[e] * (eoRow[j] - meanE[e]) }
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
                        if needInput {
                            if regularized { gx += inputBeta[plan.inputStatistics + i] * (xi - inputMean[plan.inputStatistics + i]) }
                            gradIn[(s - s0) * nIn + i] = gx
                        }
                    }
                }
            }
            swap(&gradOut, &gradIn)
            l -= 1
        }
    }

    /// c′ = w_s·c for every spline-only cubic layer, in θ's coefficient layout.
    private func foldCoefficients(_ theta: UnsafePointer<Double>) {
        for plan in plans where plan.denseCubic {
            let nSub = plan.subnodes, nb = plan.basisCount
            let c = theta + plan.offsets.coefficients
            let ws = theta + plan.offsets.scaleSpline
            let folded = self.folded + plan.offsets.coefficients
            for i in 0..<plan.inputs {
                for m in 0..<nb {
                    let row = (i * nb + m) * nSub
                    for j in 0..<nSub { folded[row + j] = ws[i * nSub + j] * c[row + j] }
                }
            }
            guard plan.piecewise else { continue }
            // P[i, μ, p] = Σ_r c′_{μ−3+r}·A[μ, r, p] (one sub-node: c′ row m is folded[i·nb + m]).
            let intervals = CubicPieces.intervalCount(gridSize: plan.gridSize)
            for i in 0..<plan.inputs {
                let basis = plan.basisPieces + i * intervals * 16
                let pieces = splinePieces + plan.piecesOffset + i * intervals * 4
                let row = folded + i * nb
                for mu in 0..<intervals {
                    var p0 = 0.0, p1 = 0.0, p2 = 0.0, p3 = 0.0
                    for r in 0..<4 {
                        let m = mu - 3 + r
                        guard m >= 0 && m < nb else { continue }
                        let a = basis + 16 * mu + 4 * r
                        let cm = row[m]
                        p0 += cm * a[0]; p1 += cm * a[1]; p2 += cm * a[2]; p3 += cm * a[3]
                    }
                    let piece = pieces + 4 * mu
                    piece[0] = p0; piece[1] = p1; piece[2] = p2; piece[3] = p3
                }
            }
        }
    }

    /// Turns the reduced ∂L/∂c′ of spline-only cubic layers into ∂L/∂c and ∂L/∂w_s.
    private func unfoldGradient(_ theta: UnsafePointer<Double>, _ g: UnsafeMutablePointer<Double>) {
        for plan in plans where plan.denseCubic {
            let nSub = plan.subnodes, nb = plan.basisCount
            let c = theta + plan.offsets.coefficients
            let ws = theta + plan.offsets.scaleSpline
            let gC = g + plan.offsets.coefficients
            let gWs = g + plan.offsets.scaleSpline
            for i in 0..<plan.inputs {
                for m in 0..<nb {
                    let row = (i * nb + m) * nSub
                    for j in 0..<nSub {
                        let gFolded = gC[row + j]
                        gWs[i * nSub + j] += c[row + j] * gFolded
                        gC[row + j] = ws[i * nSub + j] * gFolded
                    }
                }
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
