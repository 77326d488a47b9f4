import FileIO

/// How to read a CSV file into a `Table`.
public struct CSVReadOptions: Equatable, Sendable {
    /// What to do with a cell that is NaN or infinite ("nan", "inf", "-Infinity", "1e999").
    public enum NonFinitePolicy: Equatable, Sendable {
        /// Stop with a `TableError` naming the cell: the default, because a formula
        /// fitted around silently missing values may be wrong.
        case reject
        /// Leave out every row holding such a value; `CSVImport.droppedLines` says which.
        case dropRow
    }

    /// What to do with NaN or infinite cells. Default: `.reject`.
    public var nonFiniteValues: NonFinitePolicy

    /// The most bytes a file (or standard input) may hold; a larger one is refused with
    /// a message. Default: `ReadSizeLimit.data`, 1 GiB (why: `ReadSizeLimit`).
    public var sizeLimit: Int

    /// Options with the given policy for NaN and infinite values.
    public init(nonFiniteValues: NonFinitePolicy = .reject, sizeLimit: Int = ReadSizeLimit.data) {
        self.nonFiniteValues = nonFiniteValues
        self.sizeLimit = sizeLimit
    }
}

/// A table read from CSV, with what reading it left out.
public struct CSVImport: Equatable, Sendable {
    /// The table.
    public var table: Table
    /// The lines (1-based, header = line 1) of the rows dropped for NaN or infinite values
    /// under `CSVReadOptions.NonFinitePolicy.dropRow`; empty otherwise.
    public var droppedLines: [Int]

    /// The number of rows dropped for NaN or infinite values.
    public var droppedRowCount: Int { droppedLines.count }

    /// A sentence for the user when rows were dropped, such as
    /// `dropped 2 rows with NaN or infinite values (lines 4, 9)`; `nil` when none were.
    public var droppedRowsNote: String? {
        guard !droppedLines.isEmpty else { return nil }
        let shown = droppedLines.prefix(10).map(String.init).joined(separator: ", ")
        let more = droppedLines.count > 10 ? ", …" : ""
        let rows = droppedLines.count == 1 ? "row" : "rows"
        let lines = droppedLines.count == 1 ? "line" : "lines"
        return "dropped \(droppedLines.count) \(rows) with NaN or infinite values (\(lines) \(shown)\(more))"
    }
}
