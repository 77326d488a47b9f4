import Testing
@testable import Table

/// Missing cells (empty, `NA`, `null`, NaN) are dropped with a count by default, or refused
/// under `missing: .error` with a message naming the flag.
@Suite struct MissingValueTests {
    @Test func pandasExportWithGapsIsReadWithoutTheRows() throws {
        // pandas' to_csv writes NaN as an empty cell.
        let text = "x,y\n1,2\n2,\n3,6\nNA,8\n5,10\n"
        for quoted in [false, true] {
            let result = try importing(Array(text.utf8), quoted: quoted)
            #expect(result.table.values == [1, 3, 5, 2, 6, 10])
            #expect(result.missingLines == [3, 5])
            #expect(result.droppedRowsNote == "dropped 2 rows with missing values (lines 3, 5)")
        }
    }

    @Test func refusedUnderError() {
        let strict = CSVReadOptions(missingValues: .error)
        #expect(bothMessages("x,y\n1,2\nNA,3\n", options: strict)
            == "data.csv:3: error: column 1 (\"x\"): \"NA\" is a missing value; fill it in, or leave such rows out with --missing drop (KanLang: load_csv(path, missing: \"drop\"))")
        #expect(bothMessages("x,y\n1,2\n3,\n", options: strict)?.hasPrefix("data.csv:3: error: column 2 (\"y\"): empty cell (a missing value)") == true)
    }

    @Test func aMissingCellDoesNotHideABadOne() {
        // The row is dropped for its gap, but text that is not a number is still an error.
        #expect(bothMessages("x,y,z\n1,2,3\n,abc,3\n") == "data.csv:3: error: column 2 (\"y\"): \"abc\" is not a number")
        // And a ragged row is one, whatever its cells.
        #expect(bothMessages("x,y\n1,2\n,\n,,\n")?.contains("found 3") == true)
    }

    @Test func markersAreExact() {
        #expect(MissingValue.isMissing("", value: nil))
        #expect(MissingValue.isMissing("NA", value: nil))
        #expect(MissingValue.isMissing("nan", value: .nan))
        #expect(!MissingValue.isMissing("inf", value: .infinity))
        #expect(!MissingValue.isMissing("NAN!", value: nil))
        #expect(!MissingValue.isMissing("n.a.", value: nil))
    }
}
