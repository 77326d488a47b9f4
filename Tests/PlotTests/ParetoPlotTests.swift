import Foundation
import Testing
@testable import Plot

@Suite struct ParetoPlotTests {
    let points = [
        ParetoPoint(complexity: 2, error: 0.8, label: "y^2"),
        ParetoPoint(complexity: 5, error: 0.05, label: "exp(y^2) + x"),
        ParetoPoint(complexity: 9, error: 2e-9, label: "exp(sin(π·x) + y^2)", isChosen: true),
        ParetoPoint(complexity: 14, error: 1e-9, label: "a < b & c > d"),
    ]

    @Test func labelsEveryPointAndMarksTheChosenOne() throws {
        let svg = try ParetoPlot(points: points, title: "front").svg()
        let parsed = try ParsedSVG(svg)
        #expect(parsed.all("g", class: "point").count == 4)
        let chosen = parsed.all("g", class: "point", "chosen")
        #expect(chosen.count == 1)
        #expect(chosen.first?.attributes["data-complexity"] == "9")
        #expect(parsed.all("circle", class: "chosen-ring").count == 1)
        #expect(parsed.all("text", class: "point-label").map(\.text)
            == ["y^2", "exp(y^2) + x", "exp(sin(π·x) + y^2)", "a < b & c > d"])
        #expect(svg.contains("a &lt; b &amp; c &gt; d"))
        let yTicks = parsed.all("g", class: "tick", "y").compactMap { Double($0.attributes["data-value"] ?? "") }
        #expect((yTicks.first ?? 1) <= 1e-9 && (yTicks.last ?? 0) >= 0.8)
        #expect(yTicks.allSatisfy { abs(log10($0) - log10($0).rounded()) < 1e-9 })
    }

    @Test func exactFitsAndLongLabels() throws {
        let long = String(repeating: "x+", count: 60)
        let parsed = try ParsedSVG(try ParetoPlot(points: [
            ParetoPoint(complexity: 1, error: 0.3, label: long),
            ParetoPoint(complexity: 3, error: 0, label: "x*y", isChosen: true),
        ]).svg())
        let labels = parsed.all("text", class: "point-label").map(\.text)
        #expect(labels.first?.count == 40 && labels.first?.hasSuffix("…") == true)
        #expect(labels.last == "x*y (exact)")
        #expect(throws: PlotError.self) { try ParetoPlot(points: []).svg() }
        #expect(throws: PlotError.self) { try ParetoPlot(points: [ParetoPoint(complexity: .nan, error: 1, label: "")]).svg() }
    }
}
