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
