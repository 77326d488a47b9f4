/// Which column of a table is the target a formula should predict.
public enum TargetColumn: Equatable, Sendable {
    /// The last column, kan's default (`kan discover data.csv`).
    case last
    /// The column with this name (`kan discover data.csv --target y`).
    case named(String)
}

/// A named column of values taken out of a table, such as the target.
public struct TableColumn: Equatable, Sendable {
    /// The column's name.
    public var name: String
    /// The column's values.
    public var values: [Double]

    /// Creates a column called `name` holding `values`.
    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}

extension Table {
    /// A table of the columns called `names`, in that order.
    ///
    /// Throws a `TableError` naming the first unknown or repeated name.
    public func selecting(columns names: [String]) throws -> Table {
        var indices: [Int] = []
        var seen: Set<String> = []
        for name in names {
            guard let index = columnIndex(named: name) else {
                throw TableError(.unknownColumn(name, available: columnNames))
            }
            guard seen.insert(name).inserted else { throw TableError(.duplicateSelection(name)) }
            indices.append(index)
        }
        return selecting(columnsAt: indices)
    }

    /// A table of the columns at `indices` (0-based), in that order; each index once.
    public func selecting(columnsAt indices: [Int]) -> Table {
        var selected: [Double] = []
        selected.reserveCapacity(indices.count * rowCount)
        for index in indices { selected.append(contentsOf: self[column: index]) }
        return Table(uncheckedNames: indices.map { columnNames[$0] }, rowCount: rowCount, values: selected)
    }

    /// Splits off the target column: the inputs are every other column, in order.
    ///
    ///     let (inputs, target) = try table.splittingTarget(.named("y"))
    ///
    /// Throws a `TableError` if the named column does not exist or the table has no
    /// other column to serve as input.
    public func splittingTarget(_ target: TargetColumn = .last) throws -> (inputs: Table, target: TableColumn) {
        let targetIndex: Int
        switch target {
        case .last:
            targetIndex = columnCount - 1
        case .named(let name):
            guard let index = columnIndex(named: name) else {
                throw TableError(.unknownColumn(name, available: columnNames))
            }
            targetIndex = index
        }
        guard columnCount >= 2 else { throw TableError(.noInputColumns(columns: columnNames)) }
        let inputs = selecting(columnsAt: (0..<columnCount).filter { $0 != targetIndex })
        return (inputs, TableColumn(name: columnNames[targetIndex], values: Array(self[column: targetIndex])))
    }
}
