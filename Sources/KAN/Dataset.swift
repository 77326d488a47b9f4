/// Samples for training or evaluation: inputs (count × inputCount) and targets
/// (count × outputCount), both stored row-major.
///
///     let data = try Dataset(rows: [0.1, 0.2,  0.3, 0.4], inputCount: 2,
///                            targets: [1.0, 2.0], outputCount: 1)
public struct Dataset: Sendable, Equatable, Codable {
    public let count: Int
    public let inputCount: Int
    public let outputCount: Int
    /// Row-major inputs: sample s, input i at `s·inputCount + i`.
    public let inputs: [Double]
    /// Row-major targets: sample s, output o at `s·outputCount + o` (empty when outputCount = 0).
    public let targets: [Double]

    /// A data set from row-major inputs and targets.
    public init(rows inputs: [Double], inputCount: Int, targets: [Double] = [], outputCount: Int = 0) throws {
        guard inputCount >= 1 else { throw KANError.invalidData("a data set needs at least one input column") }
        guard inputs.count % inputCount == 0 else {
            throw KANError.invalidData("\(inputs.count) input values are not a whole number of rows of \(inputCount)")
        }
        let count = inputs.count / inputCount
        guard outputCount >= 0, targets.count == count * outputCount else {
            throw KANError.invalidData("expected \(count * outputCount) targets (\(count) rows × \(outputCount)), got \(targets.count)")
        }
        self.count = count
        self.inputCount = inputCount
        self.outputCount = outputCount
        self.inputs = inputs
        self.targets = targets
    }

    /// A data set from columns: `columns[i]` holds input i for every sample, `targetColumns[o]` output o.
    public init(columns: [[Double]], targetColumns: [[Double]] = []) throws {
        guard let count = columns.first?.count else { throw KANError.invalidData("a data set needs at least one input column") }
        for (i, c) in columns.enumerated() where c.count != count {
            throw KANError.invalidData("input column \(i) has \(c.count) values, column 0 has \(count)")
        }
        for (o, c) in targetColumns.enumerated() where c.count != count {
            throw KANError.invalidData("target column \(o) has \(c.count) values, the inputs \(count)")
        }
        var inputs = [Double](repeating: 0, count: count * columns.count)
        for (i, c) in columns.enumerated() { for s in 0..<count { inputs[s * columns.count + i] = c[s] } }
        var targets = [Double](repeating: 0, count: count * targetColumns.count)
        for (o, c) in targetColumns.enumerated() { for s in 0..<count { targets[s * targetColumns.count + o] = c[s] } }
        try self.init(rows: inputs, inputCount: columns.count, targets: targets, outputCount: targetColumns.count)
    }

    /// The samples at `indices`, in that order.
    func subset(_ indices: [Int]) -> Dataset {
        var x = [Double](); x.reserveCapacity(indices.count * inputCount)
        var y = [Double](); y.reserveCapacity(indices.count * outputCount)
        for s in indices {
            x.append(contentsOf: inputs[(s * inputCount)..<((s + 1) * inputCount)])
            y.append(contentsOf: targets[(s * outputCount)..<((s + 1) * outputCount)])
        }
        return Dataset(unchecked: x, inputCount: inputCount, targets: y, outputCount: outputCount, count: indices.count)
    }

    /// Input column i (0 ≤ i < inputCount).
    func column(_ i: Int) -> [Double] {
        (0..<count).map { inputs[$0 * inputCount + i] }
    }

    /// The data set restricted to the given input columns (for a pruned network: pass its `inputIndices`).
    public func selectingInputs(_ columns: [Int]) throws -> Dataset {
        guard columns.allSatisfy({ (0..<inputCount).contains($0) }) else {
            throw KANError.indexOutOfRange("input columns \(columns) for a data set with \(inputCount) inputs")
        }
        return selecting(columns)
    }

    func selecting(_ columns: [Int]) -> Dataset {
        var x = [Double](repeating: 0, count: count * columns.count)
        for s in 0..<count { for (q, i) in columns.enumerated() { x[s * columns.count + q] = inputs[s * inputCount + i] } }
        return Dataset(unchecked: x, inputCount: columns.count, targets: targets, outputCount: outputCount, count: count)
    }

    init(unchecked inputs: [Double], inputCount: Int, targets: [Double], outputCount: Int, count: Int) {
        self.inputs = inputs
        self.inputCount = inputCount
        self.targets = targets
        self.outputCount = outputCount
        self.count = count
    }
}
