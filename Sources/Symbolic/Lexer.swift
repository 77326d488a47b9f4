/// Splits the text form of an expression into tokens, each with its column.
///
/// Tokens: numbers (`3`, `0.125`, `1.5e-3`), identifiers (a letter of any script or `_`,
/// then letters, digits or `_`), names in backquotes (`` `m (kg)` ``, always a symbol; `\`
/// escapes a backquote or a backslash inside), `+ - * / ^ ** ( ) ,`. Blanks separate tokens and are otherwise ignored.
struct Lexer {
    enum Kind: Equatable {
        case number(String)
        case identifier(String)
        case quotedName(String)
        case plus, minus, star, slash, caret, leftParenthesis, rightParenthesis, comma
        case end
    }

    struct Token: Equatable {
        let kind: Kind
        /// 1-based column of the first character.
        let column: Int
    }

    static func tokens(_ text: String) throws(ParseError) -> [Token] {
        let characters = Array(text.unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            index + offset < characters.count ? characters[index + offset] : nil
        }
        while let c = peek() {
            let column = index + 1
            if c == " " || c == "\t" || c == "\n" || c == "\r" { index += 1; continue }
            if c.isDigit || (c == "." && (peek(1)?.isDigit ?? false)) {
                var literal = ""
                while let d = peek(), d.isDigit { literal.unicodeScalars.append(d); index += 1 }
                if peek() == "." {
                    literal += "."; index += 1
                    while let d = peek(), d.isDigit { literal.unicodeScalars.append(d); index += 1 }
                }
                if let e = peek(), e == "e" || e == "E",
                   let next = peek(1), next.isDigit || ((next == "-" || next == "+") && (peek(2)?.isDigit ?? false)) {
                    literal += "e"; index += 1
                    if let sign = peek(), sign == "-" || sign == "+" { literal.unicodeScalars.append(sign); index += 1 }
                    while let d = peek(), d.isDigit { literal.unicodeScalars.append(d); index += 1 }
                }
                tokens.append(Token(kind: .number(literal), column: column))
                continue
            }
            if c == "`" {
                var name = ""
                index += 1
                while true {
                    guard let d = peek() else {
                        throw ParseError(column: column, message: "unterminated name: no '`' closes the '`' at column \(column)")
                    }
                    index += 1
                    if d == "`" { break }
                    if d == "\\", let escaped = peek() { name.unicodeScalars.append(escaped); index += 1; continue }
                    name.unicodeScalars.append(d)
                }
                guard !name.isEmpty else { throw ParseError(column: column, message: "empty name ``") }
                tokens.append(Token(kind: .quotedName(name), column: column))
                continue
            }
            if c.isNameStart {
                var name = ""
                while let d = peek(), d.isNameStart || d.isDigit { name.unicodeScalars.append(d); index += 1 }
                tokens.append(Token(kind: .identifier(name), column: column))
                continue
            }
            let kind: Kind
            switch c {
            case "+": kind = .plus
            case "-": kind = .minus
            case "*":
                if peek(1) == "*" { kind = .caret; index += 1 } else { kind = .star }
            case "/": kind = .slash
            case "^": kind = .caret
            case "(": kind = .leftParenthesis
            case ")": kind = .rightParenthesis
            case ",": kind = .comma
            default:
                throw ParseError(column: column, message: "unexpected character '\(c.escaped(asASCII: false))'")
            }
            index += 1
            tokens.append(Token(kind: kind, column: column))
        }
        tokens.append(Token(kind: .end, column: characters.count + 1))
        return tokens
    }
}

extension Unicode.Scalar {
    var isDigit: Bool { ("0"..."9").contains(self) }
}
