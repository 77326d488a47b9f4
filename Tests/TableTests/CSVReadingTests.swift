import Foundation
import Testing
@testable import Table

/// Reads `text` through the public entry point and returns the error message, or `nil`.
func message(reading text: String, options: CSVReadOptions = CSVReadOptions()) -> String? {
    do {
        _ = try Table(csvString: text, options: options)
        return nil
    } catch {
        return "\(error)"
    }
}

/// Reads `bytes` as if from `data.csv`, through the scanner the text selects or, when
/// `quoted`, through CSV.swift's reader.
func importing(_ bytes: [UInt8], quoted: Bool = false,
               options: CSVReadOptions = CSVReadOptions()) throws -> CSVImport {
    try Table.importCSV(bytes: bytes[...], file: "data.csv", options: options, forceQuotedScanner: quoted)
}

/// The message for `text` read as `data.csv` by both scanners, which must agree.
func bothMessages(_ text: String, options: CSVReadOptions = CSVReadOptions()) -> String? {
    var messages: [String?] = []
    for quoted in [false, true] {
        do {
            _ = try importing(Array(text.utf8), quoted: quoted, options: options)
            messages.append(nil)
        } catch {
            messages.append("\(error)")
        }
    }
    #expect(messages[0] == messages[1])
    return messages[0]
}

@Suite struct CSVReadingTests {
    @Test func simpleFile() throws {
        let table = try Table(csvString: "x,y\n1,2\n3.5,-4e2\n")
        #expect(table.columnNames == ["x", "y"])
        #expect(table.rowCount == 2)
        #expect(table.values == [1, 3.5, 2, -400])
    }

    @Test func bothScannersAgreeOnValidFiles() throws {
        let texts = [
            "x,y\n1,2\n3,4",
            "x,y\r\n1,2\r\n3,4\r\n",
            " x , y \n 1 ,\t2\n",
            "x,y\n1,2\n\n\n",
            "x,y\n1,2\r\n\r\n",
            "θ,λ\n0x1p-2,+.5\n",
        ]
        for text in texts {
            let fast = try importing(Array(text.utf8))
            let general = try importing(Array(text.utf8), quoted: true)
            #expect(fast == general, "\(text.debugDescription)")
        }
    }

    @Test func quotedFields() throws {
        let table = try Table(csvString: "\"x, in m\",\"say \"\"hi\"\"\",y\n\"1\", \"2.5\" ,3\n")
        #expect(table.columnNames == ["x, in m", "say \"hi\"", "y"])
        #expect(table.values == [1, 2.5, 3])
    }

    @Test func crlfAndTrailingNewlineAndBlankEndLines() throws {
        let table = try Table(csvString: "a,b\r\n1,2\r\n3,4\r\n\r\n  \r\n")
        #expect(table.rowCount == 2)
        #expect(table.values == [1, 3, 2, 4])
        #expect(try Table(csvString: "a,b\n1,2").rowCount == 1)
        #expect(try Table(csvString: "a,b\r1,2\r").rowCount == 1)
    }

    @Test func byteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("x,y\n1,2\n".utf8)
        for quoted in [false, true] {
            let table = try importing(bytes, quoted: quoted).table
            #expect(table.columnNames == ["x", "y"])
        }
    }

    @Test func surroundingSpaces() throws {
        let table = try Table(csvString: "  x ,\ty\t\n  1.5 , 2 \n")
        #expect(table.columnNames == ["x", "y"])
        #expect(table.values == [1.5, 2])
    }

    @Test func swiftNumberSyntax() throws {
        let table = try Table(csvString: "a,b,c,d,e,f\n1e3,-0.0,.5,5.,0x10,+7\n")
        #expect(table.values == [1000, 0, 0.5, 5, 16, 7])
        #expect(table.values[1].sign == .minus)
    }

    @Test func singleRowAndConstantColumnAreAllowed() throws {
        let table = try Table(csvString: "x,c,y\n1,5,2\n")
        #expect(table.rowCount == 1)
        let constant = try Table(csvString: "x,c,y\n1,5,2\n2,5,4\n")
        #expect(constant.constantColumnNames == ["c"])
    }

    @Test func emptyFile() {
        #expect(bothMessages("") == "data.csv: error: the file is empty; expected a header row of column names, then rows of numbers")
        #expect(bothMessages("\n\n") == bothMessages(""))
        #expect(message(reading: "") == "<csv>: error: the file is empty; expected a header row of column names, then rows of numbers")
    }

    @Test func emptyOrMissingHeader() {
        #expect(bothMessages("\nx,y\n1,2\n") == "data.csv:1: error: the first line is blank; it must be the header row of column names, such as x,y")
        #expect(bothMessages("1,2\n3,4\n") == "data.csv:1: error: the first line holds numbers, not column names; add a header row such as x1,x2,y")
    }

    @Test func badColumnNames() {
        #expect(bothMessages("x,,y\n1,2,3\n") == "data.csv:1: error: column 2: the column has no name in the header (a stray or trailing comma?)")
        #expect(bothMessages("x,y,\n1,2,3\n") == "data.csv:1: error: column 3: the column has no name in the header (a stray or trailing comma?)")
        #expect(bothMessages("x,y,x\n1,2,3\n") == "data.csv:1: error: column 3 (\"x\"): the name repeats column 1's; every column needs its own name")
        #expect(bothMessages("x, y ,y\n1,2,3\n") == "data.csv:1: error: column 3 (\"y\"): the name repeats column 2's; every column needs its own name")
        #expect(message(reading: "x,\"a\nb\"\n1,2\n") == "<csv>:1: error: column 2 (\"a\\nb\"): the column name contains a line break (an unclosed quote?)")
    }

    @Test func headerOnly() {
        #expect(bothMessages("x,y\n") == "data.csv:1: error: only a header row; expected at least one row of numbers after it")
        #expect(bothMessages("x,y") == bothMessages("x,y\n"))
        #expect(bothMessages("x,y\n\n\n") == bothMessages("x,y\n"))
    }

    @Test func raggedRows() {
        #expect(bothMessages("x,y,z\n1,2,3\n4,5\n") == "data.csv:3: error: expected 3 cells (one per column of the header), found 2")
        #expect(bothMessages("x,y\n1,2,3\n") == "data.csv:2: error: expected 2 cells (one per column of the header), found 3")
    }

    @Test func blankLineBetweenRows() {
        #expect(bothMessages("x,y\n1,2\n\n3,4\n") == "data.csv:3: error: blank line between data rows; blank lines are allowed only at the end of the file")
    }

    @Test func nonNumericAndEmptyCells() {
        #expect(bothMessages("x,y\n1,2\n3,abc\n") == "data.csv:3: error: column 2 (\"y\"): \"abc\" is not a number")
        #expect(bothMessages("x,y\n1, \n", options: CSVReadOptions(missingValues: .error))
            == "data.csv:2: error: column 2 (\"y\"): empty cell (a missing value); fill it in, or leave such rows out with --missing drop (KanLang: load_csv(path, missing: \"drop\"))")
        #expect(bothMessages("x,y\n1, \n") == "data.csv: error: all 1 data row has missing values; no rows are left")
        #expect(bothMessages("x,y\n1,2\n1,000,2\n") == "data.csv:3: error: expected 2 cells (one per column of the header), found 3")
        #expect(bothMessages("x,y\n1 2,3\n") == "data.csv:2: error: column 1 (\"x\"): \"1 2\" is not a number")
        #expect(message(reading: "x,y\n\"1\",\"2\n3,4\n") == "<csv>:2: error: column 2 (\"y\"): \"2\\n3,4\\n\" is not a number")
    }

    @Test func longCellTextIsShortened() {
        let long = String(repeating: "a", count: 100)
        #expect(message(reading: "x\n\(long)\n") == "<csv>:2: error: column 1 (\"x\"): \"\(String(repeating: "a", count: 40))…\" is not a number")
    }

    @Test func infiniteValuesAreRejectedByDefault() {
        for text in ["inf", "-Infinity", "1e999"] {
            #expect(bothMessages("x,y\n1,2\n3,\(text)\n")
                == "data.csv:3: error: column 2 (\"y\"): \"\(text)\" is not a finite number (infinite, or too large for a Double); fix or remove the row, or leave such rows out with --drop-nonfinite (KanLang: load_csv(path, drop_nonfinite: true))")
        }
        // NaN is a missing value: refused only under missing: .error, naming that flag.
        for text in ["nan", "NaN", "-nan"] {
            #expect(bothMessages("x,y\n1,2\n3,\(text)\n", options: CSVReadOptions(missingValues: .error))
                == "data.csv:3: error: column 2 (\"y\"): \"\(text)\" is a missing value; fill it in, or leave such rows out with --missing drop (KanLang: load_csv(path, missing: \"drop\"))")
        }
    }

    @Test func nonFiniteRowsCanBeDropped() throws {
        let options = CSVReadOptions(nonFiniteValues: .dropRow)
        for quoted in [false, true] {
            let result = try importing(Array("x,y\n1,2\nnan,3\n4,inf\n5,6\n".utf8), quoted: quoted, options: options)
            #expect(result.table.values == [1, 5, 2, 6])
            #expect(result.droppedLines == [3, 4])
            #expect(result.missingLines == [3])
            #expect(result.nonFiniteLines == [4])
            #expect(result.droppedRowCount == 2)
            #expect(result.droppedRowsNote == "dropped 1 row with missing values (line 3); dropped 1 row with NaN or infinite values (line 4)")
            // Under missing: .error, a NaN is dropped by the non-finite policy instead.
            let strict = try importing(Array("x,y\n1,2\nnan,3\n4,inf\n5,6\n".utf8), quoted: quoted,
                                       options: CSVReadOptions(missingValues: .error, nonFiniteValues: .dropRow))
            #expect(strict.nonFiniteLines == [3, 4])
            #expect(strict.droppedRowsNote == "dropped 2 rows with NaN or infinite values (lines 3, 4)")
        }
        #expect(message(reading: "x,y\nnan,1\n1,inf\n", options: options) == "<csv>: error: all 2 data rows have missing, NaN or infinite values; no rows are left")
        #expect(message(reading: "x,y\n,1\n1,NA\n") == "<csv>: error: all 2 data rows have missing values; no rows are left")
        // Dropping applies to non-finite numbers only; text is still an error.
        #expect(message(reading: "x,y\nnan,abc\n", options: options) == "<csv>:2: error: column 2 (\"y\"): \"abc\" is not a number")
        #expect(try Table.importCSV(string: "x\n1\n").droppedRowsNote == nil)
    }

    @Test func invalidUTF8() {
        let bytes = Array("x,y\n1,2\n3,".utf8) + [0xFF] + Array("\n".utf8)
        #expect(throws: TableError(.invalidUTF8(byte: 0xFF), file: "data.csv", line: 3, column: 2)) {
            try importing(bytes)
        }
        let error = TableError(.invalidUTF8(byte: 0xFF), file: "data.csv", line: 3, column: 2)
        #expect(error.description == "data.csv:3: error: column 2: invalid UTF-8 (byte 0xFF); save the file as UTF-8 text")
        let utf16: [UInt8] = [0xFF, 0xFE, 0x78, 0x00]
        #expect(throws: TableError(.invalidUTF8(byte: 0xFF), file: "data.csv", line: 1, column: 1)) {
            try importing(utf16)
        }
    }

    @Test func errorKindsAndLocationsCanBeMatched() {
        do {
            _ = try importing(Array("x,y\n1,z\n".utf8))
            Issue.record("expected an error")
        } catch let error as TableError {
            #expect(error.kind == .notANumber("z"))
            #expect(error.line == 2)
            #expect(error.column == 2)
            #expect(error.columnName == "y")
            #expect(error.reason == "\"z\" is not a number")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
