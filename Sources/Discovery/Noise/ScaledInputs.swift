/// The inputs of n samples scaled to zero mean and unit standard deviation, stored row-major:
/// the space in which the noise tests look for neighbours, so that no input's units decide
/// who is near whom. Constant inputs are left out (they separate no samples).
struct ScaledInputs {
    /// `values[s·dimension + j]`: scaled input j of sample s.
    let values: [Double]
    /// The varying inputs.
    let dimension: Int
    /// n, the samples.
    let count: Int

    /// The first `count` samples of `columns` (one array per input); nil when no input varies.
    init?(columns: [[Double]], count n: Int) {
        var scaled: [[Double]] = []
        for column in columns {
            let values = Array(column.prefix(n))
            let mean = values.reduce(0, +) / Double(n)
            let spread = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)).squareRoot()
            guard spread > 0, spread.isFinite else { continue }
            scaled.append(values.map { ($0 - mean) / spread })
        }
        let d = scaled.count
        guard d > 0, n > 0 else { return nil }
        var rows = [Double](repeating: 0, count: n * d)
        for i in 0..<n { for j in 0..<d { rows[i * d + j] = scaled[j][i] } }
        values = rows
        dimension = d
        count = n
    }

    /// How near nearest neighbours are: the mean squared distance of a sample to its nearest
    /// neighbour over the mean squared distance of two samples (2·dimension, the inputs having
    /// unit variance), estimated on at most `probes` samples (evenly strided) against all.
    ///
    /// Neighbour methods read a smooth function's change between neighbours as small. For a
    /// linear g, half the mean squared difference of g between neighbours is this ratio times
    /// Var g: about 0.001 for 800 samples of two inputs, 0.14 of nine, 0.67 of 100, 0.93 of
    /// 2,000 (measured on uniform inputs): there neighbours are as far apart as any two
    /// samples and share nothing. Costs probes × n × dimension.
    func locality(probes: Int = 64) -> Double {
        guard count >= 2 else { return 1 }
        let step = Swift.max(1, count / Swift.max(probes, 1))
        var total = 0.0, used = 0
        for i in stride(from: 0, to: count, by: step) {
            var best = Double.infinity
            for j in 0..<count where j != i { best = Swift.min(best, squaredDistance(i, j)) }
            total += best
            used += 1
        }
        return total / Double(used) / (2 * Double(dimension))
    }

    /// |xᵢ − xⱼ|² in the scaled space.
    func squaredDistance(_ i: Int, _ j: Int) -> Double {
        values.withUnsafeBufferPointer { x in
            var distance = 0.0
            for c in 0..<dimension {
                let difference = x[i * dimension + c] - x[j * dimension + c]
                distance += difference * difference
            }
            return distance
        }
    }
}
