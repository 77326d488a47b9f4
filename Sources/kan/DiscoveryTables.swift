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
                throw MismatchError(description: "\(test): its variables \(testNames) differ from \(data)'s \(names)")
            }
            _ = testTarget
            testPart = loaded
        }
        return DiscoveryTables(names: names, targetName: targetName, train: trainPart, test: testPart)
    }

    private static func part(path: String, selection: TargetColumn, options: CSVReadOptions, quiet: Bool) throws -> ([String], String, Part) {
        let imported = try Table.importCSV(atPath: path, options: options)
        if !quiet, let note = imported.droppedRowsNote {
            StandardError.write("\(path): note: \(note)\n")
        }
        let (inputs, target) = try imported.table.splittingTarget(selection)
        if !quiet {
            for name in inputs.constantColumnNames {
                StandardError.write("\(path): warning: column \"\(name)\" is constant; it cannot take part in a formula\n")
            }
        }
        let columns = (0..<inputs.columnCount).map { Array(inputs[column: $0]) }
        return (inputs.columnNames, target.name, Part(columns: columns, target: target.values))
    }
}
