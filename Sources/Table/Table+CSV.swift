import FileIO
import Foundation

extension Table {
    /// Reads a table from the CSV file at `url`: a header row of column names, then rows
    /// of numbers, one cell per column.
    ///
    ///     let table = try Table(contentsOfCSV: URL(fileURLWithPath: "data.csv"))
    ///
    /// Throws a `TableError` naming the file, line and column of the first problem. With
    /// `.dropRow` for NaN and infinite values, use `importCSV(contentsOf:options:)` to
    /// learn how many rows were dropped. The format is described in `docs/data.md`.
    public init(contentsOfCSV url: URL, options: CSVReadOptions = CSVReadOptions()) throws {
        self = try Table.importCSV(contentsOf: url, options: options).table
    }

    /// Reads a table from CSV text (see `init(contentsOfCSV:options:)`); messages name
    /// the text `<csv>`.
    public init(csvString: String, options: CSVReadOptions = CSVReadOptions()) throws {
        self = try Table.importCSV(string: csvString, options: options).table
    }

    /// Reads the CSV file at `url` into a table, reporting which rows were dropped.
    ///
    /// Messages name the file by its path as given (a relative path stays relative).
    public static func importCSV(contentsOf url: URL, options: CSVReadOptions = CSVReadOptions()) throws -> CSVImport {
        guard url.isFileURL else { throw TableError(.notAFileURL(url.absoluteString)) }
        let name = url.relativePath
        let bytes = try readFileBytes(path: url.path, name: name, limit: options.sizeLimit)
        return try importCSV(bytes: bytes[...], file: name, options: options)
    }

    /// Reads the CSV file at `path`, or standard input when `path` is `-` (messages then
    /// name it `<stdin>`), into a table. Devices and folders are refused, and no more than
    /// `options.sizeLimit` bytes are read (see FileIO's `readEntireFile`).
    public static func importCSV(atPath path: String, options: CSVReadOptions = CSVReadOptions()) throws -> CSVImport {
        let name = path == standardInputPath ? "<stdin>" : path
        let bytes = try readFileBytes(path: path, name: name, limit: options.sizeLimit)
        return try importCSV(bytes: bytes[...], file: name, options: options)
    }

    /// Reads CSV text into a table, reporting which rows were dropped.
    public static func importCSV(string: String, options: CSVReadOptions = CSVReadOptions()) throws -> CSVImport {
        try importCSV(bytes: Array(string.utf8)[...], file: nil, options: options)
    }

    /// Reads CSV bytes: strips a UTF-8 byte-order mark, checks the encoding, finds the
    /// delimiter (given in `options`, or detected from the header), then scans.
    ///
    /// Files without a double quote take the byte-level `scanUnquotedCSV`; the rest go
    /// through CSV.swift's `CSVReader` (`scanQuotedCSV`), which handles quoting correctly
    /// but walks the text one `Unicode.Scalar` at a time through a type-erased iterator
    /// and builds each field scalar by scalar: about nine times the byte scanner's CPU time
    /// (measurements in `docs/data.md`, "Performance"). Numeric data is rarely quoted, so
    /// the quoted path keeps correctness where the fast one could not.
    /// `forceQuotedScanner` lets tests check that both paths agree.
    static func importCSV(bytes: ArraySlice<UInt8>, file: String?, options: CSVReadOptions,
                          forceQuotedScanner: Bool = false) throws -> CSVImport {
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let offset = firstInvalidUTF8Offset(validatingInChunks: bytes) {
            throw invalidUTF8Error(in: bytes, at: offset, file: file)
        }
        let delimiter = options.delimiter ?? CSVDelimiter.detect(bytes)
        var builder = TableBuilder(file: file, options: options, delimiter: delimiter, expectedRowCount: lineCount(bytes) - 1)
        if forceQuotedScanner || bytes.contains(UInt8(ascii: "\"")) {
            // Only the quoted path needs the text as a String (a second copy of the file).
            try scanQuotedCSV(String(decoding: bytes, as: UTF8.self), into: &builder)
        } else {
            try bytes.withUnsafeBufferPointer { try scanUnquotedCSV($0, into: &builder) }
        }
        return try builder.finish()
    }
}
