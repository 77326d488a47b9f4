import FileIO
import Foundation

/// A standalone SVG document: a canvas of `width` × `height` user units (pixels) with a
/// matching `viewBox`, a white background and the theme's font.
///
///     var document = SVGDocument(width: 200, height: 100, title: "example")
///     document.append(SVGElement("circle", ["cx": "50", "cy": "50", "r": "20"]))
///     try document.write(to: URL(fileURLWithPath: "example.svg"))
public struct SVGDocument: Sendable, Equatable {
    public var width: Double
    public var height: Double
    /// Written as the document's `<title>` (accessibility, browser tab); not drawn.
    public var title: String?
    public var theme: Theme
    public var elements: [SVGElement] = []

    public init(width: Double, height: Double, title: String? = nil, theme: Theme = Theme()) {
        self.width = width
        self.height = height
        self.title = title
        self.theme = theme
    }

    public mutating func append(_ element: SVGElement) {
        elements.append(element)
    }

    public mutating func append(contentsOf elements: [SVGElement]) {
        self.elements += elements
    }

    /// The document as SVG text, with the XML declaration.
    public func render() -> String {
        let w = NumberFormatting.coordinate(max(width, 1)), h = NumberFormatting.coordinate(max(height, 1))
        var root = SVGElement("svg", [
            "xmlns": "http://www.w3.org/2000/svg",
            "width": w, "height": h, "viewBox": "0 0 \(w) \(h)",
            "font-family": theme.fontFamily, "font-size": NumberFormatting.coordinate(theme.fontSize),
        ])
        if let title { root.children.append(SVGElement("title", text: title)) }
        root.children.append(SVGElement("rect", [
            "x": "0", "y": "0", "width": w, "height": h, "fill": theme.background,
        ], class: "background"))
        root.children += elements
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        root.render(into: &out, depth: 0)
        return out
    }

    /// Writes the SVG text to `url` atomically through FileIO's `writeAtomically` (a
    /// temporary file renamed into place, only over a regular file), so a reader never
    /// sees half a drawing. Throws a `FileWriteError`.
    public func write(to url: URL) throws {
        try writeAtomically(Array(render().utf8), toPath: url.path)
    }
}
