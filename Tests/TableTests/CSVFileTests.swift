import Foundation
import Testing
@testable import Table

/// A fresh folder for one test, removed by the caller.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("TableTests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite struct CSVFileTests {
    @Test func roundTripIsExact() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try Table(
            columnNames: ["x", "a, b", "say \"hi\"", "θ", "y"],
            columns: [[0.1, 1e-300, -0.0], [1.0 / 3.0, .pi, .leastNonzeroMagnitude], [1e300, -2.5, 123456789.123456789],
                      [.greatestFiniteMagnitude, 0, 1], [7, 8, 9]])
        let url = folder.appendingPathComponent("out.csv")
        try original.write(to: url)
        let read = try Table(contentsOfCSV: url)
        #expect(read == original)
        #expect(read.values.map(\.bitPattern) == original.values.map(\.bitPattern))
        #expect(try Table(csvString: original.csvString()) == original)
        // Overwriting replaces the file and leaves no temporary file behind.
        try original.selecting(columns: ["y"]).write(to: url)
        #expect(try Table(contentsOfCSV: url).columnNames == ["y"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.csv"])
    }

    @Test func csvText() throws {
        let table = try Table(columnNames: ["x", "y,z"], columns: [[1, 0.1], [1e-05, -3]])
        #expect(table.csvString() == "x,\"y,z\"\n1.0,1e-05\n0.1,-3.0\n")
    }

    @Test func missingFileAndFolder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("nothing.csv")
        #expect(throws: TableError(.fileNotFound, file: missing.path)) { try Table(contentsOfCSV: missing) }
        #expect(TableError(.fileNotFound, file: "data.csv").description == "data.csv: error: the file does not exist")
        #expect(throws: TableError(.unreadableFile(reason: "it is a folder, not a file"), file: folder.path)) {
            try Table(contentsOfCSV: folder)
        }
        let table = try Table(columnNames: ["x"], columns: [[1]])
        let nowhere = folder.appendingPathComponent("no/such/out.csv")
        #expect(throws: TableError(.writeFailed(reason: "the folder does not exist"), file: nowhere.path)) {
            try table.write(to: nowhere)
        }
    }

    @Test func relativePathsStayRelativeInMessages() throws {
        let url = URL(fileURLWithPath: "surely-missing-\(UUID().uuidString).csv")
        #expect(throws: TableError(.fileNotFound, file: url.relativePath)) { try Table(contentsOfCSV: url) }
        #expect(!url.relativePath.hasPrefix("/"))
    }

    @Test func fileErrorsCarryTheFileName() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("bad.csv")
        try Data("x,y\n1,oops\n".utf8).write(to: url)
        #expect(throws: TableError(.notANumber("oops"), file: url.path, line: 2, column: 2, columnName: "y")) {
            try Table(contentsOfCSV: url)
        }
    }

    @Test func writeErrorMessages() {
        // Root ignores folder permissions and a full disk cannot be staged in a test, so
        // the mapping from errno to words is checked directly.
        #expect(writeError(EACCES, name: "out.csv").description
            == "out.csv: error: cannot write the file: permission denied (is the folder read-only?)")
        #expect(writeError(EROFS, name: "out.csv").reason == "cannot write the file: the file system is read-only")
        #expect(writeError(ENOSPC, name: "out.csv").reason == "cannot write the file: the disk is full")
    }

    @Test func onlyFileURLs() throws {
        let url = try #require(URL(string: "https://example.com/data.csv"))
        #expect(throws: TableError(.notAFileURL("https://example.com/data.csv"))) { try Table(contentsOfCSV: url) }
    }

    /// Both scanners (the fast one and CSV.swift's, which quoted fields need) read the same
    /// import from a file of many rows: numbers in every notation, a quoted header, blank
    /// and signed fields; and the table written back reads as the same table.
    @Test func bothScannersReadALargeFileAlike() throws {
        var rng = SplitMix64(seed: 7)
        var text = "x,\"a, b\",y\n"
        for row in 0..<20_000 {
            let a = Double(rng.next() % 2_000_001) / 1000 - 1000
            let b = Double(rng.next() % 1_000_000) * 1e-12
            let cells = [String(a), row % 97 == 0 ? "" : String(format: "%.17g", b), "\(Int(rng.next() % 10_000) - 5000)e-2"]
            text += cells.joined(separator: ",") + "\n"
        }
        let bytes = Array(text.utf8)
        let fast = try Table.importCSV(bytes: bytes[...], file: "large.csv", options: CSVReadOptions(), forceQuotedScanner: false)
        let quoted = try Table.importCSV(bytes: bytes[...], file: "large.csv", options: CSVReadOptions(), forceQuotedScanner: true)
        #expect(fast == quoted)
        // Rows with a blank cell are left out (the default missing-value policy).
        #expect(fast.table.rowCount == 20_000 - (0..<20_000).filter { $0 % 97 == 0 }.count)
        let again = try Table.importCSV(string: fast.table.csvString())
        #expect(again.table == fast.table)
    }
}
