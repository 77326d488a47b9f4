import Discovery
import KAN
import Table

/// A data set as a KanLang value: a `Table` and which of its columns is the
/// target the model or formula should predict; every other column is an input,
/// in table order.
///
///     let data = dataset(exp(sin(pi*x) + y^2), ranges: {x: [-1, 1], y: [-1, 1]}, n: 1000)
///     data.n          # 1000
///     data.inputs     # ["x", "y"]
///     data.target     # "f"
///
/// Immutable: builtins that change data (`train_test`, selection) return new
/// values, so a dataset kept in a variable never changes under it.
public final class DatasetValue: OpaqueValue {
    /// All columns, inputs and target.
    public let table: Table
    /// The index of the target column in `table`.
    public let targetIndex: Int

    /// Fails (returns nil) when `targetIndex` is not a column or the table has no
    /// other column to serve as an input.
    public init?(table: Table, targetIndex: Int) {
        guard table.columnCount >= 2, (0..<table.columnCount).contains(targetIndex) else { return nil }
        self.table = table
        self.targetIndex = targetIndex
        memoryCharge = MemoryCharge.make(table.rowCount * table.columnCount * MemoryLayout<Double>.stride)
    }

    /// The table's numbers, counted against the interpreter's memory limit (`MemoryBudget`).
    private let memoryCharge: MemoryCharge?

    public var typeName: String { "dataset" }

    /// The number of samples (rows).
    public var count: Int { table.rowCount }

    /// The input column names, in table order.
    public var inputNames: [String] {
        table.columnNames.enumerated().filter { $0.offset != targetIndex }.map(\.element)
    }

    /// The target column's name.
    public var targetName: String { table.columnNames[targetIndex] }

    /// The input columns, in the order of `inputNames`.
    public var inputColumns: [[Double]] {
        (0..<table.columnCount).filter { $0 != targetIndex }.map { Array(table[column: $0]) }
    }

    /// The target column's values.
    public var targetValues: [Double] { Array(table[column: targetIndex]) }

    /// The samples as the KAN module wants them: row-major inputs and one target.
    public func kanDataset() throws -> KAN.Dataset {
        try KAN.Dataset(columns: inputColumns, targetColumns: [targetValues])
    }

    /// The samples as the Discovery module's formula fitting wants them.
    public var formulaData: FormulaData { FormulaData(columns: inputColumns, target: targetValues) }

    /// The same samples with the columns `names` as inputs (in that order); nil
    /// for a name that is not an input column.
    public func inputColumns(named names: [String]) -> [[Double]]? {
        var columns: [[Double]] = []
        for name in names {
            guard let index = table.columnIndex(named: name), index != targetIndex else { return nil }
            columns.append(Array(table[column: index]))
        }
        return columns
    }

    public var summary: String {
        "<dataset \(count) samples, inputs [\(inputNames.joined(separator: ", "))] -> \(targetName)>"
    }

    public var memberNames: [String] { ["n", "inputs", "target", "columns"] + table.columnNames.filter(ValueFormatter.isIdentifier) }

    /// Fields: `n`, `inputs` (names), `target` (name), `columns` (all names),
    /// and each column by name as a list of numbers (`data.x`).
    public func member(_ name: String) -> Value? {
        switch name {
        case "n": return .number(Double(count))
        case "inputs": return .list(inputNames.map(Value.string))
        case "target": return .string(targetName)
        case "columns": return .list(table.columnNames.map(Value.string))
        default:
            guard let column = table.column(named: name) else { return nil }
            return .list(column.map { Value.number($0) })
        }
    }
}
