import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Proof that a file the binary wrote is well-formed XML (an SVG drawing), with the parser's
/// complaint and line when it is not.
enum WellFormedXML {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func check(_ text: String, name: String) throws {
        let parser = XMLParser(data: Data(text.utf8))
        guard parser.parse() else {
            throw Malformed(description: "\(name): XML parse error \(parser.parserError.map { "\($0)" } ?? "") at line \(parser.lineNumber)")
        }
    }
}
