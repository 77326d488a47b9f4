import Foundation
import KAN
import Symbolic
import Table

/// Data sets: sampling a formula or a function, reading and writing CSV files,
/// and splitting into training and test sets.
///
///     symbols x, y
///     let data = dataset(exp(sin(pi*x) + y^2), ranges: {x: [-1, 1], y: [-1, 1]}, n: 1000)
///     let parts = train_test(x*y, ranges: {x: [0, 1], y: [0, 1]}, n: 800, test: 200)
///     save_csv(data, "f.csv")
///     let back = load_csv("f.csv", target: "f")
public enum DataBuiltins: BuiltinGroup {
    /// More samples than this are refused: a typo (`n: 1e9`) should not exhaust memory.
    static let maxSamples = 10_000_000
    /// Values (samples × columns) a generated data set may hold: 160 MB of Doubles.
    static let maxValues = 20_000_000

    public static var builtins: [Builtin] {
        let sampling: [BuiltinParameter] = [
            .required("source", .oneOf([.expression, .opaque("formula"), .function]),
                      "an expression in the range variables, a formula, or a function of them (by position)"),
            .required("ranges", .record, "{name: [low, high], ...}: the inputs, in order, sampled uniformly"),
            .optional("n", .integer, default: .number(1000), "the number of samples"),
            .optional("seed", .integer, default: .number(0)),
            .optional("noise", .number, default: .number(0), "standard deviation of Gaussian noise added to the target"),
            .optional("target", .string, "the target column's name (default \"f\", or \"f_\" if an input is f)"),
        ]
        return [
            Builtin("dataset", sampling, group: "data",
                    doc: "Samples a formula or a function at uniformly random points (seeded) of the ranges: dataset(x*y, ranges: {x: [-1, 1], y: [-1, 1]}, n: 1000). Every target value must be finite.") { call in
                .opaque(try sample(call, count: try call.integer("n"), countParameter: "n", seed: try seed(call)))
            },
            Builtin("train_test", sampling + [.optional("test", .integer, default: .number(1000), "the number of test samples")],
                    group: "data",
                    doc: "Two independent samples as {train, test}: train_test(f, ranges: {x: [-1, 1]}, n: 1000, test: 1000). The test set uses the next seed.") { call in
                let seed = try seed(call)
                let train = try sample(call, count: try call.integer("n"), countParameter: "n", seed: seed)
                let test = try sample(call, count: try call.integer("test"), countParameter: "test", seed: seed &+ 1)
                return .record(RecordStorage([("train", .opaque(train)), ("test", .opaque(test))]))
            },
            Builtin("split_data", [.required("data", .opaque("dataset")),
                                   .optional("test", .number, default: .number(0.2), "the fraction of rows for the test set"),
                                   .optional("seed", .integer, default: .number(0))],
                    group: "data",
                    doc: "Shuffles the rows (seeded) and splits them into {train, test}: split_data(data, test: 0.2).") { call in
                let data = try dataset(call, "data")
                let fraction = try call.number("test")
                do {
                    let (train, test) = try data.table.trainTestSplit(testFraction: fraction, seed: UInt64(truncatingIfNeeded: try call.integer("seed")))
                    guard let trainValue = DatasetValue(table: train, targetIndex: data.targetIndex),
                          let testValue = DatasetValue(table: test, targetIndex: data.targetIndex) else {
                        throw call.error("cannot split this data set")
                    }
                    return .record(RecordStorage([("train", .opaque(trainValue)), ("test", .opaque(testValue))]))
                } catch let error as KanError {
                    throw error
                } catch {
                    throw call.error("\(error)", at: "test")
                }
            },
            Builtin("column", [.required("data", .opaque("dataset")), .required("name", .string)], group: "data",
                    doc: "A column's values as a list of numbers: column(data, \"x\") (also data.x, unless the name is a field such as n).") { call in
                let data = try dataset(call, "data")
                let name = try call.string("name")
                guard let values = data.table.column(named: name) else {
                    throw call.error("the data set has no column '\(name)'; its columns are \(data.table.columnNames.joined(separator: ", "))", at: "name")
                }
                return .list(values.map { Value.number($0) })
            },
            Builtin("load_csv", [.required("path", .string),
                                 .optional("target", .string, "the target column (default: the last)"),
                                 .optional("drop_nonfinite", .boolean, default: .boolean(false),
                                           "true: leave out rows with infinite values (with a warning) instead of stopping"),
                                 .optional("missing", .string, default: .string("drop"),
                                           "rows with a missing value (empty cell, NA, null, NaN): \"drop\" them (with a warning) or \"error\""),
                                 .optional("delimiter", .string, "the cell separator: \",\", \";\", \"tab\", \"|\" or \":\" (default: detected from the header)")],
                    group: "data",
                    doc: "Reads a CSV file with a header row and numbers in every column: load_csv(\"data.csv\", target: \"y\"). Rows with a missing value are left out with a warning unless missing: \"error\"; an infinite value is an error unless drop_nonfinite is true. Errors name the file, line and column.") { call in
                let path = try call.path("path")
                let missingText = try call.string("missing")
                guard let missing = CSVReadOptions.MissingPolicy(rawValue: missingText) else {
                    throw call.error("missing must be \"drop\" or \"error\", not \(missingText.debugDescription)", at: "missing")
                }
                var delimiter: UInt8?
                if call.has("delimiter") {
                    let text = try call.string("delimiter")
                    guard let byte = CSVDelimiter.parse(text) else {
                        throw call.error("delimiter must be one of \",\", \";\", \"tab\", \"|\", \":\", not \(text.debugDescription)", at: "delimiter")
                    }
                    delimiter = byte
                }
                let options = CSVReadOptions(missingValues: missing,
                                             nonFiniteValues: try call.boolean("drop_nonfinite") ? .dropRow : .reject,
                                             delimiter: delimiter)
                let table: Table
                do {
                    let loaded = try Table.importCSV(atPath: path, options: options)
                    if let note = loaded.droppedRowsNote {
                        let hint = loaded.missingLines.isEmpty ? "" : " (missing: \"error\" refuses missing values)"
                        call.interpreter.warn("\(call.location): warning: \(path): \(note)\(hint)")
                    }
                    table = loaded.table
                } catch let error as TableError {
                    throw call.error(error.placedReason, at: "path")
                } catch {
                    throw call.error("\(error)", at: "path")
                }
                var targetIndex = table.columnCount - 1
                if call.has("target") {
                    let name = try call.string("target")
                    guard let index = table.columnIndex(named: name) else {
                        throw call.error("'\(path)' has no column \(name.debugDescription); its columns are \(table.columnNames.map(\.debugDescription).joined(separator: ", "))", at: "target")
                    }
                    targetIndex = index
                }
                guard let data = DatasetValue(table: table, targetIndex: targetIndex) else {
                    throw call.error("'\(path)' has only the column \(table.columnNames.map(\.debugDescription).joined(separator: ", ")); a data set needs inputs and a target", at: "path")
                }
                return .opaque(data)
            },
            Builtin("save_csv", [.required("data", .opaque("dataset")), .required("path", .string)], group: "data",
                    doc: "Writes a data set as CSV (header row, then one row per sample; values round-trip exactly): save_csv(data, \"data.csv\").") { call in
                let data = try dataset(call, "data")
                let path = try call.path("path")
                do {
                    try data.table.write(to: URL(fileURLWithPath: path))
                } catch let error as TableError {
                    throw call.error("cannot write '\(path)': \(error.writeFailureReason ?? error.description)", at: "path")
                } catch {
                    throw call.error("cannot write '\(path)': \(error)", at: "path")
                }
                return .nil
            },
        ]
    }

    static func dataset(_ call: BuiltinCall, _ name: String) throws(KanError) -> DatasetValue {
        try call.object(name, as: DatasetValue.self)
    }

    static func seed(_ call: BuiltinCall) throws(KanError) -> UInt64 {
        UInt64(truncatingIfNeeded: try call.integer("seed"))
    }

    /// The ranges record as (name, low, high) triples, checked.
    static func ranges(_ call: BuiltinCall) throws(KanError) -> [(name: String, low: Double, high: Double)] {
        var result: [(name: String, low: Double, high: Double)] = []
        for entry in try call.record("ranges").entries {
            guard case .list(let bounds) = entry.value, bounds.elements.count == 2,
                  let low = bounds.elements[0].numberValue, let high = bounds.elements[1].numberValue else {
                throw call.error("the range of '\(entry.key)' must be a list [low, high] of two numbers", at: "ranges")
            }
            guard low.isFinite, high.isFinite, low <= high else {
                throw call.error("the range of '\(entry.key)' must have finite low <= high, got [\(ValueFormatter.format(low)), \(ValueFormatter.format(high))]",
                                 at: "ranges")
            }
            guard ValueFormatter.isIdentifier(entry.key) else {
                throw call.error("'\(entry.key)' is not a valid variable name", at: "ranges")
            }
            result.append((entry.key, low, high))
        }
        guard !result.isEmpty else { throw call.error("ranges must name at least one variable, e.g. {x: [-1, 1]}", at: "ranges") }
        return result
    }

    /// Samples `source` at `count` uniform points: inputs from one generator, noise
    /// from another, so adding noise does not move the points.
    static func sample(_ call: BuiltinCall, count: Int, countParameter: String, seed: UInt64) throws(KanError) -> DatasetValue {
        let ranges = try ranges(call)
        guard (1...maxSamples).contains(count) else {
            throw call.error("\(countParameter) must be between 1 and \(maxSamples), got \(count)", at: countParameter)
        }
        guard count * (ranges.count + 1) <= maxValues else {
            throw call.error("\(count) samples of \(ranges.count + 1) columns are more than \(maxValues) values", at: countParameter)
        }
        let noise = try call.number("noise")
        guard noise.isFinite, noise >= 0 else { throw call.error("noise must be a finite number >= 0", at: "noise") }
        let names = ranges.map(\.name)
        var targetName = names.contains("f") ? "f_" : "f"
        if call.has("target") { targetName = try call.string("target") }
        guard !names.contains(targetName) else {
            throw call.error("the target name '\(targetName)' is also an input", at: "target")
        }
        var generator = SeededGenerator(seed: seed)
        var columns = ranges.map { _ in [Double](repeating: 0, count: count) }
        for row in 0..<count {
            for (index, range) in ranges.enumerated() {
                columns[index][row] = generator.nextUniform(in: range.low...range.high)
            }
        }
        var target = try evaluate(call, names: names, columns: columns, count: count)
        if let bad = target.firstIndex(where: { !$0.isFinite }) {
            let point = names.indices.map { "\(names[$0]) = \(ValueFormatter.format(columns[$0][bad]))" }.joined(separator: ", ")
            throw call.error("the source is \(ValueFormatter.format(target[bad])) at \(point); choose ranges where it is finite",
                             at: "source")
        }
        if noise > 0 {
            var noiseGenerator = SeededGenerator(seed: seed ^ 0x6E6F_6973_6500_0000)
            for row in 0..<count { target[row] += noise * gaussian(&noiseGenerator) }
        }
        do {
            let table = try Table(columnNames: names + [targetName], columns: columns + [target])
            guard let data = DatasetValue(table: table, targetIndex: names.count) else {
                throw call.error("cannot make a data set from these ranges")
            }
            return data
        } catch let error as KanError {
            throw error
        } catch {
            throw call.error("\(error)", at: "target")
        }
    }

    /// The source's values at each row of `columns`.
    static func evaluate(_ call: BuiltinCall, names: [String], columns: [[Double]], count: Int) throws(KanError) -> [Double] {
        let source = try call.value("source")
        if case .function(let function) = source {
            var values = [Double](repeating: 0, count: count)
            for row in 0..<count {
                let result = try call.call(function, names.indices.map { .number(columns[$0][row]) })
                guard let number = result.numberValue else {
                    throw call.error("the function must return a number, got \(result.typeName)", at: "source")
                }
                values[row] = number
            }
            return values
        }
        guard let expression = SymbolicBuilder.operand(source)?.expression else {
            throw call.error("source must be an expression, a formula or a function", at: "source")
        }
        if let missing = expression.freeSymbols.sorted().first(where: { !names.contains($0) }) {
            throw call.error("the source uses '\(missing)', which has no range", at: "ranges")
        }
        do {
            return try expression.compile(variables: names).evaluate(columns: columns)
        } catch {
            throw call.error("cannot evaluate the source: \(error)", at: "source")
        }
    }

    /// A standard normal deviate (Box–Muller).
    static func gaussian(_ generator: inout SeededGenerator) -> Double {
        let u = max(generator.nextUniform(), Double.leastNormalMagnitude)
        let v = generator.nextUniform()
        return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
    }
}
