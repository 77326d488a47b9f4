/// The byte that separates cells: a comma unless a file says otherwise.
///
/// Spreadsheets in locales with a decimal comma export `;`-separated files, and many
/// instruments and `numpy.savetxt(delimiter="\t")` write tabs; both read without a flag
/// because the header line shows which is meant:
///
///     CSVDelimiter.detect(Array("x;y;z\n1,5;2;3\n".utf8)[...])   // ";"
///
/// Only the header is looked at: names rarely hold separators, while data rows in a
/// semicolon file hold decimal commas.
public enum CSVDelimiter {
    /// The delimiters `--delimiter` accepts. Not a space (cells are trimmed of spaces, so
    /// aligned columns would read as empty cells) nor a quote, a digit or a letter.
    public static let allowed: [UInt8] = [",", ";", "\t", "|", ":"].map { UInt8(ascii: $0) }

    static let comma = UInt8(ascii: ",")
    static let semicolon = UInt8(ascii: ";")
    static let tab = UInt8(ascii: "\t")

    /// The delimiter of the text: whichever of `;` and tab is more frequent on the first
    /// line with content (outside quotes, between its first and last non-blank characters,
    /// since cells may be padded with tabs) when it outnumbers the commas there, else a comma.
    public static func detect(_ bytes: ArraySlice<UInt8>) -> UInt8 {
        var line: [UInt8] = []
        var inQuotes = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes, byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if line.contains(where: { !isBlank($0) }) { break }
                line.removeAll()
                continue
            }
            line.append(byte)
        }
        guard let first = line.firstIndex(where: { !isBlank($0) }),
              let last = line.lastIndex(where: { !isBlank($0) }) else { return comma }
        var counts: [UInt8: Int] = [:]
        inQuotes = false
        for byte in line[first...last] {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
            if !inQuotes, byte == comma || byte == semicolon || byte == tab { counts[byte, default: 0] += 1 }
        }
        let commas = counts[comma] ?? 0
        let best = (counts[tab] ?? 0) > (counts[semicolon] ?? 0) ? tab : semicolon
        return (counts[best] ?? 0) > commas ? best : comma
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == tab }

    /// The delimiter a command-line spelling names: one allowed character, or `tab`, `\t`.
    public static func parse(_ text: String) -> UInt8? {
        if text == "tab" || text == "\\t" { return tab }
        guard text.utf8.count == 1, let byte = text.utf8.first, allowed.contains(byte) else { return nil }
        return byte
    }

    /// How a message writes the delimiter: `','`, `';'`, `tab`.
    public static func name(_ byte: UInt8) -> String {
        byte == tab ? "tab" : "'\(Character(Unicode.Scalar(byte)))'"
    }
}
