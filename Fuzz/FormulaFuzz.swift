// libFuzzer target for the formula parser (Symbolic's `Expr(parsing:)`, behind KanLang's
// `parse("...")` and every formula read back from text): any byte sequence, decoded as
// UTF-8 (invalid bytes replaced, as a KanLang string would hold them), is parsed.
//
// Built and run by `scripts/fuzz` (see docs/hardening.md); not part of the package.
// Besides crashes, timeouts and runaway memory, these are findings:
// - a parse error whose column is outside the text (1 to its length in Unicode scalars + 1) or whose
//   message is empty;
// - a parsed expression that, printed as text, does not parse back to the same
//   expression (the documented round trip `Expr(parsing: TextPrinter().print(e)) == e`),
//   unless its text form nests deeper than the parser reads (Parser.maximumDepth);
// - a printer (LaTeX, SymPy) or evaluation that crashes or hangs on what parsed.
@testable import Symbolic
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func formulaFuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    FormulaFuzz.run(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
    return 0
}

enum FormulaFuzz {
    static func run(_ text: String) {
        let expression: Expr
        do throws(ParseError) {
            expression = try Expr(parsing: text)
        } catch {
            // Columns count Unicode scalars, from 1; the end of the text is one past the last.
            let length = text.unicodeScalars.count
            guard (1...(length + 1)).contains(error.column) else {
                fatalError("fuzz: a parse error at column \(error.column) of a text of \(length) characters: \(error)")
            }
            if error.message.isEmpty { fatalError("fuzz: a parse error without a message at column \(error.column)") }
            return
        }
        let printed = TextPrinter().print(expression)
        do throws(ParseError) {
            let again = try Expr(parsing: printed)
            guard again == expression else {
                fatalError("fuzz: the text form does not read back: \(text.debugDescription) printed as \(printed.debugDescription) reads as \(TextPrinter().print(again).debugDescription)")
            }
        } catch {
            // The text form can nest deeper than the text it came from (a^b prints as
            // exp(b*log(a)), so a^b^c^... doubles its depth): past Parser.maximumDepth, it
            // reads back as that error, by design.
            if !error.message.hasPrefix("expression nested deeper than") {
                fatalError("fuzz: the text form of a parsed expression does not parse: \(text.debugDescription) printed as \(printed.debugDescription): \(error)")
            }
        }
        _ = LatexPrinter().print(expression)
        _ = SympyPrinter().print(expression)
        let point = Dictionary(uniqueKeysWithValues: expression.freeSymbols.sorted().enumerated().map { ($1, 0.25 + Double($0)) })
        _ = expression.evaluate(point)
    }
}
