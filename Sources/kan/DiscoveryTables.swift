import Foundation
import Table

/// The training and optional test data of `kan discover`, as columns.
struct DiscoveryTables {
    struct Part {
        var columns: [[Double]]
        var target: [Double]
    }

    var names: [String]
    var targetName: String
    var train: Part
    var test: Part?

    struct MismatchError: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads DATA.csv (and TEST.csv), splits off the target, and checks that the test
    /// table has the same variables. Dropped rows and constant columns are reported on
    /// standard error unless `quiet`.
    static func load(data: String, test: String?, target: String?, options: CSVReadOptions, quiet: Bool) throws -> DiscoveryTables {
        let selection: TargetColumn = target.map { .named($0) } ?? .last
        let (names, targetName, trainPart) = try part(path: data, selection: selection, options: options, quiet: quiet)
        var testPart: Part?
        if let test {
            let (testNames, testTarget, loaded) = try part(path: test, selection: .named(targetName), options: options, quiet: quiet)
            guard testNames == names else {
                func list(_ names: [String]) -> String { names.map { $0.debugDescription }.joined(separator: ", ") }
                throw MismatchError(description: "\(displayName(test)): error: its input columns \(list(testNames)) differ from "
                    + "\(displayName(data))'s \(list(names)) (target \(testTarget.debugDescription)); "
                    + "the test table needs the same columns")
            }
            testPart = loaded
        }
        return DiscoveryTables(names: names, targetName: targetName, train: trainPart, test: testPart)
    }

    /// How messages name a path: standard input as `<stdin>`.
    static func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }

    private static func part(path: String, selection: TargetColumn, options: CSVReadOptions, quiet: Bool) throws -> ([String], String, Part) {
        let imported = try Table.importCSV(atPath: path, options: options)
        // Even with --quiet: rows left out change what the formula is fitted to.
        if let note = imported.droppedRowsNote {
            var hints: [String] = []
            if !imported.missingLines.isEmpty { hints.append("--missing error refuses them") }
            if !imported.nonFiniteLines.isEmpty { hints.append("without --drop-nonfinite they are refused") }
            StandardError.write("\(displayName(path)): note: \(note) (\(hints.joined(separator: "; ")))\n")
        }
        let inputs: Table, target: TableColumn
        do {
            (inputs, target) = try imported.table.splittingTarget(selection)
        } catch var error as TableError {
            // The table does not know its file; the reader of the message needs it.
            error.file = displayName(path)
            throw error
        }
        if !quiet {
            for name in inputs.constantColumnNames {
                StandardError.write("\(path): warning: column \"\(name)\" is constant; it cannot take part in a formula\n")
            }
        }
        let columns = (0..<inputs.columnCount).map { Array(inputs[column: $0]) }
        return (inputs.columnNames, target.name, Part(columns: columns, target: target.values))
    }
}
