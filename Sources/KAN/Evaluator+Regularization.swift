import Foundation

// The activation-scale regularisation: its penalty and the statistics the backward pass needs.
extension Evaluator {
    /// The activation-scale penalty Σ_layers reg(v) and the per-sample gradient factors
    /// α_e, β_i used by the backward pass:
    ///
    ///     ∂/∂φ_e(x_s) of λ·reg = α_e·(φ_e(x_s) − mean φ_e),  α_e = λ·∂reg/∂v_e / (r_i·(N−1)·σ_e)
    ///     ∂/∂x_{s,i}  of λ·reg = β_i·(x_{s,i} − mean x_i),   β_i = −Σ_j λ·∂reg/∂v_e·v_e / (r_i·(N−1)·σ_i)
    ///
    /// with σ_e = std φ_e, σ_i = std x_i (unbiased, as torch.std) and r_i = σ_i + 0.1.
    /// Where a standard deviation is zero its (sub)gradient is taken as zero.
    func scalePenalty(count n: Int, chunks: Int, weights: RegularizationWeights) -> Double {
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
}
