// libFuzzer target for the CSV reader: any byte sequence is read as a CSV file, as
// `load_csv` and `kan discover` read one.
//
// Built and run by `scripts/fuzz` (see docs/hardening.md); not part of the package.
// Besides crashes, the checks below are findings: an error that is not a `TableError`,
// a row or cell error without its line or column, a table with non-finite values, and
// the two scanners (byte-level for unquoted files, CSV.swift's for quoted ones)
// disagreeing on a file both can read.
@testable import Table
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func csvFuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: bytes, count: count))
    // The first byte picks the policy for NaN and infinite cells, so both get explored.
    guard let selector = input.first else { return 0 }
    let options = CSVReadOptions(nonFiniteValues: selector & 1 == 0 ? .reject : .dropRow)
    let text = input.dropFirst()
    let fast = read(text, options: options, forceQuotedScanner: false)
    if !text.contains(UInt8(ascii: "\"")) {
        // Without quotes the byte scanner ran; the quoted scanner must read the same table.
        let quoted = read(text, options: options, forceQuotedScanner: true)
        if case .success(let a) = fast, case .success(let b) = quoted, a != b {
            fatalError("fuzz: the scanners read different tables:\n\(a)\n\(b)")
        }
        if case .success = fast, case .failure(let error) = quoted {
            fatalError("fuzz: only the byte scanner reads this file; the quoted scanner says \(error)")
        }
        if case .failure(let error) = fast, case .success = quoted {
            fatalError("fuzz: only the quoted scanner reads this file; the byte scanner says \(error)")
        }
    }
    return 0
}

/// Reads and checks one file: a clear, located error, or a well-formed table.
func read(_ bytes: ArraySlice<UInt8>, options: CSVReadOptions, forceQuotedScanner: Bool) -> Result<CSVImport, TableError> {
    do {
        let result = try Table.importCSV(bytes: bytes, file: "fuzz.csv", options: options,
                                         forceQuotedScanner: forceQuotedScanner)
        let table = result.table
        guard table.columnCount > 0, table.rowCount > 0, table.values.count == table.columnCount * table.rowCount else {
            fatalError("fuzz: a malformed table: \(table.columnCount) columns, \(table.rowCount) rows, \(table.values.count) values")
        }
        guard table.values.allSatisfy(\.isFinite) else { fatalError("fuzz: a table with NaN or infinite values") }
        return .success(result)
    } catch let error as TableError {
        checkLocated(error)
        return .failure(error)
    } catch {
        fatalError("fuzz: an error that is not a TableError: \(error)")
    }
}

/// Errors about a row name its line; errors about a cell also name its column.
func checkLocated(_ error: TableError) {
    switch error.kind {
    case .emptyCell, .notANumber, .nonFiniteValue, .emptyColumnName, .lineBreakInColumnName, .duplicateColumnName:
        guard error.line != nil, error.column != nil else { fatalError("fuzz: a cell error without line and column: \(error)") }
    case .raggedRow, .blankLine, .missingHeader, .emptyHeader, .invalidUTF8:
        guard error.line != nil else { fatalError("fuzz: a row error without a line: \(error)") }
    default:
        break
    }
    guard error.file == "fuzz.csv" else { fatalError("fuzz: an error that does not name the file: \(error)") }
}
