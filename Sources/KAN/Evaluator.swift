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
///
/// The passes have a file each: `Evaluator+Forward.swift`, `Evaluator+Backward.swift`,
/// `Evaluator+Regularization.swift` (activation scales), `Evaluator+Folding.swift` (w_s folded
/// into the coefficients) and `Evaluator+Buffers.swift`; what a layer computes is defined
/// plainly by the tests' `ReferenceLayer`, which every path here must agree with.
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

    var fixedAllocations: [UnsafeMutableRawPointer] = []
    var sampleAllocations: [UnsafeMutableRawPointer] = []
    var chunkAllocations: [UnsafeMutableRawPointer] = []

    // Per-sample caches, allocated for `capacity` samples. The level values `xs` are
    // sample-major (row s holds a sample's values); every per-input cache is input-major,
    // element (i, s) at i·capacity + s (times k + 1 or sub-nodes), so that the kernels,
    // which run input by input over a chunk's samples, read them contiguously.
    var capacity = 0
    var storesEdges = false
    var xs: [UnsafeMutablePointer<Double>] = []       // level l values, capacity × width(l)
    var starts: [UnsafeMutablePointer<Int32>] = []    // inputs × capacity
    var values: [UnsafeMutablePointer<Double>] = []   // inputs × capacity × (k+1)
    var slopes: [UnsafeMutablePointer<Double>] = []   // basis derivatives, same layout; piecewise layers: φ′(x), inputs × capacity
    var baseValues: [UnsafeMutablePointer<Double>] = []
    var baseSlopes: [UnsafeMutablePointer<Double>] = []
    var subnodes: [UnsafeMutablePointer<Double>] = [] // capacity × subnodes
    var edgeOutputs: [UnsafeMutablePointer<Double>] = [] // inputs × capacity × sub-nodes (only with regularisation)

    // Per-chunk buffers.
    var chunkCapacity = 0
    var chunkGradients: UnsafeMutablePointer<Double>? = nil
    var chunkStatistics: UnsafeMutablePointer<Double>? = nil // totalEdges + totalInputs per chunk
    var chunkErrors: UnsafeMutablePointer<Double>? = nil
    var chunkScratch: UnsafeMutablePointer<Double>? = nil
    var scratchPerChunk: Int { 3 * Evaluator.chunkSize * maxWidth + BSplineBasis.scratchCount(order: maxOrder) }

    // Regularisation statistics.
    let edgeMean: UnsafeMutablePointer<Double>
    let edgeAlpha: UnsafeMutablePointer<Double>
    let inputMean: UnsafeMutablePointer<Double>
    let inputBeta: UnsafeMutablePointer<Double>
    /// Folded coefficients w_s·c of spline-only cubic layers, in θ's layout (see `foldCoefficients`).
    let folded: UnsafeMutablePointer<Double>
    /// Piecewise layers' splines as cubics per knot interval, P[i, μ, p] (see `foldCoefficients`).
    let splinePieces: UnsafeMutablePointer<Double>
    /// Per chunk, the moments Σ g·uᵖ of one input's intervals (piecewise layers' backward pass).
    let momentsPerChunk: Int
    var chunkMoments: UnsafeMutablePointer<Double>? = nil

    /// The dense cubic layers' edge loops: AVX2 where the processor has it (tests set the portable ones).
    var edgeLanes = EdgeLanes.fastest

    /// False when `shouldStop` fired while the evaluator was being built: its spline pieces
    /// are then incomplete and it must not be used (the caller stops too).
    let isComplete: Bool

    /// Builds the evaluator's tables for `network`. On a wide layer on a fine grid the cubic
    /// pieces alone are large ([2, 6000, 1] on 1000 intervals: 96 M numbers), so
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
    var team: ChunkTeam? = nil
    var teamUnavailable = false

    /// Identifies the batch whose first-layer basis values are in the caches.
    var firstLayerToken: Int? = nil
    /// Checked by `evaluate` before each chunk's forward and backward pass: when it returns
    /// true the remaining chunks are skipped and the result is meaningless, for a caller that
    /// discards it (training stopped by Ctrl-C or a time limit). One evaluation of a network
    /// of millions of parameters takes seconds; a chunk, a fraction of that.
    var shouldStop: (() -> Bool)? = nil
    var firstLayerCount = 0

    /// Runs `body` for every chunk, on up to `threadCount` threads. Which thread runs a
    /// chunk does not matter: chunks write disjoint buffers.
    ///
    /// Training (`evaluate`) shares the chunks of batches of at least `teamThreshold` edge
    /// evaluations (samples × edges) with a `ChunkTeam`, whose helpers wait between the
    /// phases of an evaluation and between evaluations. Other calls (predictions, grid
    /// updates) are one-off: below `parallelThreshold` they run on the calling thread, where
    /// waking a second thread would cost more than it saves, above it on Dispatch's pool.
    func forEachChunk(_ chunks: Int, samples n: Int, training: Bool = false, _ body: (Int) -> Void) {
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
        let chunks = prepare(parameters: theta, inputs: inputs, count: n, storeEdges: scaled)
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
        // long on millions of parameters) is skipped too.
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
}
