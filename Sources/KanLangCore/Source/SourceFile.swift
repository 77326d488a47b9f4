/// The text of one script, with the offsets where its lines start.
///
/// Locations point into a `SourceFile` so that a diagnostic can print the
/// offending line without the caller keeping the text around.
public final class SourceFile: Sendable {
    /// The name shown in diagnostics: a path, `<repl>`, or `-e`.
    public let name: String
    /// The script as Unicode scalars: columns count scalars, not bytes, so the
    /// caret lines up under non-ASCII text.
    let scalars: [Unicode.Scalar]
    /// Index in `scalars` of the first scalar of each line.
    let lineStarts: [Int]

    public init(name: String, text: String) {
        self.name = name
        let scalars = Array(text.unicodeScalars)
        self.scalars = scalars
        var starts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" {
            starts.append(index + 1)
        }
        self.lineStarts = starts
    }

    /// The text of line `line` (1-based) without its line break, or "" past the end.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : scalars.count
        if end > start, scalars[end - 1] == "\r" { end -= 1 }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[start..<max(start, end)])
        return String(text)
    }

    /// The text between two scalar offsets (clamped), used to keep the source of a
    /// `primitive` declaration.
    func text(from start: Int, to end: Int) -> String {
        let lower = max(0, min(start, scalars.count))
        let upper = max(lower, min(end, scalars.count))
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[lower..<upper])
        return String(text)
    }

    /// The location of scalar offset `offset`.
    func location(at offset: Int) -> SourceLocation {
        // Binary search for the last line start <= offset.
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return SourceLocation(file: self, line: low + 1, column: offset - lineStarts[low] + 1, offset: offset)
    }
}
