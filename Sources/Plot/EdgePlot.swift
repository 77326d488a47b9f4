import Foundation
import KAN

/// One edge drawn large: its activation φ(x) as a curve over the inputs it sees, the
/// samples themselves as dots, and a caller's symbolic fit overlaid (dashed, with R²).
///
///     let plot = try EdgePlot(network: net, layer: 0, input: 0, output: 0,
///                             fit: EdgeFit(label: "sin(πx)", rSquared: 0.9999) { sin(.pi * $0) },
///                             inputName: "x")
///     try plot.write(to: URL(fileURLWithPath: "edge.svg"))
///
/// The curve is `<path class="activation">`, the fit `<path class="fit">`, the samples
/// `<circle class="sample">` (at most `sampleLimit`, evenly strided).
public struct EdgePlot: Drawing {
    /// The edge's samples (input, activation), in any order.
    public var inputs: [Double]
    public var outputs: [Double]
    public var fit: EdgeFit?
    /// Whether the edge is symbolic (its curve is then drawn in the symbolic colour).
    public var isSymbolic: Bool
    public var xTitle: String
    public var yTitle: String
    public var title: String?
    public var theme: Theme
    public var sampleLimit: Int = 1500
    public var width: Double = 640
    public var height: Double = 440

    /// An edge plot from samples of the edge (for example `Network.edgeSamples`).
    public init(inputs: [Double], outputs: [Double], fit: EdgeFit? = nil, isSymbolic: Bool = false,
                xTitle: String = "x", yTitle: String = "φ(x)", title: String? = nil, theme: Theme = Theme()) {
        self.inputs = inputs
        self.outputs = outputs
        self.fit = fit
        self.isSymbolic = isSymbolic
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.title = title
        self.theme = theme
    }

    /// The plot of edge (layer, input → output) of `network` on `samples` (default: the
    /// cached training inputs). `inputName` names the edge's input in the axis title
    /// (for a first-layer edge, the variable); the default title names the edge.
    public init(network: Network, layer: Int, input: Int, output: Int, samples: Dataset? = nil,
                fit: EdgeFit? = nil, inputName: String? = nil, title: String? = nil, theme: Theme = Theme()) throws {
        let (x, y) = try network.edgeSamples(layer: layer, input: input, output: output, samples: samples)
        let symbolic = try network.symbolicEdge(layer: layer, input: input, output: output)
        let name = inputName ?? "x"
        self.init(inputs: x, outputs: y, fit: fit, isSymbolic: symbolic != nil,
                  xTitle: name, yTitle: "φ(\(name))",
                  title: title ?? "edge \(EdgeID(layer: layer, input: input, output: output))"
                    + (symbolic.map { " (symbolic: \($0.function.name))" } ?? ""),
                  theme: theme)
    }

    public func document() throws -> SVGDocument {
        guard inputs.count == outputs.count else {
            throw PlotError.invalidArgument("\(inputs.count) inputs but \(outputs.count) outputs")
        }
        let pairs = zip(inputs, outputs).filter { $0.0.isFinite && $0.1.isFinite }
        guard let xMin = pairs.map(\.0).min(), let xMax = pairs.map(\.0).max() else {
            throw PlotError.noData("the edge has no finite samples")
        }
        let fitPoints: [(x: Double, y: Double)] = fit.map { fit in
            (0...200).map { k in
                let x = xMin + (xMax - xMin) * Double(k) / 200
                return (x, fit.function(x))
            }
        } ?? []
        let ys = pairs.map(\.1) + fitPoints.map(\.y).filter(\.isFinite)
        let yMinData = ys.min() ?? 0, yMaxData = ys.max() ?? 1
        let fs = theme.fontSize
        let titleHeight = title == nil ? 0 : fs * 1.4 + 12
        // Headroom above the data for the legend, so it never hides the curve.
        let legend = legendEntries()
        let legendHeight = Legend(entries: legend).size(theme: theme).height + 16
        let plotHeight = height - 16 - titleHeight - 3 * fs - 30
        let span = max(yMaxData - yMinData, 1e-12 * max(1, abs(yMaxData)))
        let headroom = span * legendHeight / max(plotHeight - legendHeight, 1)
        let xTicks = Ticks.linear(xMin, xMax), yTicks = Ticks.linear(yMinData, yMaxData + headroom)
        let left = 16 + Axes.leftMargin(yTicks: yTicks, fontSize: fs)
        let top = 16 + titleHeight
        let axes = Axes(left: left, top: top, width: width - left - 20, height: plotHeight,
                        xTicks: xTicks, xKind: .linear, yTicks: yTicks, yKind: .linear,
                        xTitle: xTitle, yTitle: yTitle, theme: theme)
        func f(_ v: Double) -> String { NumberFormatting.coordinate(v) }

        var document = SVGDocument(width: width, height: height, title: title, theme: theme)
        if let title { document.append(titleElement(title, x: width / 2, y: 16 + fs * 1.2, theme: theme)) }
        document.append(axes.background())
        let clip = "edge-plot-area"
        document.append(SVGElement("defs", children: [axes.clipPath(id: clip)]))

        let stride = max(1, pairs.count / max(sampleLimit, 1) + (pairs.count % max(sampleLimit, 1) == 0 ? 0 : 1))
        var dots: [SVGElement] = []
        for k in Swift.stride(from: 0, to: pairs.count, by: stride) {
            let (x, y) = pairs[k]
            dots.append(SVGElement("circle", ["cx": f(axes.x.position(x)), "cy": f(axes.y.position(y)), "r": "2.2"],
                                   class: "sample"))
        }
        let color = isSymbolic ? theme.symbolic : theme.spline
        let sorted = pairs.sorted { $0.0 < $1.0 }.map { (x: axes.x.position($0.0), y: axes.y.position($0.1)) }
        var marks: [SVGElement] = [
            .group(class: "samples", ["fill": theme.samples, "fill-opacity": "0.45"], dots),
            SVGElement("path", ["d": Polyline.pathData(sorted), "fill": "none", "stroke": color,
                                "stroke-width": f(theme.lineWidth * 1.3), "stroke-linejoin": "round"], class: "activation"),
        ]
        if fit != nil {
            let path = fitPoints.map { (x: axes.x.position($0.x), y: $0.y.isFinite ? axes.y.position($0.y) : .nan) }
            marks.append(SVGElement("path", ["d": Polyline.pathData(path), "fill": "none", "stroke": theme.symbolic,
                                             "stroke-width": f(theme.lineWidth * 1.3), "stroke-dasharray": "7 4"],
                                    class: "fit"))
        }
        document.append(.group(class: "data", ["clip-path": "url(#\(clip))"], marks))
        let occupied = sorted + fitPoints.map { (x: axes.x.position($0.x), y: axes.y.position($0.y)) }
        document.append(Legend(entries: legend).element(in: axes, avoiding: occupied, theme: theme))
        return document
    }

    /// The legend: samples, the activation and, with a fit, its formula and R².
    private func legendEntries() -> [Legend.Entry] {
        var entries = [
            Legend.Entry(label: "samples", color: theme.samples, mark: .dot),
            Legend.Entry(label: isSymbolic ? "activation (symbolic)" : "activation (spline)",
                         color: isSymbolic ? theme.symbolic : theme.spline, mark: .line(dashed: false)),
        ]
        if let fit {
            let r2 = fit.rSquared.map { " (R² = \(Self.formatRSquared($0)))" } ?? ""
            entries.append(Legend.Entry(label: "fit: " + fit.label + r2, color: theme.symbolic, mark: .line(dashed: true)))
        }
        return entries
    }

    /// R² to six digits, or as 1 − ε when it is that close to 1 (a printed "1" would
    /// hide how good a good fit is).
    static func formatRSquared(_ r2: Double) -> String {
        let gap = 1 - r2
        if gap > 0 && gap < 1e-5 { return "1 − " + NumberFormatting.label(gap, significantDigits: 2) }
        return NumberFormatting.label(r2, significantDigits: 6)
    }
}
