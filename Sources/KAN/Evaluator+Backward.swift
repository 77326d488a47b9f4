import Foundation

// The backward pass of one chunk: the analytic gradient.
extension Evaluator {
    /// Backward pass of chunk c, layer by layer from the output, into the chunk's own
    /// gradient buffer. Gradients with respect to a layer's outputs, sub-nodes and inputs
    /// are held for all the chunk's samples (rows of `maxWidth`).
    ///
    /// On spline-only cubic layers the coefficient slots receive ∂L/∂c′ for the folded
    /// coefficients c′ = w_s·c, and the w_s slots nothing; `unfoldGradient` turns them
    /// into ∂L/∂c = w_s·∂L/∂c′ and ∂L/∂w_s = Σ_m c_m·∂L/∂c′_m after the chunk reduction.
    func backwardChunk(
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
}
