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
    /// The delimiter the scanner splits at, for the hint when a cell holds another one.
    let delimiter: UInt8
    private var state = State.start
    private var columnNames: [String] = []
    /// The values kept so far, column-major with room for `rowCapacity` rows per column
    /// (row r of column c at `c * rowCapacity + r`): one allocation for the whole table,
    /// sized from the line count, which `finish` hands to the `Table` without a copy.
    /// (An array per column cost 64 bytes per column before its first value, 30 times
    /// the text of a one-row table's cell.)
    private var values: [Double] = []
    private var rowCapacity: Int
    private var rowCount = 0
    private var missingLines: [Int] = []
    private var nonFiniteLines: [Int] = []
    /// The first blank line since the last data row: an error if another row follows.
    private var pendingBlankLine: Int?

    // The record being read, cell by cell: nothing of it is kept but its numbers.
    private var line = 0
    private var cellCount = 0
    private var firstCellBlank = false
    private var lastCellBlank = false
    private var headerNames: [String] = []
    /// The first bad cell of the data row, reported after its length is checked.
    private var cellError: TableError?
    /// The record has a missing value (dropped under `MissingPolicy.drop`).
    private var missingRow = false
    /// The record has an infinite value (dropped under `NonFinitePolicy.dropRow`).
    private var nonFiniteRow = false

    /// `expectedRowCount`: an upper bound on the rows (the lines after the header), so
    /// that the table is allocated once.
    init(file: String?, options: CSVReadOptions, delimiter: UInt8 = UInt8(ascii: ","), expectedRowCount: Int = 0) {
        self.file = file
        self.options = options
        self.delimiter = delimiter
        self.rowCapacity = Swift.max(expectedRowCount, 1)
    }

    /// Adds the record read at `line` (1-based).
    mutating func add(record: [String], line: Int) throws {
        beginRecord(line: line)
        for cell in record { addCell(cell) }
        try endRecord()
    }

    /// Starts the record read at `line` (1-based); its cells follow with `addCell`.
    mutating func beginRecord(line: Int) {
        self.line = line
        cellCount = 0
        cellError = nil
        missingRow = false
        nonFiniteRow = false
        headerNames.removeAll(keepingCapacity: false)
    }

    /// The next cell of the record, as written (spaces and tabs around it are ignored).
    mutating func addCell(_ raw: String) {
        let text = trimmed(raw)
        let index = cellCount
        cellCount += 1
        if index == 0 { firstCellBlank = text.isEmpty }
        lastCellBlank = text.isEmpty
        guard state == .rows else {
            headerNames.append(text)
            return
        }
        guard index < columnNames.count, cellError == nil else { return }
        let number = Double(text)
        if MissingValue.isMissing(text, value: number) {
            if options.missingValues == .drop {
                missingRow = true
            } else if number != nil, options.nonFiniteValues == .dropRow {
                nonFiniteRow = true
            } else {
                cellError = TableError(text.isEmpty ? .emptyCell : .missingValue(text), file: file, line: line,
                                       column: index + 1, columnName: columnNames[index])
            }
            return
        }
        guard let value = number else {
            cellError = TableError(.notANumber(text, hint: notANumberHint(text)), file: file, line: line,
                                   column: index + 1, columnName: columnNames[index])
            return
        }
        if !value.isFinite {
            guard options.nonFiniteValues == .dropRow else {
                cellError = TableError(.nonFiniteValue(text), file: file, line: line,
                                       column: index + 1, columnName: columnNames[index])
                return
            }
            nonFiniteRow = true
        }
        // Straight into the table, in the next row's place: a row dropped or refused
        // later is simply not counted, and the next one overwrites it.
        if rowCount == rowCapacity { growRows() }
        values[index * rowCapacity + rowCount] = value
    }

    /// Ends the record: checks it whole and keeps its numbers.
    mutating func endRecord() throws {
        let isBlank = cellCount == 1 && firstCellBlank
        switch state {
        case .start:
            if isBlank { state = .blankFirstLine } else { try readHeader(headerNames, line: line) }
        case .blankFirstLine:
            if !isBlank { throw TableError(.emptyHeader, file: file, line: 1) }
        case .rows:
            if isBlank {
                if pendingBlankLine == nil { pendingBlankLine = line }
            } else {
                if let blank = pendingBlankLine { throw TableError(.blankLine, file: file, line: blank) }
                try finishRow()
            }
        }
        headerNames.removeAll(keepingCapacity: false)
    }

    private mutating func readHeader(_ names: [String], line: Int) throws {
        if names.allSatisfy({ Double($0) != nil }) { throw TableError(.missingHeader, file: file, line: line) }
        try Table.validate(columnNames: names, file: file, line: line)
        columnNames = names
        values = [Double](repeating: 0, count: names.count * rowCapacity)
        state = .rows
    }

    private mutating func finishRow() throws {
        guard cellCount == columnNames.count else {
            if cellCount == columnNames.count + 1, lastCellBlank {
                throw TableError(.trailingComma(expected: columnNames.count), file: file, line: line)
            }
            throw TableError(.raggedRow(expected: columnNames.count, found: cellCount), file: file, line: line)
        }
        if let cellError { throw cellError }
        if missingRow {
            missingLines.append(line)
            return
        }
        if nonFiniteRow {
            nonFiniteLines.append(line)
            return
        }
        rowCount += 1
    }

    /// Doubles the room per column, for text whose line count underestimated the rows
    /// (only callers that give no hint: the CSV readers' hint is exact or larger).
    private mutating func growRows() {
        let capacity = rowCapacity * 2
        var grown = [Double](repeating: 0, count: columnNames.count * capacity)
        for column in columnNames.indices {
            for row in 0..<rowCount { grown[column * capacity + row] = values[column * rowCapacity + row] }
        }
        values = grown
        rowCapacity = capacity
    }

    /// The table, or the error for a file that ended too soon.
    consuming func finish() throws -> CSVImport {
        switch state {
        case .start, .blankFirstLine:
            throw TableError(.emptyFile, file: file)
        case .rows:
            if rowCount == 0 {
                if missingLines.isEmpty && nonFiniteLines.isEmpty { throw TableError(.noDataRows, file: file, line: 1) }
                throw TableError(.allRowsDropped(missing: missingLines.count, nonFinite: nonFiniteLines.count), file: file)
            }
            // Closes the gaps left by the unused room (dropped rows, blank lines), in place:
            // each column moves down, never over one not yet moved.
            if rowCount < rowCapacity {
                let rows = rowCount, capacity = rowCapacity
                for column in 1..<Swift.max(columnNames.count, 1) {
                    for row in 0..<rows { values[column * rows + row] = values[column * capacity + row] }
                }
                values.removeSubrange((rows * columnNames.count)...)
            }
            let table = Table(uncheckedNames: columnNames, rowCount: rowCount, values: values)
            return CSVImport(table: table, missingLines: missingLines, nonFiniteLines: nonFiniteLines, delimiter: delimiter)
        }
    }
}

extension TableBuilder {
    /// Why a cell that is not a number probably is not: a decimal comma (`1,5`), or
    /// another delimiter than the one the file is split at (`1;2;3` in one cell).
    func notANumberHint(_ text: String) -> String? {
        for other in [CSVDelimiter.semicolon, CSVDelimiter.tab, CSVDelimiter.comma] where other != delimiter {
            if text.utf8.contains(other), other != CSVDelimiter.comma || !isDecimalComma(text) {
                let name = CSVDelimiter.name(other)
                return "the file looks \(name)-separated: use --delimiter \(other == CSVDelimiter.tab ? "tab" : name)"
            }
        }
        if isDecimalComma(text) {
            return "a decimal comma? write \(String(text.map { $0 == "," ? "." : $0 }))"
        }
        return nil
    }

    private func isDecimalComma(_ text: String) -> Bool {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        return parts.count == 2 && Double(parts[0]) != nil && !parts[1].isEmpty && parts[1].allSatisfy(\.isNumber)
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
