import Foundation
import KAN

/// The picture of a KAN (pykan's `plot`): nodes level by level, inputs at the bottom and
/// outputs at the top, and every live edge drawn as its activation curve in a small
/// panel between the levels, over the range of inputs the edge actually sees.
///
///     let diagram = NetworkDiagram(network: net, samples: data,
///                                  inputNames: ["x", "y"], outputNames: ["f"],
///                                  symbolicLabels: [EdgeID(layer: 0, input: 0, output: 0): "sin(πx)"],
///                                  title: "after pruning")
///     try diagram.write(to: URL(fileURLWithPath: "network.svg"))
///
/// - Each edge (a `<g class="edge spline|symbolic">` holding one `<path class="activation">`)
///   is drawn with opacity tanh(`beta` · attribution score), so edges that matter stand
///   out (pykan's `beta`; larger `beta` shows weak edges more).
/// - Masked (pruned) edges are not drawn; pruned nodes are already gone from the network.
/// - Symbolic edges are drawn in `theme.symbolic` and labelled with `symbolicLabels[edge]`,
///   or the symbolic function's name when the caller gives no label.
/// - Sum nodes are circles, multiplication nodes squares with a ×.
/// - Panel size and fonts shrink with the widest layer (down to a legible minimum; the
///   canvas widens instead), and labels that would not fit beside each other are rotated.
public struct NetworkDiagram: Drawing {
    public var network: Network
    /// Samples to compute attribution and edge ranges on; nil: the network's cached
    /// training inputs. Inputs are those of `network` (after pruning: its remaining inputs).
    public var samples: Dataset?
    /// Names of the inputs: either one per current input, or one per original input
    /// (before pruning; `network.inputIndices` picks the survivors). Default x1, x2, ….
    public var inputNames: [String]?
    /// Names of the outputs. Default y (one output) or y1, y2, ….
    public var outputNames: [String]?
    /// Labels of symbolic edges (a fitted formula, supplied by the caller).
    public var symbolicLabels: [EdgeID: String]
    /// Opacity sharpness: alpha = tanh(beta · score).
    public var beta: Double
    public var title: String?
    public var theme: Theme
    /// At most this many samples are run through the network to draw the curves
    /// (evenly strided); attribution uses all samples.
    public var curveSampleLimit: Int = 256

    public init(
        network: Network, samples: Dataset? = nil, inputNames: [String]? = nil, outputNames: [String]? = nil,
        symbolicLabels: [EdgeID: String] = [:], beta: Double = 3, title: String? = nil, theme: Theme = Theme()
    ) {
        self.network = network
        self.samples = samples
        self.inputNames = inputNames
        self.outputNames = outputNames
        self.symbolicLabels = symbolicLabels
        self.beta = beta
        self.title = title
        self.theme = theme
    }

    /// A diagram whose symbolic-edge labels come from a function, called once per
    /// symbolic edge (for example a lookup into a discovery result).
    public init(
        network: Network, samples: Dataset? = nil, inputNames: [String]? = nil, outputNames: [String]? = nil,
        beta: Double = 3, title: String? = nil, theme: Theme = Theme(), symbolicLabel: (EdgeID) -> String?
    ) {
        var labels: [EdgeID: String] = [:]
        for (l, layer) in network.layers.enumerated() {
            for i in 0..<layer.inputCount {
                for j in 0..<layer.subnodeCount where layer.isSymbolic(layer.edgeIndex(input: i, subnode: j)) {
                    let id = EdgeID(layer: l, input: i, output: j)
                    if let label = symbolicLabel(id) { labels[id] = label }
                }
            }
        }
        self.init(network: network, samples: samples, inputNames: inputNames, outputNames: outputNames,
                  symbolicLabels: labels, beta: beta, title: title, theme: theme)
    }

    /// The names drawn under the inputs, one per current input.
    func resolvedInputNames() throws -> [String] {
        let n = network.inputCount
        guard let names = inputNames else { return network.inputIndices.map { "x\($0 + 1)" } }
        if names.count == n { return names }
        if network.inputIndices.allSatisfy({ names.indices.contains($0) }) {
            return network.inputIndices.map { names[$0] }
        }
        throw PlotError.invalidArgument("\(names.count) input names for a network with \(n) inputs (original inputs \(network.inputIndices))")
    }

    /// The names drawn above the outputs.
    func resolvedOutputNames() throws -> [String] {
        let n = network.outputCount
        guard let names = outputNames else { return n == 1 ? ["y"] : (1...n).map { "y\($0)" } }
        guard names.count == n else {
            throw PlotError.invalidArgument("\(names.count) output names for a network with \(n) outputs")
        }
        return names
    }

    public func document() throws -> SVGDocument {
        guard beta.isFinite, beta >= 0 else { throw PlotError.invalidArgument("beta must be finite and non-negative, got \(beta)") }
        guard let data = samples ?? network.cachedInputs else {
            throw PlotError.noData("the network diagram needs samples: pass them or train the network first")
        }
        guard data.inputCount == network.inputCount, data.count >= 1 else {
            throw PlotError.invalidArgument("samples have \(data.inputCount) inputs and \(data.count) rows; the network has \(network.inputCount) inputs")
        }
        let scores = try network.attribution(samples: data)
        let curveData = try Self.thinned(data, limit: curveSampleLimit)
        var edges: [[DiagramLayout.Edge]] = []
        for (l, layer) in network.layers.enumerated() {
            var row: [DiagramLayout.Edge] = []
            for i in 0..<layer.inputCount {
                for j in 0..<layer.subnodeCount {
                    let e = layer.edgeIndex(input: i, subnode: j)
                    guard layer.mask[e] != 0 else { continue }
                    let (x, y) = try network.edgeSamples(layer: l, input: i, output: j, samples: curveData)
                    let id = EdgeID(layer: l, input: i, output: j)
                    let symbolic = try network.symbolicEdge(layer: l, input: i, output: j)
                    let label = symbolic.map { symbolicLabels[id] ?? $0.function.name }
                    let score = scores.edgeScores[l][e]
                    row.append(DiagramLayout.Edge(
                        id: id, target: layer.nodeIndex(ofSubnode: j), isSymbolic: symbolic != nil, label: label,
                        alpha: score.isFinite ? tanh(beta * max(score, 0)) : 0,
                        curve: ActivationCurve(inputs: x, outputs: y)))
                }
            }
            edges.append(row)
        }
        let layout = DiagramLayout(
            shape: network.shape, edges: edges, inputNames: try resolvedInputNames(),
            outputNames: try resolvedOutputNames(), title: title, theme: theme)
        return layout.document()
    }

    /// At most `limit` rows of `data`, evenly strided.
    static func thinned(_ data: Dataset, limit: Int) throws -> Dataset {
        guard data.count > limit, limit >= 2 else { return data }
        let n = data.inputCount
        var rows: [Double] = []
        rows.reserveCapacity(limit * n)
        for k in 0..<limit {
            let s = k * (data.count - 1) / (limit - 1)
            rows += data.inputs[(s * n)..<((s + 1) * n)]
        }
        return try Dataset(rows: rows, inputCount: n)
    }
}

extension Layer {
    /// The output node fed by sub-node j: itself for sum nodes, its product for
    /// multiplication nodes.
    func nodeIndex(ofSubnode j: Int) -> Int {
        j < sumCount ? j : sumCount + (j - sumCount) / max(arity, 1)
    }
}
