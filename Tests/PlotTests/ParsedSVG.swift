import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG document parsed back with Foundation's XML parser: proof that it is
/// well-formed, and the elements to inspect.
struct ParsedSVG {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
        var classes: Set<String> { Set((attributes["class"] ?? "").split(separator: " ").map(String.init)) }
    }

    var elements: [Element] = []

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    init(_ svg: String) throws {
        let delegate = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = delegate
        guard parser.parse() else {
            throw Malformed(description: "XML parse error: \(parser.parserError.map { "\($0)" } ?? "unknown") at line \(parser.lineNumber)")
        }
        elements = delegate.finished
    }

    /// Elements named `name` having every class in `classes`.
    func all(_ name: String? = nil, class classes: String...) -> [Element] {
        elements.filter { e in (name == nil || e.name == name) && classes.allSatisfy { e.classes.contains($0) } }
    }

    var root: Element? { elements.first }

    private final class Collector: NSObject, XMLParserDelegate {
        var stack: [Element] = []
        var finished: [Element] = []
        var order: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            stack.append(Element(name: name, attributes: attributes, text: ""))
            // Keep document order: reserve the slot now, fill it at the end tag.
            order.append(finished.count)
            finished.append(Element(name: name, attributes: attributes, text: ""))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            for k in stack.indices { stack[k].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard let element = stack.popLast(), let slot = order.popLast() else { return }
            finished[slot] = element
        }
    }
}
