import Foundation
import Symbolic

/// kan's standard function library: `library/std.kan`, the one definition of which
/// primitives edge matching tries by default, their defining expressions, costs and order.
///
/// The build embeds the file's text here (Plugins/EmbedStandardLibrary), so the binary is
/// self-contained: wherever `kan` is copied or linked, and whatever folder it runs in, it uses
/// the library it was built with, never a `std.kan` found on disk — a library found relative
/// to the current folder would run whatever code someone planted there.
///
/// Two readers see the one text: KanLang runs it as a script (its `primitive` statements),
/// and `FunctionLibrary.standard` reads its declarations here, for the pipeline below the
/// language (`discover`'s default library, checkpoints, tests). The file therefore holds
/// only comments and declarations `primitive NAME = EXPRESSION cost N`, each on one line, the
/// expression in the text form `Expr(parsing:)` reads; a test checks that both readers give
/// the same library.
public enum StandardLibrary {
    /// The name scripts import it by: `import "std.kan"`.
    public static let fileName = "std.kan"

    /// The source text of `library/std.kan` at build time.
    public static var source: String { embeddedStandardLibrarySource }

    /// One `primitive` declaration of the file.
    public struct Declaration: Sendable, Hashable {
        public var name: String
        public var expression: Expr
        public var cost: Int
        /// The line it is on, from 1.
        public var line: Int
    }

    /// A line of the file that is neither a comment nor a declaration this reader understands.
    public struct ReadError: Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "\(fileName):\(line): \(message)" }
    }

    /// The declarations of `source`, in order.
    public static func declarations(in source: String) throws(ReadError) -> [Declaration] {
        var declarations: [Declaration] = []
        for (index, rawLine) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            declarations.append(try declaration(line, number: index + 1))
        }
        return declarations
    }

    /// `primitive NAME = EXPRESSION cost N`, NAME an identifier or a string in double quotes.
    static func declaration(_ line: String, number: Int) throws(ReadError) -> Declaration {
        func failure(_ message: String) -> ReadError { ReadError(line: number, message: message) }
        guard line.hasPrefix("primitive ") else { throw failure("expected a primitive declaration or a comment") }
        var rest = Substring(line.dropFirst("primitive ".count)).drop { $0 == " " }
        let name: String
        if rest.first == "\"" {
            guard let close = rest.dropFirst().firstIndex(of: "\"") else { throw failure("unterminated name") }
            name = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
        } else {
            let end = rest.firstIndex { $0 == " " || $0 == "=" } ?? rest.endIndex
            name = String(rest[..<end])
            rest = rest[end...]
        }
        rest = rest.drop { $0 == " " }
        guard rest.first == "=" else { throw failure("expected '=' after the name '\(name)'") }
        rest = rest.dropFirst()
        guard let costRange = rest.range(of: " cost ", options: .backwards) else {
            throw failure("expected 'cost N' after the expression of '\(name)'")
        }
        guard let cost = Int(rest[costRange.upperBound...].trimmingCharacters(in: .whitespaces)) else {
            throw failure("the cost of '\(name)' is not a whole number")
        }
        let expression: Expr
        do {
            expression = try Expr(parsing: String(rest[..<costRange.lowerBound]))
        } catch {
            throw failure("the expression of '\(name)': \(error)")
        }
        return Declaration(name: name, expression: expression, cost: cost, line: number)
    }
}
