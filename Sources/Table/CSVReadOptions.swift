import FileIO

/// How to read a CSV file into a `Table`.
public struct CSVReadOptions: Equatable, Sendable {
    /// What to do with a row that has a missing value: an empty cell (pandas writes NaN that
    /// way), a marker such as `NA`, `N/A`, `null` or `None` (`MissingValue.markers`), or NaN
    /// in any spelling (`nan`, `NaN`, `-nan`).
    public enum MissingPolicy: String, Equatable, Sendable, CaseIterable {
        /// Leave the row out; `CSVImport.missingLines` says which. The default: a table of
        /// measurements with gaps is the common case (pandas' `dropna`), and the count is
        /// reported (`CSVImport.droppedRowsNote`), so nothing disappears silently.
        case drop
        /// Stop with a `TableError` naming the first missing cell.
        case error
    }

    /// What to do with a cell that is infinite ("inf", "-Infinity", "1e999"), or NaN when
    /// missing values are refused.
    public enum NonFinitePolicy: Equatable, Sendable {
        /// Stop with a `TableError` naming the cell: the default, because an infinite
        /// measurement is an overflow or a unit error, not a gap.
        case reject
        /// Leave out every row holding such a value; `CSVImport.nonFiniteLines` says which.
        case dropRow
    }

    /// What to do with missing values. Default: `.drop`.
    public var missingValues: MissingPolicy

    /// What to do with infinite cells (and NaN, under `missingValues: .error`). Default: `.reject`.
    public var nonFiniteValues: NonFinitePolicy

    /// The byte between cells: `,`, `;`, a tab, `|` or `:` (`CSVDelimiter.allowed`); nil
    /// detects it from the header line (`CSVDelimiter.detect`), so semicolon- and
    /// tab-separated exports read without a flag.
    public var delimiter: UInt8?

    /// The most bytes a file (or standard input) may hold; a larger one is refused with
    /// a message. Default: `ReadSizeLimit.data`, 1 GiB (why: `ReadSizeLimit`).
    public var sizeLimit: Int

    /// Options with the given policies.
    public init(missingValues: MissingPolicy = .drop, nonFiniteValues: NonFinitePolicy = .reject,
                delimiter: UInt8? = nil, sizeLimit: Int = ReadSizeLimit.data) {
        self.missingValues = missingValues
        self.nonFiniteValues = nonFiniteValues
        self.delimiter = delimiter
        self.sizeLimit = sizeLimit
    }
}

/// A table read from CSV, with what reading it left out.
public struct CSVImport: Equatable, Sendable {
    /// The table.
    public var table: Table
    /// The lines (1-based, header = line 1) of the rows dropped for a missing value under
    /// `CSVReadOptions.MissingPolicy.drop`.
    public var missingLines: [Int]
    /// The lines of the rows dropped for an infinite (or, under `missingValues: .error`, NaN)
    /// value under `CSVReadOptions.NonFinitePolicy.dropRow`.
    public var nonFiniteLines: [Int]
    /// The delimiter the file was read with (given, or detected from its header).
    public var delimiter: UInt8

    public init(table: Table, missingLines: [Int] = [], nonFiniteLines: [Int] = [], delimiter: UInt8 = UInt8(ascii: ",")) {
        self.table = table
        self.missingLines = missingLines
        self.nonFiniteLines = nonFiniteLines
        self.delimiter = delimiter
    }

    /// Every dropped row's line, in file order.
    public var droppedLines: [Int] { (missingLines + nonFiniteLines).sorted() }

    /// The number of rows dropped.
    public var droppedRowCount: Int { missingLines.count + nonFiniteLines.count }

    /// A sentence for the user when rows were dropped, such as
    /// `dropped 2 rows with missing values (lines 4, 9)`; `nil` when none were. The caller
    /// adds how to refuse them instead, in its own terms (`--missing error`).
    public var droppedRowsNote: String? {
        let parts = [Self.note(missingLines, "missing values"), Self.note(nonFiniteLines, "NaN or infinite values")]
        let present = parts.compactMap { $0 }
        return present.isEmpty ? nil : present.joined(separator: "; ")
    }

    private static func note(_ lines: [Int], _ what: String) -> String? {
        guard !lines.isEmpty else { return nil }
        let shown = lines.prefix(10).map(String.init).joined(separator: ", ")
        let more = lines.count > 10 ? ", …" : ""
        let rows = lines.count == 1 ? "row" : "rows"
        let word = lines.count == 1 ? "line" : "lines"
        return "dropped \(lines.count) \(rows) with \(what) (\(word) \(shown)\(more))"
    }
}
