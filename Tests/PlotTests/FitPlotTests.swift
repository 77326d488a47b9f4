import Foundation
import Testing
@testable import Plot

@Suite struct FitPlotTests {
    /// 60 rows of w = u·v on [-1, 1]², and a formula off by 5 %.
    static let rows: (u: [Double], v: [Double], w: [Double]) = {
        let u = (0..<60).map { sin(Double($0) * 1.3) }, v = (0..<60).map { cos(Double($0) * 0.7) }
        return (u, v, zip(u, v).map { $0 * $1 })
    }()

    @Test func drawsTheParityPlotAndTheResidualsWithTheScoresInTheTitle() throws {
        let (_, _, w) = Self.rows
        let predicted = w.map { 1.05 * $0 }
        let plot = FitPlot(measured: w, predicted: predicted, targetName: "w", title: "w = 1.05*u*v < 2 & more",
                           rowsDescription: "validation rows")
        let parsed = try ParsedSVG(try plot.svg())
        #expect(parsed.all("circle", class: "point").count == 60)
        #expect(parsed.all("circle", class: "residual").count == 60)
        #expect(parsed.all("path", class: "identity").count == 1)
        #expect(parsed.all("path", class: "zero").count == 1)
        #expect(parsed.all("g", class: "panel").count == 2)
        #expect(parsed.all("path", class: "curve").isEmpty)
        let titles = parsed.all("text", class: "title").map(\.text)
        #expect(titles.first == "w = 1.05*u*v < 2 & more")
        let scores = FitPlot.Scores(measured: w, predicted: predicted)
        #expect(titles.last == "RMSE = \(NumberFormatting.label(scores.rmse)), R² = \(EdgePlot.formatRSquared(scores.rSquared ?? .nan)) on 60 validation rows")
        #expect(scores.count == 60 && scores.undefinedCount == 0)
        #expect(abs((scores.rSquared ?? 0) - 0.9975) < 1e-3)
        #expect(parsed.all("text", class: "axis-title", "y").map(\.text) == ["predicted w", "measured − predicted"])
    }

    @Test func oneInputAddsTheDataAndTheCurve() throws {
        let x = (0..<40).map { Double($0) / 39 * 4 - 2 }
        let y = x.map { $0 * $0 + 0.1 * sin(17 * $0) }
        let plot = FitPlot(measured: y, predicted: x.map { $0 * $0 },
                           curve: FitPlot.Curve(name: "x", inputs: x) { $0 * $0 }, targetName: "y", title: "y = x^2")
        let parsed = try ParsedSVG(try plot.svg())
        #expect(parsed.all("g", class: "panel").count == 3)
        #expect(parsed.all("circle", class: "sample").count == 40)
        let curve = try #require(parsed.all("path", class: "curve").first)
        #expect((curve.attributes["d"] ?? "").split(separator: "L").count == 301)
        #expect(parsed.all("text", class: "axis-title", "x").first?.text == "x")
    }

    @Test func undefinedRowsAreLeftOutAndCounted() throws {
        let measured = [1.0, 2, 3, 4, 5], predicted = [1.0, .nan, 3.1, .infinity, 5]
        let parsed = try ParsedSVG(try FitPlot(measured: measured, predicted: predicted).svg())
        #expect(parsed.all("circle", class: "point").count == 3)
        #expect(parsed.all("text", class: "title").last?.text.hasSuffix("on 3 rows (2 left out: a value is not finite)") == true)
        // A constant target: R² is undefined, said so rather than printed as NaN.
        let constant = try ParsedSVG(try FitPlot(measured: [2, 2, 2], predicted: [2, 2.1, 1.9]).svg())
        #expect(constant.all("text", class: "title").last?.text.contains("R² = undefined") == true)
    }

    @Test func manyRowsAreThinnedForTheMarkersOnly() throws {
        let measured = (0..<10_000).map { Double($0) }
        var plot = FitPlot(measured: measured, predicted: measured.map { $0 + 1 })
        plot.markerLimit = 500
        let parsed = try ParsedSVG(try plot.svg())
        #expect(parsed.all("circle", class: "point").count == 500)
        #expect(parsed.all("text", class: "title").last?.text.hasPrefix("RMSE = 1, R² = ") == true)
    }

    @Test func rejectsMismatchedOrEmptyData() {
        #expect(throws: PlotError.self) { try FitPlot(measured: [1, 2], predicted: [1]).svg() }
        #expect(throws: PlotError.self) { try FitPlot(measured: [], predicted: []).svg() }
        #expect(throws: PlotError.self) { try FitPlot(measured: [.nan], predicted: [1]).svg() }
        let curve = FitPlot.Curve(name: "x", inputs: [1]) { $0 }
        #expect(throws: PlotError.self) { try FitPlot(measured: [1, 2], predicted: [1, 2], curve: curve).svg() }
    }
}
