import Foundation
import KAN
import Testing
@testable import Plot

@Suite struct EdgePlotTests {
    @Test func drawsActivationSamplesAndFit() throws {
        let data = try Fixtures.data(count: 150)
        var net = try Network(shape: [2, 2, 1], gridSize: 5, seed: 0)
        try net.train(on: data, options: TrainingOptions(steps: 2, gridUpdate: .disabled))
        let fit = EdgeFit(label: "sin(x) < 2 & more", rSquared: 0.987654321) { sin($0) }
        let plot = try EdgePlot(network: net, layer: 0, input: 0, output: 1, fit: fit, inputName: "x")
        let parsed = try ParsedSVG(try plot.svg())
        #expect(parsed.all("path", class: "activation").count == 1)
        #expect(parsed.all("path", class: "fit").count == 1)
        #expect(parsed.all("circle", class: "sample").count == 150)
        #expect(parsed.all("text").contains { $0.text == "fit: sin(x) < 2 & more (R² = 0.987654)" })
        #expect(parsed.all("text", class: "title").first?.text == "edge (0, 0, 1)")
        #expect(parsed.all("text", class: "axis-title", "y").first?.text == "φ(x)")
    }

    @Test func symbolicEdgeUsesTheSymbolicColour() throws {
        let data = try Fixtures.data(count: 50)
        var net = try Network(shape: [2, 1], seed: 0)
        try net.setSymbolic(layer: 0, input: 0, output: 0, function: Fixtures.sine)
        let plot = try EdgePlot(network: net, layer: 0, input: 0, output: 0, samples: data)
        let parsed = try ParsedSVG(try plot.svg())
        let curve = try #require(parsed.all("path", class: "activation").first)
        #expect(curve.attributes["stroke"] == Theme().symbolic)
        #expect(parsed.all("path", class: "fit").isEmpty)
        net = try Network(shape: [2, 1], seed: 0)
        #expect(throws: KANError.self) { try EdgePlot(network: net, layer: 3, input: 0, output: 0, samples: data) }
    }

    @Test func rejectsEmptyOrMismatchedSamples() {
        #expect(throws: PlotError.self) { try EdgePlot(inputs: [], outputs: []).svg() }
        #expect(throws: PlotError.self) { try EdgePlot(inputs: [1, 2], outputs: [1]).svg() }
        #expect(throws: PlotError.self) { try EdgePlot(inputs: [.nan], outputs: [1]).svg() }
    }
}
