import Foundation
import Testing
@testable import Plot

@Suite struct SVGDocumentTests {
    @Test func escapesMarkupInTextAndAttributes() throws {
        var document = SVGDocument(width: 100, height: 50, title: "a < b & c > d")
        document.append(SVGElement("text", ["data-label": "\"quoted\" & 'single' <tag>"], class: "label",
                                   text: "x < 1 && y > 2 \u{1}"))
        let svg = document.render()
        #expect(svg.contains("a &lt; b &amp; c &gt; d"))
        #expect(svg.contains("x &lt; 1 &amp;&amp; y &gt; 2 <"))  // the control character is dropped
        let parsed = try ParsedSVG(svg)
        let label = try #require(parsed.all("text", class: "label").first)
        #expect(label.text == "x < 1 && y > 2 ")
        #expect(label.attributes["data-label"] == "\"quoted\" & 'single' <tag>")
        #expect(parsed.all("title").first?.text == "a < b & c > d")
    }

    @Test func standaloneDocumentHasSizeAndViewBox() throws {
        let svg = SVGDocument(width: 320.5, height: 200).render()
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        let root = try #require(try ParsedSVG(svg).root)
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root.attributes["width"] == "320.5")
        #expect(root.attributes["height"] == "200")
        #expect(root.attributes["viewBox"] == "0 0 320.5 200")
    }

    @Test func writesAtomically() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plot-\(UUID().uuidString).svg")
        defer { try? FileManager.default.removeItem(at: url) }
        let document = SVGDocument(width: 10, height: 10)
        try document.write(to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == document.render())
    }

    @Test func numbersAreCompact() {
        #expect(NumberFormatting.coordinate(12.3456) == "12.35")
        #expect(NumberFormatting.coordinate(3.0) == "3")
        #expect(NumberFormatting.coordinate(-0.001) == "0")
        #expect(NumberFormatting.coordinate(.nan) == "0")
        #expect(NumberFormatting.label(0.00025) == "2.5e-4")
        #expect(NumberFormatting.label(1500) == "1500")
        #expect(NumberFormatting.label(0.30000000000000004) == "0.3")
        #expect(NumberFormatting.label(1e-10) == "1e-10")
        #expect(NumberFormatting.label(123456) == "1.235e5")
        #expect(NumberFormatting.label(-2) == "-2")
    }
}
