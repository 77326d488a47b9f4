import Foundation
import Testing
@testable import Table

/// Where a table can come from, and what reading one holds: pipes and standard input
/// are read as streams, devices are refused, the size limit is enforced, and the
/// builder's storage is the table's.
@Suite struct CSVSourceTests {
    @Test func aPipeIsReadAndALargeFileIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("data.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        Thread.detachNewThread {
            let handle = FileHandle(forWritingAtPath: fifo)
            handle?.write(Data("x,y\n1,2\n3,4\n".utf8))
            try? handle?.close()
        }
        let table = try Table.importCSV(atPath: fifo).table
        #expect(table.columnNames == ["x", "y"] && table.values == [1, 3, 2, 4])

        let file = folder.appendingPathComponent("big.csv")
        try Data("x,y\n1,2\n3,4\n".utf8).write(to: file)
        #expect(throws: TableError(.unreadableFile(reason: "it holds more than 10 bytes, the most kan reads from such a file"), file: file.path)) {
            try Table.importCSV(atPath: file.path, options: CSVReadOptions(sizeLimit: 10))
        }
        #expect(try Table.importCSV(atPath: file.path, options: CSVReadOptions(sizeLimit: 12)).table.rowCount == 2)
    }

    @Test func aDeviceIsRefused() throws {
        guard geteuid() == 0 else {
            print("skipped: making device nodes with mknod needs root")
            return
        }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let zero = folder.appendingPathComponent("zero").path
        #expect(mknod(zero, S_IFCHR | 0o666, dev_t((1 << 8) | 5)) == 0)
        #expect {
            try Table.importCSV(atPath: zero)
        } throws: { error in
            (error as? TableError)?.description.hasPrefix("\(zero): error: cannot read the file: it is a character device") == true
        }
    }

    /// A table one row high and 100,000 columns wide, the shape that cost 12 times the
    /// file when every column had an array of its own.
    @Test func aWideOneRowTable() throws {
        let count = 100_000
        let header = (0..<count).map { "x\($0)" }.joined(separator: ",")
        let row = (0..<count).map { "\(Double($0) / 8)" }.joined(separator: ",")
        let table = try Table(csvString: header + "\n" + row + "\n")
        #expect(table.rowCount == 1 && table.columnCount == count)
        #expect(table.values == (0..<count).map { Double($0) / 8 })
    }

    /// Dropped rows, trailing blank lines and CR line ends leave room unused; the table
    /// closes the gaps. And when the row hint is too small, the storage grows.
    @Test func theStorageFitsTheRowsKept() throws {
        let text = "a,b,c\r1,2,3\r4,nan,6\r7,8,9\r\r\r"
        let imported = try Table.importCSV(string: text, options: CSVReadOptions(nonFiniteValues: .dropRow))
        #expect(imported.table.values == [1, 7, 2, 8, 3, 9])
        #expect(imported.droppedLines == [3])
        var builder = TableBuilder(file: nil, options: CSVReadOptions(), expectedRowCount: 1)
        try builder.add(record: ["x", "y"], line: 1)
        for row in 0..<37 { try builder.add(record: ["\(row)", "\(-row)"], line: row + 2) }
        let grown = try builder.finish().table
        #expect(grown.values == (0..<37).map(Double.init) + (0..<37).map { -Double($0) })
    }

    /// A ragged row is reported before a bad cell in it, as when records were whole.
    @Test func raggedRowsAreReportedBeforeTheirCells() throws {
        #expect(throws: TableError(.raggedRow(expected: 2, found: 3), file: nil, line: 2)) {
            try Table(csvString: "x,y\nabc,1,2\n")
        }
        #expect(throws: TableError(.trailingComma(expected: 2), file: nil, line: 2)) {
            try Table(csvString: "x,y\nabc,1,\n")
        }
    }
}
