/// A problem with a table's data or with reading or writing it, located as precisely as
/// the problem allows: the file, the line (1-based, as an editor numbers lines, the header
/// being line 1) and the column (1-based index and name).
///
/// `description` is the message to show a user, in the `file:line: error: ...` shape that
/// editors and the rest of kan use:
///
///     data.csv:4: error: column 2 ("x2"): "abc" is not a number
///
/// Match on `kind` to react to a particular problem in code.
public struct TableError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, with the details that the message quotes.
    public enum Kind: Equatable, Sendable {
        /// The file does not exist.
        case fileNotFound
        /// The file exists but cannot be read (permission denied, a folder, an I/O error).
        case unreadableFile(reason: String)
        /// The bytes are not UTF-8; `byte` is the first offending byte.
        case invalidUTF8(byte: UInt8)
        /// No content at all (or only blank lines).
        case emptyFile
        /// The first line is blank but data follows.
        case emptyHeader
        /// The first line holds numbers, so the header row of names is missing.
        case missingHeader
        /// A column name is empty (often a trailing comma in the header).
        case emptyColumnName
        /// A column name contains a line break.
        case lineBreakInColumnName
        /// Building a table in code: a column name begins or ends with a space or tab,
        /// which reading CSV would trim away.
        case surroundingSpacesInColumnName
        /// A column name repeats the name of the column at `firstIndex` (1-based).
        case duplicateColumnName(firstIndex: Int)
        /// A header and no data rows.
        case noDataRows
        /// A data row has `found` cells where the header has `expected` columns.
        case raggedRow(expected: Int, found: Int)
        /// A data row has one cell more than the header has columns, and it is empty:
        /// most likely a comma at the end of the line.
        case trailingComma(expected: Int)
        /// A blank line between data rows (blank lines are fine only at the end).
        case blankLine
        /// A cell holds nothing (or only spaces): a missing value, refused under
        /// `MissingPolicy.error`.
        case emptyCell
        /// A cell holds a missing-value marker (`NA`, `null`) or NaN, refused under
        /// `MissingPolicy.error`.
        case missingValue(String)
        /// A cell's text is not a number; `hint` guesses why (a decimal comma, another delimiter).
        case notANumber(String, hint: String? = nil)
        /// A cell is infinite (or overflows a Double) and the policy rejects it.
        case nonFiniteValue(String)
        /// The policies dropped every data row: `missing` for missing values, `nonFinite` for
        /// infinite ones.
        case allRowsDropped(missing: Int, nonFinite: Int)
        /// No column has this name.
        case unknownColumn(String, available: [String])
        /// The same column was asked for twice.
        case duplicateSelection(String)
        /// A target was split off a table that has no other column to use as input; `columns`
        /// are the table's (one, or none).
        case noInputColumns(columns: [String])
        /// Building a table in code: `names` names but `columns` columns.
        case columnCountMismatch(names: Int, columns: Int)
        /// Building a table in code: a column has `found` values, the first has `expected`.
        case columnLengthMismatch(expected: Int, found: Int)
        /// A train/test split fraction outside 0...1.
        case invalidFraction(Double)
        /// Only `file:` URLs can be read or written.
        case notAFileURL(String)
        /// Writing failed; `reason` says why in words (read-only folder, disk full, ...).
        case writeFailed(reason: String)
    }

    /// What went wrong.
    public var kind: Kind
    /// The file, as the caller named it (`nil` for strings and tables built in code).
    public var file: String?
    /// The 1-based line, counting the header as line 1.
    public var line: Int?
    /// The 1-based column index.
    public var column: Int?
    /// The column's name, when the header is known.
    public var columnName: String?

    /// Creates an error of `kind` at the given place.
    public init(_ kind: Kind, file: String? = nil, line: Int? = nil, column: Int? = nil, columnName: String? = nil) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
    }

    /// The full message: `file:line: error: column N ("name"): why`.
    public var description: String { place + ": error: " + cellAndReason }

    /// The message without its severity, for a caller that reports it inside its own
    /// `error:` line (KanLang's `load_csv`): `data.csv:3: column 2 ("y"): why`.
    public var placedReason: String { place + ": " + cellAndReason }

    /// `file:line`, `<csv>` for text read from a string.
    private var place: String {
        var prefix = file ?? "<csv>"
        if let line { prefix += ":\(line)" }
        return prefix
    }

    private var cellAndReason: String {
        var text = ""
        if let column {
            text += "column \(column)"
            if let columnName { text += " (\(quoted(columnName)))" }
            text += ": "
        }
        return text + reason
    }

    /// Why, in words, without the location.
    public var reason: String {
        switch kind {
        case .fileNotFound:
            return "the file does not exist"
        case .unreadableFile(let why):
            return "cannot read the file: \(why)"
        case .invalidUTF8(let byte):
            let hex = String(byte, radix: 16, uppercase: true)
            return "invalid UTF-8 (byte 0x\(hex.count == 1 ? "0" + hex : hex)); save the file as UTF-8 text"
        case .emptyFile:
            return "the file is empty; expected a header row of column names, then rows of numbers"
        case .emptyHeader:
            return "the first line is blank; it must be the header row of column names, such as x,y"
        case .missingHeader:
            return "the first line holds numbers, not column names; add a header row such as x1,x2,y"
        case .emptyColumnName:
            return "the column has no name in the header (a stray or trailing comma?)"
        case .lineBreakInColumnName:
            return "the column name contains a line break (an unclosed quote?)"
        case .surroundingSpacesInColumnName:
            return "the column name begins or ends with a space or tab, which reading CSV trims away"
        case .duplicateColumnName(let first):
            return "the name repeats column \(first)'s; every column needs its own name"
        case .noDataRows:
            return "only a header row; expected at least one row of numbers after it"
        case .raggedRow(let expected, let found):
            return "expected \(expected) \(expected == 1 ? "cell" : "cells") (one per column of the header), found \(found)"
        case .trailingComma(let expected):
            return "expected \(expected) \(expected == 1 ? "cell" : "cells") (one per column of the header), "
                + "found \(expected + 1); the last is empty (a trailing comma?)"
        case .blankLine:
            return "blank line between data rows; blank lines are allowed only at the end of the file"
        case .emptyCell:
            return "empty cell (a missing value); fill it in, or leave such rows out with --missing drop "
                + "(KanLang: load_csv(path, missing: \"drop\"))"
        case .missingValue(let text):
            return "\(quoted(text)) is a missing value; fill it in, or leave such rows out with --missing drop "
                + "(KanLang: load_csv(path, missing: \"drop\"))"
        case .notANumber(let text, let hint):
            return "\(quoted(text)) is not a number" + (hint.map { " (\($0))" } ?? "")
        case .nonFiniteValue(let text):
            return "\(quoted(text)) is not a finite number (infinite, or too large for a Double); "
                + "fix or remove the row, or leave such rows out with --drop-nonfinite "
                + "(KanLang: load_csv(path, drop_nonfinite: true))"
        case .allRowsDropped(let missing, let nonFinite):
            let count = missing + nonFinite
            let what = nonFinite == 0 ? "missing" : missing == 0 ? "NaN or infinite" : "missing, NaN or infinite"
            return "all \(count) data \(count == 1 ? "row has" : "rows have") \(what) values; no rows are left"
        case .unknownColumn(let name, let available):
            return "no column named \(quoted(name)); the columns are "
                + available.map(quoted).joined(separator: ", ")
        case .duplicateSelection(let name):
            return "column \(quoted(name)) is selected twice"
        case .noInputColumns(let columns):
            let named = columns.isEmpty ? "" : " (" + columns.map(quoted).joined(separator: ", ") + ")"
            return "the table has only the target column\(named); at least one input column is needed"
        case .columnCountMismatch(let names, let columns):
            return "\(names) column names for \(columns) columns"
        case .columnLengthMismatch(let expected, let found):
            return "a column has \(found) values where the first has \(expected); all columns need the same length"
        case .invalidFraction(let fraction):
            return "the test fraction \(fraction) is not between 0 and 1"
        case .notAFileURL(let url):
            return "\(url) is not a file URL; only local files can be read or written"
        case .writeFailed(let why):
            return "cannot write the file: \(why)"
        }
    }
}

/// `text` in double quotes with escapes for quotes and control characters, shortened to
/// 40 characters so that an unclosed quote swallowing a whole file still reads as one line.
func quoted(_ text: String) -> String {
    let limit = 40
    guard text.count > limit else { return text.debugDescription }
    return String(String(text.prefix(limit)).debugDescription.dropLast()) + "…\""
}
