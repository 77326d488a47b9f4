import CSV
import Foundation

/// Splits CSV text that holds no double quote into records at CR, LF or CRLF and into
/// cells at the builder's delimiter (a comma unless given or detected), feeding each cell to `builder` as it is found: no record is held as
/// a list of strings, so a table one row wide but millions of cells long costs its
/// numbers and nothing more.
///
/// This is the fast path. Numeric data exported by instruments, spreadsheets and NumPy
/// almost never quotes anything, and without quotes a comma and a line break can mean
/// only one thing, so a byte loop is exact. Any file with a quote goes to
/// `scanQuotedCSV` instead (see `Table.importCSV(bytes:file:options:)` for timings).
func scanUnquotedCSV(_ text: UnsafeBufferPointer<UInt8>, into builder: inout TableBuilder) throws {
    let comma = builder.delimiter, lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
    var line = 1
    var position = 0
    let end = text.count
    func cell(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF8.self)
    }
    while position < end {
        builder.beginRecord(line: line)
        var cellStart = position
        var index = position
        while index < end {
            let byte = text[index]
            if byte == comma {
                builder.addCell(cell(cellStart..<index))
                cellStart = index + 1
            } else if byte == lineFeed || byte == carriageReturn {
                break
            }
            index += 1
        }
        builder.addCell(cell(cellStart..<index))
        try builder.endRecord()
        if index < end {
            let isCRLF = text[index] == carriageReturn && index + 1 < end && text[index + 1] == lineFeed
            index += isCRLF ? 2 : 1
        }
        position = index
        line += 1
    }
}

/// Reads CSV text with quotes through CSV.swift's RFC 4180 reader, which handles quoted
/// fields, doubled quotes inside them and line breaks inside quotes.
///
/// Records are numbered as lines: exact up to the first error, because a record that
/// spans lines holds a line break inside a cell, and that is an error itself (a number
/// or a column name never holds one).
func scanQuotedCSV(_ text: String, into builder: inout TableBuilder) throws {
    // Cells are trimmed of spaces and tabs, except of the delimiter itself.
    let delimiter = Unicode.Scalar(builder.delimiter)
    let blanks = builder.delimiter == CSVDelimiter.tab ? " " : " \t"
    let reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: true, delimiter: delimiter,
                               whitespaces: CharacterSet(charactersIn: blanks))
    var line = 1
    while let record = reader.next() {
        try builder.add(record: record, line: line)
        line += 1
    }
}
