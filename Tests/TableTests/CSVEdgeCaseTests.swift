import Foundation
import Testing
@testable import Table

/// Messy files beyond the everyday cases of `CSVReadingTests`: each is read correctly or
/// refused with a message naming the line and column (docs/data.md).
@Suite struct CSVEdgeCaseTests {
    @Test func trailingCommaInADataRow() {
        #expect(bothMessages("x,y\n1,2\n3,4,\n")
            == "data.csv:3: error: expected 2 cells (one per column of the header), found 3; the last is empty (a trailing comma?)")
        #expect(bothMessages("x,y\n1,2,,\n")
            == "data.csv:2: error: expected 2 cells (one per column of the header), found 4")
    }

    @Test func nulAndControlCharactersInCells() {
        #expect(bothMessages("x,y\n1,\u{0}2\n") == "data.csv:2: error: column 2 (\"y\"): \"\\02\" is not a number")
        #expect(bothMessages("x,y\n1,\u{7}\n") == "data.csv:2: error: column 2 (\"y\"): \"\\u{07}\" is not a number")
        #expect(bothMessages("x,\u{0}\n1,2\n") == nil)
    }

    @Test func everySpellingOfNaNAndInfinity() throws {
        // NaN is a missing value: dropped by default, refused under missing: .error.
        for text in ["nan", "NaN", "NAN", "-nan", "+nan", "snan"] {
            let dropped = try importing(Array("x,y\n1,2\n\(text),3\n".utf8))
            #expect(dropped.missingLines == [3], "\(text)")
            #expect(bothMessages("x,y\n1,\(text)\n", options: CSVReadOptions(missingValues: .error))?
                .contains("\"\(text)\" is a missing value") == true, "\(text)")
        }
        let infinities = ["inf", "+inf", "-inf", "INF", "Infinity", "-Infinity", "infinity", "1e309", "-1e309"]
        for text in infinities {
            #expect(bothMessages("x,y\n1,\(text)\n")?.contains("\"\(text)\" is not a finite number") == true, "\(text)")
            let dropped = try importing(Array("x,y\n1,2\n\(text),3\n".utf8), options: CSVReadOptions(nonFiniteValues: .dropRow))
            #expect(dropped.droppedLines == [3], "\(text)")
        }
        // Missing-value markers are not numbers, but missing: dropped by default.
        for text in ["NA", "null", "n/a", "N/A", "#N/A", "None", "<NA>", "NULL"] {
            #expect(try importing(Array("x,y\n1,2\n\(text),3\n".utf8)).missingLines == [3], "\(text)")
        }
        // Not numbers at all under either policy.
        for text in ["?", "-", "1.2.3", "0x", "1e", "∞"] {
            #expect(bothMessages("x,y\n1,\(text)\n") == "data.csv:2: error: column 2 (\"y\"): \"\(text)\" is not a number")
        }
        // Tiny values are finite: they read as the nearest Double (here 0), not as an error.
        #expect(try Table(csvString: "x\n1e-400\n").values == [0])
    }

    @Test func quotedFieldsWithLineBreaks() throws {
        // A quoted name or number may not hold a line break; the message names the cell.
        #expect(message(reading: "\"x\ny\",z\n1,2\n") == "<csv>:1: error: column 1 (\"x\\ny\"): the column name contains a line break (an unclosed quote?)")
        #expect(message(reading: "x,y\n\"1\n\",2\n") == "<csv>:2: error: column 1 (\"x\"): \"1\\n\" is not a number")
        // A quoted comma is part of the name.
        let table = try Table(csvString: "\"a,b\",c\n1,2\n")
        #expect(table.columnNames == ["a,b", "c"])
    }

    @Test func byteOrderMarkWithCRLFAndQuotes() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("\"x\",y\r\n1,2\r\n\r\n".utf8)
        let table = try importing(bytes).table
        #expect(table.columnNames == ["x", "y"])
        #expect(table.values == [1, 2])
        // A mark with nothing after it is an empty file.
        #expect(throws: TableError(.emptyFile, file: "data.csv")) { try importing([0xEF, 0xBB, 0xBF]) }
    }

    @Test func blankAndSpaceOnlyFiles() {
        for text in ["", " ", "\n", "\r\n\r\n", " \t \n  \n"] {
            #expect(bothMessages(text) == "data.csv: error: the file is empty; expected a header row of column names, then rows of numbers",
                    "\(text.debugDescription)")
        }
    }

    @Test func oneColumnAndOneRow() throws {
        let table = try Table(csvString: "y\n5\n")
        #expect(table.rowCount == 1)
        #expect(table.constantColumnNames == ["y"])
        #expect(throws: TableError(.noInputColumns(columns: ["y"]))) { try table.splittingTarget(.named("y")) }
    }

    /// A million rows read correctly, and an error on the last one names its line.
    @Test func aMillionRows() throws {
        var text = "x,y\n"
        text.reserveCapacity(20_000_000)
        for row in 0..<1_000_000 { text += "\(row),\(Double(row) / 8)\n" }
        let table = try Table(csvString: text)
        #expect(table.rowCount == 1_000_000)
        #expect(table.column(named: "x")?.last == 999_999)
        #expect(table.column(named: "y").map { Array($0)[8] } == 1)
        #expect(message(reading: text + "1,inf\n")
            == "<csv>:1000002: error: column 2 (\"y\"): \"inf\" is not a finite number (infinite, or too large for a Double); fix or remove the row, or leave such rows out with --drop-nonfinite (KanLang: load_csv(path, drop_nonfinite: true))")
        #expect(message(reading: text + "1\n") == "<csv>:1000002: error: expected 2 cells (one per column of the header), found 1")
    }
}
