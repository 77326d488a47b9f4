/// Where the sections and keys of a manifest are, by line, for error messages.
///
/// TOMLKit gives a line only for syntax errors; a wrong value ("seed must be an integer")
/// is found after parsing, so the line is looked up here in the text: the `[defaults]`
/// header, the n-th `[[job]]` header, and a `key =` line inside one of them.
struct ManifestLines {
    private var lines: [Substring]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The 1-based line of the `[[job]]` header of job `index` (0-based), if written so.
    func jobHeader(_ index: Int) -> Int? {
        var seen = 0
        for (number, line) in lines.enumerated() where Self.header(of: line) == "[[job]]" {
            if seen == index { return number + 1 }
            seen += 1
        }
        return nil
    }

    /// The 1-based line of the `[defaults]` header.
    var defaultsHeader: Int? {
        lines.firstIndex { Self.header(of: $0) == "[defaults]" }.map { $0 + 1 }
    }

    /// The line of `key = ...` in the section whose header is on `header` (1-based), or the
    /// header's own line when the key is not found on a line of its own.
    func key(_ key: String, inSectionAt header: Int?) -> Int? {
        guard let header else { return nil }
        var number = header
        while number < lines.count {
            let line = lines[number]
            if Self.header(of: line) != nil { break }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            for spelling in [key, "\"\(key)\"", "'\(key)'"] where trimmed.hasPrefix(spelling) {
                let rest = trimmed.dropFirst(spelling.count).drop { $0 == " " || $0 == "\t" }
                if rest.hasPrefix("=") { return number + 1 }
            }
            number += 1
        }
        return header
    }

    /// `[[job]]` or `[defaults]` for a table header line (spaces removed), nil otherwise.
    private static func header(of line: Substring) -> String? {
        let trimmed = line.filter { $0 != " " && $0 != "\t" }
        guard trimmed.hasPrefix("[") else { return nil }
        let withoutComment = trimmed.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return String(withoutComment)
    }
}
