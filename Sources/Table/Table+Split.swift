extension Table {
    /// A table of the rows at `indices` (0-based), in that order; indices may repeat.
    public func rows(at indices: [Int]) -> Table {
        var selected = [Double](repeating: 0, count: indices.count * columnCount)
        let rows = rowCount, count = indices.count
        values.withUnsafeBufferPointer { source in
            selected.withUnsafeMutableBufferPointer { target in
                for column in 0..<columnCount {
                    for (position, row) in indices.enumerated() {
                        target[column * count + position] = source[column * rows + row]
                    }
                }
            }
        }
        return Table(uncheckedNames: columnNames, rowCount: indices.count, values: selected)
    }

    /// The rows in an order fixed by `seed`: the same seed gives the same order on every
    /// machine and Swift release.
    public func shuffled(seed: UInt64) -> Table {
        rows(at: Table.permutation(count: rowCount, seed: seed))
    }

    /// Shuffles the rows in an order fixed by `seed` (see `shuffled(seed:)`).
    public mutating func shuffle(seed: UInt64) {
        self = shuffled(seed: seed)
    }

    /// Splits the rows at random, reproducibly, into a training and a test table.
    ///
    ///     let (train, test) = try table.trainTestSplit(testFraction: 0.2, seed: 42)
    ///
    /// The test table gets `testFraction × rowCount` rows, rounded to nearest; when the
    /// fraction is strictly between 0 and 1, each side gets at least one row when there
    /// are two or more, and a single row goes to training. Which rows go where depends only on `seed`; both tables keep the
    /// rows in their original order.
    ///
    /// Throws a `TableError` if `testFraction` is not in `0...1`.
    public func trainTestSplit(testFraction: Double, seed: UInt64) throws -> (train: Table, test: Table) {
        guard testFraction >= 0, testFraction <= 1 else { throw TableError(.invalidFraction(testFraction)) }
        var testCount = Int((testFraction * Double(rowCount)).rounded())
        if testFraction < 1 { testCount = Swift.min(testCount, Swift.max(rowCount - 1, 0)) }
        if testFraction > 0, rowCount >= 2 { testCount = Swift.max(testCount, 1) }
        let order = Table.permutation(count: rowCount, seed: seed)
        let testRows = order[..<testCount].sorted()
        let trainRows = order[testCount...].sorted()
        return (rows(at: trainRows), rows(at: testRows))
    }

    /// A permutation of `0..<count` fixed by `seed`.
    static func permutation(count: Int, seed: UInt64) -> [Int] {
        var order = Array(0..<count)
        var generator = SplitMix64(seed: seed)
        order.shuffle(with: &generator)
        return order
    }
}
