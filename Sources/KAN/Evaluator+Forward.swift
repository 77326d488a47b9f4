import Foundation

// The forward pass of one chunk, and its squared error.
extension Evaluator {
    /// The forward pass of `n` samples, chunk by chunk, through the first `layers` layers
    /// (all by default); with `storeEdges`, every edge's output is kept for the statistics.
    func forward(parameters theta: UnsafePointer<Double>, inputs: UnsafePointer<Double>, count n: Int, storeEdges: Bool, layers: Int? = nil) {
        firstLayerToken = nil
        let chunks = prepare(parameters: theta, inputs: inputs, count: n, storeEdges: storeEdges)
        let depth = layers ?? plans.count
        forEachChunk(chunks, samples: n) { c in forwardChunk(c, count: n, parameters: theta, storeEdges: storeEdges, layers: depth) }
    }

    /// What every pass over `n` samples starts with: buffers for them (and for every edge's
    /// output with `storeEdges`), the inputs copied into the first layer's, the spline
    /// coefficients folded (`foldCoefficients`); returns the number of chunks.
    func prepare(parameters theta: UnsafePointer<Double>, inputs: UnsafePointer<Double>, count n: Int, storeEdges: Bool) -> Int {
        ensureCapacity(n, edges: storeEdges)
        let chunks = (n + Evaluator.chunkSize - 1) / Evaluator.chunkSize
        ensureChunks(chunks)
        let n0 = plans.first?.inputs ?? 0
        let x0 = xs[0]
        for q in 0..<(n * n0) { x0[q] = inputs[q] }
        foldCoefficients(theta)
        return chunks
    }

    /// Forward pass of chunk c, layer by layer. Within a layer the basis stage runs input
    /// by input over the chunk's samples, then the edge stage input by input, so that
    /// every per-input quantity (coefficient rows, w_b row) is set up once per chunk.
    ///
    /// Spline edges use the folded coefficients c′ = w_s·c (see `foldCoefficients`):
    ///
    ///     φ_e(x) = w_b·b(x) + Σ_r c′_{start+r}·B_{start+r}(x)
    func forwardChunk(
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
    func squaredErrorChunk(_ c: Int, count n: Int, targets: UnsafePointer<Double>, accumulateMeans: Bool) {
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
}
