import Foundation

/// A drawing that renders to a standalone SVG document.
///
///     let diagram = NetworkDiagram(network: net, inputNames: ["x", "y"])
///     try diagram.write(to: URL(fileURLWithPath: "network.svg"))
public protocol Drawing {
    /// The drawing as an SVG document (to add elements or change the theme's canvas).
    func document() throws -> SVGDocument
}

extension Drawing {
    /// The drawing as SVG text.
    public func svg() throws -> String {
        try document().render()
    }

    /// Writes the SVG to `url` atomically.
    public func write(to url: URL) throws {
        try document().write(to: url)
    }
}
