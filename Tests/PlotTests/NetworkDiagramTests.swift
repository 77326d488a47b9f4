import Foundation
import KAN
import Testing
@testable import Plot

@Suite struct NetworkDiagramTests {
    /// A [2, 3, 1] network with edge (0, 1, 2) pruned and edge (0, 0, 0) symbolic.
    func smallNetwork() throws -> (Network, Dataset) {
        let data = try Fixtures.data(count: 120)
        var net = try Network(shape: [2, 3, 1], gridSize: 5, seed: 0)
        try net.train(on: data, options: TrainingOptions(steps: 2, gridUpdate: .disabled))
        try net.setEdgeActive(layer: 0, input: 1, output: 2, false)
        try net.setSymbolic(layer: 0, input: 0, output: 0, function: Fixtures.sine, a: 3.14)
        return (net, data)
    }

    @Test func drawsOneCurvePerLiveEdgeAndNoPrunedEdge() throws {
        let (net, data) = try smallNetwork()
        let svg = try NetworkDiagram(network: net, samples: data, inputNames: ["x", "y"], outputNames: ["f"],
                                     symbolicLabels: [EdgeID(layer: 0, input: 0, output: 0): "sin(3.14·x) < 1 & \"ok\""],
                                     title: "a <small> net").svg()
        let parsed = try ParsedSVG(svg)
        // 2·3 + 3·1 edges, one masked.
        #expect(parsed.all("path", class: "activation").count == 8)
        #expect(parsed.all("g", class: "edge").count == 8)
        let pruned = parsed.all("g", class: "edge").filter {
            $0.attributes["data-layer"] == "0" && $0.attributes["data-input"] == "1" && $0.attributes["data-output"] == "2"
        }
        #expect(pruned.isEmpty)
        #expect(parsed.all("g", class: "edge", "symbolic").count == 1)
        #expect(parsed.all("g", class: "edge", "spline").count == 7)
        let labels = parsed.all("text", class: "edge-label")
        #expect(labels.map(\.text) == ["sin(3.14·x) < 1 & \"ok\""])
        #expect(svg.contains("sin(3.14·x) &lt; 1 &amp; \"ok\""))
        #expect(parsed.all("text", class: "name", "input").map(\.text) == ["x", "y"])
        #expect(parsed.all("text", class: "name", "output").map(\.text) == ["f"])
        #expect(parsed.all("text", class: "title").first?.text == "a <small> net")
        #expect(parsed.all("g", class: "node", "sum").count == 6)
        #expect(parsed.all("circle").count >= 6)
        #expect(parsed.all("g", class: "node", "mult").isEmpty)
    }

    @Test func opacityFollowsAttribution() throws {
        let (net, data) = try smallNetwork()
        let scores = try net.attribution(samples: data)
        for beta in [0.5, 3.0] {
            let parsed = try ParsedSVG(try NetworkDiagram(network: net, samples: data, beta: beta).svg())
            for edge in parsed.all("g", class: "edge") {
                let l = Int(edge.attributes["data-layer"] ?? "") ?? -1
                let i = Int(edge.attributes["data-input"] ?? "") ?? -1
                let j = Int(edge.attributes["data-output"] ?? "") ?? -1
                let score = scores.edgeScores[l][net.layers[l].edgeIndex(input: i, subnode: j)]
                let opacity = try #require(Double(edge.attributes["opacity"] ?? ""))
                #expect(abs(opacity - tanh(beta * score)) < 1e-2 * max(1, opacity))
            }
        }
    }

    @Test func symbolicEdgesWithoutLabelShowTheFunctionName() throws {
        let (net, data) = try smallNetwork()
        let parsed = try ParsedSVG(try NetworkDiagram(network: net, samples: data).svg())
        #expect(parsed.all("text", class: "edge-label").map(\.text) == ["sin"])
        #expect(parsed.all("text", class: "name", "input").map(\.text) == ["x1", "x2"])
        #expect(parsed.all("text", class: "name", "output").map(\.text) == ["y"])
        let viaClosure = try ParsedSVG(try NetworkDiagram(network: net, samples: data) { id in "edge \(id)" }.svg())
        #expect(viaClosure.all("text", class: "edge-label").map(\.text) == ["edge (0, 0, 0)"])
    }

    @Test func multiplicationNodesAreSquares() throws {
        let data = try Fixtures.data(count: 60) { $0[0] * $0[1] }
        let net = try Network(shape: [2, LayerWidth(sum: 1, mult: 1), 1], gridSize: 3, seed: 0)
        let parsed = try ParsedSVG(try NetworkDiagram(network: net, samples: data).svg())
        #expect(parsed.all("g", class: "node", "mult").count == 1)
        #expect(parsed.all("g", class: "node", "sum").count == 2 + 1 + 1)
        // Sub-nodes: 1 sum + 2 factors, so 2·3 + 2·1 edges.
        #expect(parsed.all("path", class: "activation").count == 8)
    }

    @Test func prunedInputsKeepTheirOriginalNames() throws {
        let data = try Fixtures.data(count: 200, inputs: 3) { $0[0] + $0[2] * $0[2] }
        var net = try Network(shape: [3, 2, 1], gridSize: 3, seed: 0)
        try net.train(on: data, options: TrainingOptions(steps: 2, gridUpdate: .disabled))
        for j in 0..<2 { try net.setEdgeActive(layer: 0, input: 1, output: j, false) }
        let pruned = try net.prunedInputs(samples: data)
        #expect(pruned.inputIndices == [0, 2])
        let parsed = try ParsedSVG(try NetworkDiagram(network: pruned, inputNames: ["a", "b", "c"]).svg())
        #expect(parsed.all("text", class: "name", "input").map(\.text) == ["a", "c"])
        #expect(throws: PlotError.self) { try NetworkDiagram(network: pruned, inputNames: ["a"]).svg() }
    }

    @Test func withoutSamplesItExplains() throws {
        let net = try Network(shape: [2, 1], seed: 0)
        #expect(throws: PlotError.self) { try NetworkDiagram(network: net).svg() }
    }

    /// 20 inputs and 20 hidden nodes: 420 panels, long names; no two labels may overlap.
    @Test func wideNetworksKeepLabelsApart() throws {
        let data = try Fixtures.data(count: 100, inputs: 20) { $0.reduce(0, +) }
        let net = try Network(shape: [20, 20, 1], gridSize: 3, seed: 0)
        let names = (1...20).map { "temperature_\($0)" }
        let diagram = NetworkDiagram(network: net, samples: data, inputNames: names, title: "20 × 20")
        let document = try diagram.document()
        let parsed = try ParsedSVG(document.render())
        #expect(parsed.all("path", class: "activation").count == 420)
        let inputs = parsed.all("text", class: "name", "input")
        #expect(inputs.count == 20)
        // Names wider than their slot are rotated; horizontal ones must fit their slots.
        let xs = inputs.compactMap { Double($0.attributes["x"] ?? "") }.sorted()
        let gap = zip(xs, xs.dropFirst()).map { $1 - $0 }.min() ?? 0
        let fontSize = Double(inputs.first?.attributes["font-size"] ?? "") ?? 13
        let rotated = inputs.allSatisfy { ($0.attributes["transform"] ?? "").hasPrefix("rotate(-90") }
        #expect(rotated || gap > TextMetrics.width("temperature_20", fontSize: fontSize))
        #expect(rotated ? gap > fontSize : true)
        // Panels do not overlap: consecutive panels in a row are at least a panel apart.
        let panels = parsed.all("rect", class: "panel")
        let rows = Dictionary(grouping: panels) { $0.attributes["y"] ?? "" }
        for (_, row) in rows {
            let lefts = row.compactMap { Double($0.attributes["x"] ?? "") }.sorted()
            let size = Double(row.first?.attributes["width"] ?? "") ?? 0
            #expect(zip(lefts, lefts.dropFirst()).allSatisfy { $1 - $0 >= size })
        }
        #expect(document.width <= 20_000)
    }
}
