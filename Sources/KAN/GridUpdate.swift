/// Grid update from samples and grid extension (pykan `update_grid_from_samples`, `refine`).
///
/// For each input node the new core grid mixes the sample quantiles with a uniform grid
/// over the sample range,
///
///     g_q = ε·(x₍₀₎ + q·(x₍N−1₎ − x₍₀₎)/G′) + (1 − ε)·x₍⌊qN/G′⌋₎,   q = 0 … G′
///
/// (g_{G′} = x₍N−1₎, ε = `gridEpsilon`, x₍·₎ the sorted samples), is extended by k
/// knots on each side, and the coefficients of every edge leaving the node are re-fitted
/// by least squares to the old spline's values at the samples, so the function is kept
/// on the data (exactly when the old spline lies in the new spline space).
extension Layer {
    /// The core grid of `gridSize` intervals from sorted finite samples with `lo < hi`.
    static func quantileGrid(_ sorted: [Double], gridSize: Int, gridEpsilon: Double) -> [Double] {
        let m = sorted.count, lo = sorted[0], hi = sorted[m - 1]
        var ids = (0..<gridSize).map { Int(Double(m) / Double(gridSize) * Double($0)) }
        ids.append(m - 1)
        let h = (hi - lo) / Double(gridSize)
        return (0...gridSize).map { q in
            gridEpsilon * (lo + h * Double(q)) + (1 - gridEpsilon) * sorted[ids[q]]
        }
    }

    /// `shouldStop` is checked before each input node; when it returns true the layer is left
    /// half updated, for a caller that discards it.
    mutating func regrid(
        samples x: [Double], count n: Int, gridSize newGridSize: Int, gridEpsilon: Double,
        shouldStop: (() -> Bool)? = nil
    ) {
        let nSub = subnodeCount
        let oldBasisCount = basisCount
        let k = order
        let newBasisCount = newGridSize + k
        var newCoefficients = [Double](repeating: 0, count: edgeCount * newBasisCount)
        var newBases: [BSplineBasis] = []
        for i in 0..<inputCount {
            if let shouldStop, shouldStop() { return }
            var sorted = (0..<n).map { x[$0 * inputCount + i] }.filter { $0.isFinite }
            sorted.sort()
            let old = bases[i]
            var core: [Double]
            if sorted.count >= 2, let lo = sorted.first, let hi = sorted.last, hi > lo,
               case let candidate = Layer.quantileGrid(sorted, gridSize: newGridSize, gridEpsilon: gridEpsilon),
               BSplineBasis(grid: candidate, order: k).spansFiniteInterval {
                core = candidate
            } else {
                // No spread in the samples (or a spread of a few units in the last place, or
                // beyond the range of doubles, which would give a grid of equal or infinite
                // knots, which no checkpoint may hold):
                // keep the old range, uniformly divided.
                let oldGrid = old.grid
                let lo = oldGrid.first ?? -1, hi = oldGrid.last ?? 1
                core = (0...newGridSize).map { lo + (hi - lo) * Double($0) / Double(newGridSize) }
                if sorted.count < 2 {
                    sorted = (0...(2 * newGridSize)).map { lo + (hi - lo) * Double($0) / Double(2 * newGridSize) }
                }
            }
            let basis = BSplineBasis(grid: core, order: k)
            newBases.append(basis)
            // The old splines at the samples: one basis evaluation per sample, shared by all edges.
            var targets = [Double](repeating: 0, count: sorted.count * nSub)
            var values = [Double](repeating: 0, count: k + 1)
            var scratch = [Double](repeating: 0, count: BSplineBasis.scratchCount(order: k))
            old.paddedKnots.withUnsafeBufferPointer { knots in
                old.inverseSpans.withUnsafeBufferPointer { inverse in
                    coefficients.withUnsafeBufferPointer { c in
                        for (s, value) in sorted.enumerated() {
                            let start = BSplineBasis.evaluate(
                                value, paddedKnots: knots.baseAddress!, inverseSpans: inverse.baseAddress!,
                                gridSize: old.gridSize, order: k, values: &values, derivatives: nil, scratch: &scratch)
                            for j in 0..<nSub {
                                let base = (i * nSub + j) * oldBasisCount + start
                                var spline = 0.0
                                for r in 0...k { spline += c[base + r] * values[r] }
                                targets[s * nSub + j] = spline
                            }
                        }
                    }
                }
            }
            let fitted = SplineFit.fit(basis: basis, x: sorted, y: targets, curveCount: nSub)
            for j in 0..<nSub {
                let e = i * nSub + j
                for m in 0..<newBasisCount { newCoefficients[e * newBasisCount + m] = fitted[j * newBasisCount + m] }
            }
        }
        bases = newBases
        coefficients = newCoefficients
    }
}

extension Network {
    /// Re-places every layer's grid at the quantiles of its inputs on `data` (mixed with a
    /// uniform grid) and re-fits the coefficients so each edge keeps its function.
    /// Layers are updated first to last, each on the inputs produced by the updated
    /// layers before it (as pykan does): layer l's inputs need only the layers before it.
    ///
    /// When `shouldStop` returns true (checked per layer and input node) the update ends with
    /// the network half updated: for a caller that restores its copy (training does).
    public mutating func updateGrid(from data: Dataset, shouldStop: (() -> Bool)? = nil) throws {
        try updateGrid(from: data, keeping: [], shouldStop: shouldStop)
    }

    /// `updateGrid(from:shouldStop:)` leaving the layers in `kept` as they are (training keeps
    /// the grids of layers with frozen coefficients).
    mutating func updateGrid(from data: Dataset, keeping kept: Set<Int>, shouldStop: (() -> Bool)? = nil) throws {
        guard data.inputCount == inputCount else {
            throw KANError.invalidData("the data has \(data.inputCount) inputs, the network \(inputCount)")
        }
        guard data.count >= 1 else { throw KANError.missingSamples("a grid update needs at least one sample") }
        for l in layers.indices where !kept.contains(l) {
            if let shouldStop, shouldStop() { return }
            let samples: [Double]
            if l == 0 {
                samples = data.inputs
            } else {
                let levels = Evaluator(network: self, threadCount: nil, shouldStop: shouldStop)
                guard levels.isComplete else { return }
                samples = levels.levelValues(
                    parameters: parameterVector(), inputs: data.inputs, count: data.count, layers: l)[l]
            }
            layers[l].regrid(samples: samples, count: data.count, gridSize: layers[l].gridSize,
                             gridEpsilon: configuration.gridEpsilon, shouldStop: shouldStop)
        }
    }

    /// Grid extension: the same network on a grid of `gridSize` intervals, its coefficients
    /// fitted by least squares to the current splines on `samples` (default: the inputs
    /// cached by the last `train`). Scales, masks and symbolic edges are kept.
    ///
    /// - Throws: `KANError.missingSamples` without samples, `.invalidConfiguration` for G′ < 1.
    public func refined(gridSize: Int, samples: Dataset? = nil) throws -> Network {
        guard gridSize >= 1 else { throw KANError.invalidConfiguration("grid size must be at least 1, got \(gridSize)") }
        guard let data = samples ?? cachedInputs else {
            throw KANError.missingSamples("refine needs samples: pass them or train the network first")
        }
        guard data.inputCount == inputCount, data.count >= 1 else {
            throw KANError.invalidData("refine samples have \(data.inputCount) inputs and \(data.count) rows; the network has \(inputCount) inputs")
        }
        let levels = Evaluator(network: self, threadCount: nil)
            .levelValues(parameters: parameterVector(), inputs: data.inputs, count: data.count)
        var result = self
        for l in result.layers.indices {
            result.layers[l].regrid(samples: levels[l], count: data.count, gridSize: gridSize, gridEpsilon: configuration.gridEpsilon)
        }
        result.configuration.gridSize = gridSize
        result.cachedInputs = data
        return result
    }

    /// In-place `refined(gridSize:samples:)`.
    public mutating func refine(gridSize: Int, samples: Dataset? = nil) throws {
        self = try refined(gridSize: gridSize, samples: samples)
    }
}
