/// A table of numbers with named columns: the data kan discovers a law from.
///
/// The values are stored column by column in one contiguous array, so a column is a
/// contiguous slice that numerical code can walk with a plain loop:
///
///     let table = try Table(columnNames: ["x", "y"], columns: [[1, 2, 3], [2, 4, 6]])
///     table.rowCount                // 3
///     table[column: 1]              // [2.0, 4.0, 6.0]
///     table.column(named: "x")      // Optional([1.0, 2.0, 3.0])
///
/// Names are unique, non-empty, free of line breaks and of surrounding spaces, so a table always writes to a CSV
/// file that reads back as the same table. Values may be any `Double`; tables read from
/// CSV hold only finite values (see `CSVReadOptions`).
public struct Table: Equatable, Sendable {
    /// The column names, in order.
    public private(set) var columnNames: [String]
    /// The number of rows.
    public private(set) var rowCount: Int
    /// All values, column-major: column `c` is `values[c * rowCount ..< (c + 1) * rowCount]`.
    public private(set) var values: [Double]

    /// The number of columns.
    public var columnCount: Int { columnNames.count }

    /// Creates a table from named columns of equal length.
    ///
    /// Throws a `TableError` if the counts disagree or a name is empty, repeated, holds a
    /// line break or begins or ends with a space or tab (CSV reading trims those).
    public init(columnNames: [String], columns: [[Double]]) throws {
        guard columnNames.count == columns.count else {
            throw TableError(.columnCountMismatch(names: columnNames.count, columns: columns.count))
        }
        try Table.validate(columnNames: columnNames, file: nil, line: nil)
        let rowCount = columns.first?.count ?? 0
        var values: [Double] = []
        values.reserveCapacity(rowCount * columns.count)
        for column in columns {
            guard column.count == rowCount else {
                throw TableError(.columnLengthMismatch(expected: rowCount, found: column.count))
            }
            values.append(contentsOf: column)
        }
        self.init(uncheckedNames: columnNames, rowCount: rowCount, values: values)
    }

    /// Creates a table from parts already known to be consistent.
    init(uncheckedNames columnNames: [String], rowCount: Int, values: [Double]) {
        self.columnNames = columnNames
        self.rowCount = rowCount
        self.values = values
    }

    /// Checks names as the header of a CSV file must be: non-empty, one line, unique.
    ///
    /// Uniqueness is checked by the names' hashes, with the names themselves compared on
    /// a match: 16 bytes a name where a `[String: Int]` took about 40, which for a header
    /// of millions of short names was several times the file.
    static func validate(columnNames: [String], file: String?, line: Int?) throws {
        var firstIndexByHash = [Int: Int32](minimumCapacity: columnNames.count)
        var collided: [String: Int] = [:]  // names whose hash another name has (practically never)
        func firstIndex(of name: String, at offset: Int) -> Int? {
            let hash = name.hashValue
            guard let earlier = firstIndexByHash[hash].map(Int.init) else {
                firstIndexByHash[hash] = Int32(truncatingIfNeeded: offset)
                return nil
            }
            if columnNames[earlier] == name { return earlier + 1 }
            if let other = collided[name] { return other }
            collided[name] = offset + 1
            return nil
        }
        for (offset, name) in columnNames.enumerated() {
            let column = offset + 1
            if name.isEmpty {
                throw TableError(.emptyColumnName, file: file, line: line, column: column)
            }
            if name.contains(where: \.isNewline) {
                throw TableError(.lineBreakInColumnName, file: file, line: line, column: column, columnName: name)
            }
            if trimmed(name) != name {
                throw TableError(.surroundingSpacesInColumnName, file: file, line: line, column: column, columnName: name)
            }
            if let first = firstIndex(of: name, at: offset) {
                throw TableError(.duplicateColumnName(firstIndex: first), file: file, line: line,
                                 column: column, columnName: name)
            }
        }
    }

    /// The values of the column at `index` (0-based), as a contiguous slice of `values`.
    public subscript(column index: Int) -> ArraySlice<Double> {
        values[index * rowCount ..< (index + 1) * rowCount]
    }

    /// The value at `row` and `column` (both 0-based).
    public subscript(row: Int, column: Int) -> Double {
        values[column * rowCount + row]
    }

    /// The 0-based index of the column called `name`, if there is one.
    public func columnIndex(named name: String) -> Int? {
        columnNames.firstIndex(of: name)
    }

    /// The values of the column called `name`, if there is one.
    public func column(named name: String) -> ArraySlice<Double>? {
        columnIndex(named: name).map { self[column: $0] }
    }

    /// The row at `index` (0-based), one value per column.
    public func row(_ index: Int) -> [Double] {
        (0..<columnCount).map { self[index, $0] }
    }

    /// All values row by row (`rowCount × columnCount`), the layout of a batch of inputs.
    public var rowMajorValues: [Double] {
        var result = [Double](repeating: 0, count: values.count)
        let rows = rowCount, columns = columnCount
        values.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for column in 0..<columns {
                    for row in 0..<rows {
                        target[row * columns + column] = source[column * rows + row]
                    }
                }
            }
        }
        return result
    }
}
