/// How each printer writes a symbol's name, whatever the name holds.
///
/// Variables keep their CSV header names, and headers carry units and spaces:
/// `m (kg)`, `v (m/s)`, `my var`, `2x`. Written bare, `m (kg)*v (m/s)^2/2` reads as a call
/// of `m` and is not valid SymPy, so a name that is not an identifier is quoted in the
/// way each format has for it:
///
///     text     `m (kg)`*`v (m/s)`^2/2          (read back by `Expr(parsing:)`)
///     SymPy    Symbol('m (kg)')*Symbol('v (m/s)')**2/2
///     LaTeX    \frac{\mathrm{m\ (kg)} \mathrm{v\ (m/s)}^{2}}{2}
///
/// Identifiers (`x1`, `θ`, `v_0`) print bare, as before.
public enum SymbolName {
    /// A letter or `_`, then letters, digits or `_`; letters include non-ASCII ones (`θ`, `Δt`).
    public static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isNameStart else { return false }
        return name.unicodeScalars.allSatisfy { $0.isNameStart || $0.isDigit }
    }

    /// The name in the text form: bare if `Expr(parsing:)` reads it back as this symbol,
    /// else between backquotes, with `` ` `` and `\` escaped by a backslash.
    public static func text(_ name: String) -> String {
        let readsBack = isIdentifier(name) && !["pi", "e", "nan", "sqrt"].contains(name)
            && Expr.Function(builtin: name) == nil
        if readsBack { return name }
        var quoted = "`"
        for character in name {
            if character == "`" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "`"
    }

    /// The name as a SymPy expression: bare when it is a Python identifier SymPy does not
    /// read as something else, else `Symbol('...')` with `'` and `\` escaped.
    static func sympy(_ name: String, reserved: Set<String>) -> String {
        if isIdentifier(name) && !reserved.contains(name) { return name }
        var escaped = ""
        for character in name {
            if character == "'" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "Symbol('\(escaped)')"
    }

    /// A name that is not an identifier as upright LaTeX text, `\mathrm{m\ (kg)}`, with
    /// LaTeX's special characters escaped; nil for identifiers (the printer's own rules:
    /// subscripts, Greek letters).
    static func latex(_ name: String) -> String? {
        guard !isIdentifier(name) else { return nil }
        var body = ""
        for character in name {
            switch character {
            case " ": body += "\\ "
            case "\\": body += "\\backslash{}"
            case "{", "}", "_", "%", "&", "#", "$": body += "\\" + String(character)
            case "^": body += "\\hat{}"
            case "~": body += "\\sim{}"
            default: body.append(character)
            }
        }
        return "\\mathrm{\(body)}"
    }
}

extension Unicode.Scalar {
    /// A letter (any script) or `_`: what may begin a name.
    var isNameStart: Bool { properties.isAlphabetic || self == "_" }
}
