/// Turns CSV records (lists of cell texts, one per line) into a `Table`, checking each
/// against kan's CSV contract and throwing the first problem as a located `TableError`.
///
/// Both scanners (`scanUnquotedCSV` and `scanQuotedCSV`) feed it, so the rules live in
/// one place: the header comes first, every cell is a number, blank lines may only end
/// the file, and NaN or infinite values follow `CSVReadOptions.nonFiniteValues`.
struct TableBuilder {
    private enum State {
        /// Nothing read yet.
        case start
        /// The first line was blank: the file is empty unless something follows.
        case blankFirstLine
        /// The header is read; data rows follow.
        case rows
    }

    let file: String?
    let options: CSVReadOptions
    private var state = State.start
    private var columnNames: [String] = []
    private var columns: [[Double]] = []
    private var rowValues: [Double] = []
    private var droppedLines: [Int] = []
    /// The first blank line since the last data row: an error if another row follows.
    private var pendingBlankLine: Int?

    /// A row-count hint, so that the column arrays grow once.
    private let expectedRowCount: Int

    init(file: String?, options: CSVReadOptions, expectedRowCount: Int = 0) {
        self.file = file
        self.options = options
        self.expectedRowCount = expectedRowCount
    }

    /// Adds the record read at `line` (1-based).
    mutating func add(record: [String], line: Int) throws {
        let isBlank = record.count == 1 && trimmed(record[0]).isEmpty
        switch state {
        case .start:
            if isBlank { state = .blankFirstLine } else { try readHeader(record, line: line) }
        case .blankFirstLine:
            if !isBlank { throw TableError(.emptyHeader, file: file, line: 1) }
        case .rows:
            if isBlank {
                if pendingBlankLine == nil { pendingBlankLine = line }
            } else {
                if let blank = pendingBlankLine { throw TableError(.blankLine, file: file, line: blank) }
                try readRow(record, line: line)
            }
        }
    }

    private mutating func readHeader(_ record: [String], line: Int) throws {
        let names = record.map(trimmed)
        if names.allSatisfy({ Double($0) != nil }) { throw TableError(.missingHeader, file: file, line: line) }
        try Table.validate(columnNames: names, file: file, line: line)
        columnNames = names
        columns = names.map { _ in
            var column: [Double] = []
            column.reserveCapacity(expectedRowCount)
            return column
        }
        rowValues = [Double](repeating: 0, count: names.count)
        state = .rows
    }

    private mutating func readRow(_ record: [String], line: Int) throws {
        guard record.count == columnNames.count else {
            if record.count == columnNames.count + 1, let last = record.last, trimmed(last).isEmpty {
                throw TableError(.trailingComma(expected: columnNames.count), file: file, line: line)
            }
            throw TableError(.raggedRow(expected: columnNames.count, found: record.count), file: file, line: line)
        }
        var drop = false
        for (index, raw) in record.enumerated() {
            let text = trimmed(raw)
            guard let value = Double(text) else {
                throw TableError(text.isEmpty ? .emptyCell : .notANumber(text), file: file, line: line,
                                 column: index + 1, columnName: columnNames[index])
            }
            if !value.isFinite {
                guard options.nonFiniteValues == .dropRow else {
                    throw TableError(.nonFiniteValue(text), file: file, line: line,
                                     column: index + 1, columnName: columnNames[index])
                }
                drop = true
            }
            rowValues[index] = value
        }
        if drop {
            droppedLines.append(line)
        } else {
            for index in rowValues.indices { columns[index].append(rowValues[index]) }
        }
    }

    /// The table, or the error for a file that ended too soon.
    consuming func finish() throws -> CSVImport {
        switch state {
        case .start, .blankFirstLine:
            throw TableError(.emptyFile, file: file)
        case .rows:
            let rowCount = columns.first?.count ?? 0
            if rowCount == 0 {
                if droppedLines.isEmpty { throw TableError(.noDataRows, file: file, line: 1) }
                throw TableError(.allRowsDropped(count: droppedLines.count), file: file)
            }
            var values: [Double] = []
            values.reserveCapacity(rowCount * columns.count)
            for index in columns.indices {
                values.append(contentsOf: columns[index])
                columns[index] = []  // release each column as soon as it is copied
            }
            let table = Table(uncheckedNames: columnNames, rowCount: rowCount, values: values)
            return CSVImport(table: table, droppedLines: droppedLines)
        }
    }
}

/// `text` without leading and trailing spaces and tabs; cheap when there are none,
/// as in nearly every cell.
func trimmed(_ text: String) -> String {
    func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
    let bytes = text.utf8
    guard let first = bytes.first, let last = bytes.last, isSpace(first) || isSpace(last) else { return text }
    guard let start = bytes.firstIndex(where: { !isSpace($0) }),
          let end = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
    return String(text[start...end])
}
