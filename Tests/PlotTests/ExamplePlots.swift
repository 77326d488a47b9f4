import Foundation
import KAN
import Testing
@testable import Plot

/// The example drawings of docs/plots.md, drawn from real training: the paper's hello
/// example exp(sin(πx) + y²) on a [2, 5, 1] KAN, trained with sparsification, pruned,
/// refined, with its edges matched to sin and x² by least squares. Each must be a whole SVG
/// document, and the matching must find the hello example's functions. They go to a scratch
/// folder, or to `KAN_WRITE_EXAMPLE_PLOTS=DIR` (scripts/render-examples converts them to PNG).
@Suite struct ExamplePlots {
    static let directory = ProcessInfo.processInfo.environment["KAN_WRITE_EXAMPLE_PLOTS"]

    @Test func writeExamples() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kan-example-plots-\(UUID().uuidString)")
        let directory = Self.directory.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? scratch
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

        let train = try Fixtures.data(count: 1000, seed: 1)
        let test = try Fixtures.data(count: 1000, seed: 2)
        var net = try Network(shape: [2, 5, 1], gridSize: 5, seed: 0)
        let sparse = TrainingOptions(steps: 50, regularization: .init(lambda: 0.01))
        var events = TrainingEvent.gridUpdates(options: sparse)
        try net.train(on: train, test: test, options: sparse)
        let names = ["x", "y"]
        try NetworkDiagram(network: net, samples: train, inputNames: names, outputNames: ["f"],
                           title: "[2, 5, 1] after sparsification").write(to: url("hello-network-before.svg"))

        events.append(TrainingEvent(step: net.history.trainLoss.count, kind: .prune))
        try net.prune(nodeThreshold: 1e-2, edgeThreshold: 3e-2, samples: train)
        let tune = TrainingOptions(steps: 30)
        events += TrainingEvent.gridUpdates(options: tune, firstStep: net.history.trainLoss.count)
        try net.train(on: train, test: test, options: tune)
        events.append(TrainingEvent(step: net.history.trainLoss.count, kind: .refine(gridSize: 10)))
        try net.refine(gridSize: 10, samples: train)
        try net.train(on: train, test: test, options: TrainingOptions(steps: 30, gridUpdate: .disabled))
        try NetworkDiagram(network: net, samples: train, inputNames: names, outputNames: ["f"],
                           title: "after pruning: \(net.shape)").write(to: url("hello-network-after.svg"))
        try LossCurvePlot(history: net.history, events: events, title: "exp(sin(πx) + y²): training")
            .write(to: url("hello-loss.svg"))

        // Match first-layer edges with c·g(x) + d by linear least squares, as discovery would.
        let candidates: [(name: String, g: @Sendable (Double) -> Double, function: SymbolicFunction, a: Double)] = [
            ("sin(π·x)", { sin(Double.pi * $0) }, Fixtures.sine, Double.pi),
            ("x²", { $0 * $0 }, SymbolicFunction(name: "x^2", value: { $0 * $0 }, derivative: { 2 * $0 }), 1),
        ]
        var symbolic = net
        var labels: [EdgeID: String] = [:]
        var edgeFit: (EdgeID, EdgeFit)?
        let layer = net.layers[0]
        for i in 0..<layer.inputCount {
            for j in 0..<layer.subnodeCount where layer.mask[layer.edgeIndex(input: i, subnode: j)] != 0 {
                let (x, y) = try net.edgeSamples(layer: 0, input: i, output: j, samples: train)
                guard let best = candidates.map({ ($0, LinearFit(x: x.map($0.g), y: y)) })
                    .max(by: { $0.1.rSquared < $1.1.rSquared }), best.1.rSquared > 0.99 else { continue }
                let (c, d) = (best.1.slope, best.1.intercept)
                let sign = d < 0 ? "−" : "+"
                let label = "\(NumberFormatting.label(c, significantDigits: 3))·\(best.0.name) \(sign) \(NumberFormatting.label(abs(d), significantDigits: 3))"
                let id = EdgeID(layer: 0, input: i, output: j)
                labels[id] = label
                let g = best.0.g
                if edgeFit == nil {
                    edgeFit = (id, EdgeFit(label: label, rSquared: best.1.rSquared) { c * g($0) + d })
                }
                try symbolic.setSymbolic(layer: 0, input: i, output: j, function: best.0.function, a: best.0.a, c: c, d: d)
            }
        }
        if let (id, fit) = edgeFit {
            try EdgePlot(network: net, layer: id.layer, input: id.input, output: id.output, samples: train,
                         fit: fit, inputName: names[net.inputIndices[id.input]]).write(to: url("hello-edge.svg"))
        }
        try NetworkDiagram(network: symbolic, samples: train, inputNames: names, outputNames: ["f"],
                           symbolicLabels: labels, title: "symbolic edges").write(to: url("hello-network-symbolic.svg"))

        try ParetoPlot(points: [
            ParetoPoint(complexity: 2, error: 1.21, label: "exp(y^2)"),
            ParetoPoint(complexity: 4, error: 0.52, label: "2.1*x + exp(y^2)"),
            ParetoPoint(complexity: 7, error: 3.1e-3, label: "exp(sin(3.1416*x) + y^2)"),
            ParetoPoint(complexity: 8, error: 4.2e-9, label: "exp(sin(pi*x) + y^2)", isChosen: true),
            ParetoPoint(complexity: 13, error: 3.9e-9, label: "exp(sin(pi*x) + y^2) + 1.0e-9*x*y"),
        ], title: "Pareto front: exp(sin(πx) + y²)").write(to: url("hello-pareto.svg"))

        // How well a formula fits: one of two inputs a little off the law (the residuals show
        // the sine it misses), and one of one input through noisy data.
        var state: UInt64 = 7
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
        let points: [(x: Double, y: Double, noise: Double)] = (0..<200).map { _ in (uniform(), uniform(), uniform()) }
        let measured: [Double] = points.map { exp(sin(Double.pi * $0.x) + $0.y * $0.y) + 0.02 * $0.noise }
        let predicted: [Double] = points.map { exp(0.97 * sin(3.1 * $0.x) + $0.y * $0.y) }
        try FitPlot(measured: measured, predicted: predicted, targetName: "f",
                    title: "f = exp(0.97*sin(3.1*x) + y^2)", rowsDescription: "validation rows")
            .write(to: url("fit-two-inputs.svg"))
        let line: [(x: Double, noise: Double)] = (0..<120).map { _ in (2 * uniform(), uniform()) }
        let law: (Double) -> Double = { 1.5 * tanh(2 * $0) }
        let curve = FitPlot.Curve(name: "x", inputs: line.map(\.x), function: law)
        try FitPlot(measured: line.map { law($0.x) + 0.05 * $0.noise }, predicted: line.map { law($0.x) }, curve: curve,
                    targetName: "y", title: "y = 1.5*tanh(2*x)", rowsDescription: "validation rows")
            .write(to: url("fit-one-input.svg"))

        // Multiplication nodes (KAN 2.0): x·y with one product node.
        let productData = try Fixtures.data(count: 400, seed: 3) { $0[0] * $0[1] }
        var product = try Network(shape: [2, LayerWidth(sum: 1, mult: 1), 1], gridSize: 5, seed: 0)
        try product.train(on: productData, options: TrainingOptions(steps: 30))
        try NetworkDiagram(network: product, samples: productData, inputNames: names, outputNames: ["x·y"],
                           title: "[2, [1, 1], 1] on x·y").write(to: url("product-network.svg"))

        let wideData = try Fixtures.data(count: 200, inputs: 20) { $0.reduce(0) { $0 + sin($1) } }
        var wide = try Network(shape: [20, 20, 1], gridSize: 3, seed: 0)
        try wide.train(on: wideData, options: TrainingOptions(steps: 3, gridUpdate: .disabled))
        try NetworkDiagram(network: wide, samples: wideData, inputNames: (1...20).map { "x_\($0)" },
                           beta: 10, title: "[20, 20, 1], beta = 10").write(to: url("wide-network.svg"))

        #expect(!labels.isEmpty, "no first-layer edge matched sin(π·x) or x²")
        #expect(edgeFit != nil)
        for name in ["hello-network-before", "hello-network-after", "hello-loss", "hello-edge", "hello-network-symbolic",
                     "hello-pareto", "product-network", "wide-network"] {
            let text = try String(contentsOf: url(name + ".svg"), encoding: .utf8)
            #expect(text.contains("<svg") && text.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</svg>"), "\(name).svg is not a whole SVG document")
        }
    }
}

/// y ≈ slope·x + intercept by least squares, with R².
struct LinearFit {
    var slope = 0.0, intercept = 0.0, rSquared = -Double.infinity

    init(x: [Double], y: [Double]) {
        let n = Double(x.count)
        guard x.count == y.count, x.count >= 2 else { return }
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxx += (a - mx) * (a - mx)
            sxy += (a - mx) * (b - my)
            syy += (b - my) * (b - my)
        }
        guard sxx > 0, syy > 0 else { return }
        slope = sxy / sxx
        intercept = my - slope * mx
        rSquared = sxy * sxy / (sxx * syy)
    }
}
