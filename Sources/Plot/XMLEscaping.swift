/// Escaping of text for XML character data and attribute values.
///
/// Labels come from users (variable names, formulas such as `x < 1 & y > 0`), so every
/// string that reaches the SVG passes through here. Characters that XML 1.0 forbids
/// (C0 controls other than tab, line feed and carriage return) are dropped rather than
/// escaped: no escape makes them legal.
enum XMLEscaping {
    /// `text` safe inside an element: `&`, `<` and `>` escaped.
    static func text(_ text: String) -> String {
        escape(text, quotes: false)
    }

    /// `value` safe inside a double-quoted attribute: also `"` and `'` escaped.
    static func attribute(_ value: String) -> String {
        escape(value, quotes: true)
    }

    private static func escape(_ string: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(string.utf8.count)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                // XML 1.0 allows neither C0 controls nor the non-characters U+FFFE/U+FFFF.
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
