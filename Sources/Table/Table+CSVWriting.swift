import FileIO
import Foundation

extension Table {
    /// The table as CSV text: a header row, then one line per row, each line ending in
    /// `\n`.
    ///
    /// Numbers are printed with `Double.description`, the shortest text that reads back
    /// as exactly the same `Double` (`0.1`, `1e-05`, `-0.0`), so writing and reading
    /// loses nothing. A name is quoted only when it holds a comma or a quote. NaN and infinite values
    /// print as `nan`, `inf` and `-inf`, which reading rejects unless told to drop them.
    public func csvString() -> String {
        var text = columnNames.map(csvField).joined(separator: ",")
        text += "\n"
        for row in 0..<rowCount {
            for column in 0..<columnCount {
                if column > 0 { text += "," }
                text += values[column * rowCount + row].description
            }
            text += "\n"
        }
        return text
    }

    /// Writes the table as CSV (see `csvString()`) to the file at `url`, atomically: the
    /// text goes to a temporary file in the same folder, which then replaces `url` in one
    /// rename, so readers never see half a file and a failure leaves any old file intact.
    ///
    /// Only a regular file is replaced (a symbolic link's file, keeping the link, its
    /// mode and, as root, its owner): FileIO's `writeAtomically` says which paths are refused.
    ///
    /// Throws a `TableError` saying why writing failed, such as a read-only folder, a
    /// missing folder, a full disk or a device at the path.
    public func write(to url: URL) throws {
        guard url.isFileURL else { throw TableError(.notAFileURL(url.absoluteString)) }
        do {
            try writeAtomically(Array(csvString().utf8), toPath: url.path)
        } catch {
            throw writeError(error, name: url.relativePath)
        }
    }
}

/// `name` as a CSV field: quoted, with quotes doubled, when a reader would otherwise
/// split it. (Table names never hold line breaks or surrounding spaces.)
func csvField(_ name: String) -> String {
    let needsQuotes = name.contains { $0 == "," || $0 == "\"" }
    guard needsQuotes else { return name }
    return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
