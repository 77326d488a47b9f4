import Testing
@testable import Table

/// Semicolon- and tab-separated files: detected from the header, or named with
/// `CSVReadOptions.delimiter`; a cell that holds another delimiter says which to use.
@Suite struct CSVDelimiterTests {
    @Test func detectedFromTheHeader() {
        #expect(CSVDelimiter.detect(Array("x,y\n1,2\n".utf8)[...]) == UInt8(ascii: ","))
        #expect(CSVDelimiter.detect(Array("x;y;z\n1,5;2;3\n".utf8)[...]) == UInt8(ascii: ";"))
        #expect(CSVDelimiter.detect(Array("x\ty\n1\t2\n".utf8)[...]) == UInt8(ascii: "\t"))
        // A quoted comma in a name does not count; a one-column file reads with commas.
        #expect(CSVDelimiter.detect(Array("\"a;b\";c;d\n".utf8)[...]) == UInt8(ascii: ";"))
        #expect(CSVDelimiter.detect(Array("\"x, in m\",y\n".utf8)[...]) == UInt8(ascii: ","))
        #expect(CSVDelimiter.detect(Array("y\n1\n".utf8)[...]) == UInt8(ascii: ","))
        #expect(CSVDelimiter.detect(Array("\n\nx;y\n".utf8)[...]) == UInt8(ascii: ";"))
    }

    @Test func semicolonAndTabFilesReadByBothScanners() throws {
        for quoted in [false, true] {
            let semicolons = try importing(Array("x;y\n1;2\n3;4\n".utf8), quoted: quoted)
            #expect(semicolons.table.columnNames == ["x", "y"])
            #expect(semicolons.table.values == [1, 3, 2, 4])
            #expect(semicolons.delimiter == UInt8(ascii: ";"))
            let tabs = try importing(Array("x\ty\n1\t2\n3\t\n".utf8), quoted: quoted)
            #expect(tabs.table.values == [1, 2])
            #expect(tabs.missingLines == [3])
            let piped = try importing(Array("x|y\n1|2\n".utf8), quoted: quoted, options: CSVReadOptions(delimiter: UInt8(ascii: "|")))
            #expect(piped.table.values == [1, 2])
        }
    }

    @Test func theWrongDelimiterSaysWhichToUse() {
        let comma = CSVReadOptions(delimiter: UInt8(ascii: ","))
        #expect(bothMessages("x;y\n1;2\n", options: comma)
            == "data.csv:2: error: column 1 (\"x;y\"): \"1;2\" is not a number (the file looks ';'-separated: use --delimiter ';')")
        #expect(bothMessages("x\ty\n1\t2\n", options: comma)
            == "data.csv:2: error: column 1 (\"x\\ty\"): \"1\\t2\" is not a number (the file looks tab-separated: use --delimiter tab)")
        // A decimal comma in a semicolon file.
        #expect(bothMessages("x;y\n1,5;2\n")
            == "data.csv:2: error: column 1 (\"x\"): \"1,5\" is not a number (a decimal comma? write 1.5)")
    }

    @Test func commandLineSpellings() {
        #expect(CSVDelimiter.parse(";") == UInt8(ascii: ";"))
        #expect(CSVDelimiter.parse("tab") == UInt8(ascii: "\t"))
        #expect(CSVDelimiter.parse("\\t") == UInt8(ascii: "\t"))
        #expect(CSVDelimiter.parse("\t") == UInt8(ascii: "\t"))
        for refused in ["", " ", "x", "1", ";;", "\"", "."] { #expect(CSVDelimiter.parse(refused) == nil, "\(refused)") }
    }
}
