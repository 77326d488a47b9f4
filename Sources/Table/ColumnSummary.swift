/// A column's range and spread, for reporting data to a user and spotting useless columns.
///
///     let summary = table.summaries[0]
///     if summary.isConstant { print("warning: \(summary.name) is constant") }
///
/// A constant column is not an error — a table may well hold one — but it cannot explain
/// any variation in a target, so callers usually warn about it or drop it.
public struct ColumnSummary: Equatable, Sendable {
    /// The column's name.
    public var name: String
    /// The number of values.
    public var count: Int
    /// The least value (NaN for an empty column).
    public var minimum: Double
    /// The greatest value (NaN for an empty column).
    public var maximum: Double
    /// The arithmetic mean (NaN for an empty column).
    public var mean: Double
    /// The population standard deviation, dividing by `count` (so 0 for one value; NaN for none).
    public var standardDeviation: Double
    /// Whether every value is the same (false for an empty column).
    public var isConstant: Bool { count > 0 && minimum == maximum }

    /// Summarises `values` under `name`.
    ///
    /// The mean and deviation take two passes rather than one running sum of squares,
    /// which loses every digit when the spread is small against the mean.
    public init<Values: Collection<Double>>(name: String, values: Values) {
        self.name = name
        count = values.count
        guard count > 0 else {
            minimum = .nan; maximum = .nan; mean = .nan; standardDeviation = .nan
            return
        }
        var minimum = Double.infinity, maximum = -Double.infinity, sum = 0.0
        for value in values {
            minimum = Swift.min(minimum, value)
            maximum = Swift.max(maximum, value)
            sum += value
        }
        let mean = sum / Double(count)
        var squares = 0.0
        for value in values { squares += (value - mean) * (value - mean) }
        self.minimum = minimum
        self.maximum = maximum
        self.mean = mean
        standardDeviation = (squares / Double(count)).squareRoot()
    }
}

extension Table {
    /// One summary per column, in column order.
    public var summaries: [ColumnSummary] {
        (0..<columnCount).map { summary(ofColumn: $0) }
    }

    /// The summary of the column at `index` (0-based).
    public func summary(ofColumn index: Int) -> ColumnSummary {
        ColumnSummary(name: columnNames[index], values: self[column: index])
    }

    /// The names of the columns whose values are all equal: worth a warning, never an error.
    public var constantColumnNames: [String] {
        summaries.filter(\.isConstant).map(\.name)
    }
}
