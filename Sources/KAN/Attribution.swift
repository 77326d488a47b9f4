import Foundation

/// Activation scales and attribution scores of a network on samples (pykan `attribute`).
///
/// With σ(·) the standard deviation over the samples (unbiased):
/// - `edgeScales[l][e]` = σ(φ_e(x)) — pykan's `edge_actscale` (spline + symbolic branch);
/// - `normalizedScales[l][e]` = σ(φ_e(x)) / (σ(x_i) + 0.1) — pykan's `acts_scale`;
/// - backward attribution from the outputs (score 1 each):
///
///       subnode score  s_j  = node score of j (a multiplication node's score goes to each factor)
///       edge score     E_ji = σ(φ_ji) · s_j / (σ(subnode j) + 1e-4)
///       node score     n_i  = Σ_j E_ji
///
/// `nodeScores[0]` scores the inputs and `nodeScores[L]` the outputs.
public struct Attribution: Sendable {
    /// Per layer, per edge e = i·subnodes + j.
    public var edgeScales: [[Double]]
    public var normalizedScales: [[Double]]
    public var edgeScores: [[Double]]
    /// Per level 0…L.
    public var nodeScores: [[Double]]
    /// Per layer, per sub-node.
    public var subnodeScores: [[Double]]
}

extension Network {
    /// Scales and scores on `samples` (default: the inputs cached by the last `train`).
    public func attribution(samples: Dataset? = nil) throws -> Attribution {
        guard let data = samples ?? cachedInputs else {
            throw KANError.missingSamples("attribution needs samples: pass them or train the network first")
        }
        guard data.inputCount == inputCount, data.count >= 1 else {
            throw KANError.invalidData("attribution samples have \(data.inputCount) inputs and \(data.count) rows; the network has \(inputCount) inputs")
        }
        let n = data.count
        let levels = Evaluator(network: self, threadCount: nil)
            .levelValues(parameters: parameterVector(), inputs: data.inputs, count: n)
        func deviation(_ values: [Double]) -> Double {
            guard values.count >= 2 else { return 0 }
            let mean = values.reduce(0, +) / Double(values.count)
            var s = 0.0
            for v in values { s += (v - mean) * (v - mean) }
            return (s / Double(values.count - 1)).squareRoot()
        }
        var edgeScales: [[Double]] = []
        var normalized: [[Double]] = []
        var subnodeDeviation: [[Double]] = []
        for (l, layer) in layers.enumerated() {
            let nIn = layer.inputCount, nSub = layer.subnodeCount
            var scales = [Double](repeating: 0, count: layer.edgeCount)
            var norm = scales
            var subnodeValues = [Double](repeating: 0, count: n * nSub)
            for i in 0..<nIn {
                let x = (0..<n).map { levels[l][$0 * nIn + i] }
                let inputRange = deviation(x) + 0.1
                for j in 0..<nSub {
                    let e = i * nSub + j
                    let y = x.map { layer.edgeValue(edge: e, at: $0) }
                    for s in 0..<n { subnodeValues[s * nSub + j] += y[s] }
                    scales[e] = deviation(y)
                    norm[e] = scales[e] / inputRange
                }
            }
            edgeScales.append(scales)
            normalized.append(norm)
            subnodeDeviation.append((0..<nSub).map { j in deviation((0..<n).map { subnodeValues[$0 * nSub + j] }) })
        }
        var nodeScores: [[Double]] = Array(repeating: [], count: layers.count + 1)
        var edgeScores: [[Double]] = Array(repeating: [], count: layers.count)
        var subnodeScores: [[Double]] = Array(repeating: [], count: layers.count)
        nodeScores[layers.count] = [Double](repeating: 1, count: outputCount)
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            let layer = layers[l]
            let node = nodeScores[l + 1]
            var sub = [Double](repeating: 0, count: layer.subnodeCount)
            for j in 0..<layer.sumCount { sub[j] = node[j] }
            for m in 0..<layer.multCount {
                for r in 0..<layer.arity { sub[layer.sumCount + m * layer.arity + r] = node[layer.sumCount + m] }
            }
            subnodeScores[l] = sub
            var scores = [Double](repeating: 0, count: layer.edgeCount)
            var inputScores = [Double](repeating: 0, count: layer.inputCount)
            for i in 0..<layer.inputCount {
                for j in 0..<layer.subnodeCount {
                    let e = i * layer.subnodeCount + j
                    scores[e] = edgeScales[l][e] * sub[j] / (subnodeDeviation[l][j] + 1e-4)
                    inputScores[i] += scores[e]
                }
            }
            edgeScores[l] = scores
            nodeScores[l] = inputScores
        }
        return Attribution(
            edgeScales: edgeScales, normalizedScales: normalized, edgeScores: edgeScores,
            nodeScores: nodeScores, subnodeScores: subnodeScores)
    }
}
