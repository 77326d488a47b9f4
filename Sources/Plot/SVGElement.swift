/// One element of an SVG tree: a name, attributes in the order given, children and text.
///
///     SVGElement("circle", ["cx": "10", "cy": "10", "r": "4"], class: "node sum")
///
/// Attribute values and text are stored raw and escaped when rendered, so callers
/// never escape by hand.
public struct SVGElement: Sendable, Equatable {
    public var name: String
    /// Attributes as (name, value) pairs; rendering keeps their order.
    public var attributes: [(String, String)]
    public var children: [SVGElement]
    /// Character data written before the children (for `text`, `title`, `tspan`).
    public var text: String?

    public init(_ name: String, _ attributes: KeyValuePairs<String, String> = [:],
                class className: String? = nil, text: String? = nil, children: [SVGElement] = []) {
        self.name = name
        var pairs: [(String, String)] = []
        if let className { pairs.append(("class", className)) }
        pairs += attributes.map { ($0.key, $0.value) }
        self.attributes = pairs
        self.children = children
        self.text = text
    }

    public static func == (a: SVGElement, b: SVGElement) -> Bool {
        a.name == b.name && a.text == b.text && a.children == b.children
            && a.attributes.map(\.0) == b.attributes.map(\.0) && a.attributes.map(\.1) == b.attributes.map(\.1)
    }

    /// Sets (or replaces) an attribute.
    public mutating func set(_ name: String, _ value: String) {
        if let index = attributes.firstIndex(where: { $0.0 == name }) {
            attributes[index].1 = value
        } else {
            attributes.append((name, value))
        }
    }

    /// A copy with an attribute set.
    public func with(_ name: String, _ value: String) -> SVGElement {
        var copy = self
        copy.set(name, value)
        return copy
    }

    /// A group of elements with attributes (inherited by the children, such as `opacity`).
    public static func group(class className: String? = nil, _ attributes: KeyValuePairs<String, String>,
                             _ children: [SVGElement]) -> SVGElement {
        SVGElement("g", attributes, class: className, children: children)
    }

    /// A group of elements.
    public static func group(class className: String? = nil, _ children: [SVGElement]) -> SVGElement {
        SVGElement("g", [:], class: className, children: children)
    }

    /// Appends the element's markup, indented by `depth`, to `out`.
    func render(into out: inout String, depth: Int) {
        let indent = String(repeating: "  ", count: depth)
        out += indent + "<" + name
        for (key, value) in attributes {
            out += " " + key + "=\"" + XMLEscaping.attribute(value) + "\""
        }
        if children.isEmpty && text == nil {
            out += "/>\n"
            return
        }
        out += ">"
        if let text { out += XMLEscaping.text(text) }
        if children.isEmpty {
            out += "</" + name + ">\n"
            return
        }
        // Text elements keep their children inline: whitespace between tspans would show.
        if text != nil || name == "text" {
            for child in children {
                var inline = ""
                child.render(into: &inline, depth: 0)
                while inline.hasSuffix("\n") { inline.removeLast() }
                out += inline
            }
            out += "</" + name + ">\n"
            return
        }
        out += "\n"
        for child in children { child.render(into: &out, depth: depth + 1) }
        out += indent + "</" + name + ">\n"
    }
}
