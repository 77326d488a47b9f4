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
        _ = try elements(text, name: name)
    }

    /// The elements of the document, in order, as (element name, class attribute): parsed,
    /// so that a drawing's marks are counted as elements, not as substrings.
    static func elements(_ text: String, name: String) throws -> [(name: String, classes: Set<String>)] {
        let collector = Collector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = collector
        guard parser.parse() else {
            throw Malformed(description: "\(name): XML parse error \(parser.parserError.map { "\($0)" } ?? "") at line \(parser.lineNumber)")
        }
        return collector.elements
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [(name: String, classes: Set<String>)] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            elements.append((elementName, Set((attributes["class"] ?? "").split(separator: " ").map(String.init))))
        }
    }
}
