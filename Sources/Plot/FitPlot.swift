import Foundation

/// How well a formula fits data: its predictions against the measured target (a parity
/// plot, with the line y = x where a perfect fit lies), and the residuals against the
/// predictions (structure there is what the formula misses), with the RMSE and R² in the
/// title. For a formula of one input, a first panel shows the data and the formula's curve.
///
///     let plot = FitPlot(measured: y, predicted: formulaValues, targetName: "w", title: "w = u*v")
///     try plot.write(to: URL(fileURLWithPath: "fit.svg"))
///
/// Rows where the measurement or the prediction is not finite (the formula undefined there)
/// are left out of the panels and the scores, and counted in the title. At most
/// `markerLimit` rows are drawn (evenly strided); the scores use them all.
///
/// Marks: `<circle class="point">` (parity), `<circle class="residual">`,
/// `<circle class="sample">` and `<path class="curve">` (one input), `<path class="identity">`
/// (y = x) and `<path class="zero">` (residual 0); each panel is a `<g class="panel …">`.
public struct FitPlot: Drawing {
    /// The one input of a formula of one variable, for the panel of data and curve.
    public struct Curve {
        /// The input's name (the x axis).
        public var name: String
        /// The input's value at each row, aligned with `measured`.
        public var inputs: [Double]
        /// The formula as a function of the input, drawn over the inputs' range.
        public var function: (Double) -> Double

        public init(name: String, inputs: [Double], function: @escaping (Double) -> Double) {
            self.name = name
            self.inputs = inputs
            self.function = function
        }
    }

    /// The RMSE and R² of a prediction, on the rows where both values are finite.
    public struct Scores: Sendable, Equatable {
        public var rmse: Double
        /// nil when the measurements do not vary (R² is undefined).
        public var rSquared: Double?
        /// The rows scored, and the rows left out (a value not finite).
        public var count: Int
        public var undefinedCount: Int

        public init(measured: [Double], predicted: [Double]) {
            var pairs: [(Double, Double)] = []
            for (y, p) in zip(measured, predicted) where y.isFinite && p.isFinite { pairs.append((y, p)) }
            count = pairs.count
            undefinedCount = max(measured.count, predicted.count) - pairs.count
            let n = Double(max(pairs.count, 1))
            let mean = pairs.reduce(0) { $0 + $1.0 } / n
            var residual = 0.0, total = 0.0
            for (y, p) in pairs {
                residual += (y - p) * (y - p)
                total += (y - mean) * (y - mean)
            }
            rmse = pairs.isEmpty ? .nan : (residual / n).squareRoot()
            rSquared = total > 0 ? 1 - residual / total : nil
        }
    }

    public var measured: [Double]
    public var predicted: [Double]
    public var curve: Curve?
    /// The target's name, on the axes.
    public var targetName: String
    /// The first title line (the formula); the scores follow on the second.
    public var title: String?
    /// What the rows are, after the scores: "validation rows", "rows of the test table".
    public var rowsDescription: String
    public var theme: Theme
    public var markerLimit: Int = 2000
    /// The size of one panel, axis labels included.
    public var panelWidth: Double = 420
    public var panelHeight: Double = 400

    public init(measured: [Double], predicted: [Double], curve: Curve? = nil, targetName: String = "y",
                title: String? = nil, rowsDescription: String = "rows", theme: Theme = Theme()) {
        self.measured = measured
        self.predicted = predicted
        self.curve = curve
        self.targetName = targetName
        self.title = title
        self.rowsDescription = rowsDescription
        self.theme = theme
    }

    public var scores: Scores { Scores(measured: measured, predicted: predicted) }

    public func document() throws -> SVGDocument {
        guard measured.count == predicted.count else {
            throw PlotError.invalidArgument("\(measured.count) measured values but \(predicted.count) predictions")
        }
        if let curve, curve.inputs.count != measured.count {
            throw PlotError.invalidArgument("\(curve.inputs.count) values of \(curve.name) for \(measured.count) measured values")
        }
        let rows = measured.indices.filter {
            measured[$0].isFinite && predicted[$0].isFinite && (curve?.inputs[$0].isFinite ?? true)
        }
        guard !rows.isEmpty else {
            throw PlotError.noData("no row where both the measured value and the prediction are finite")
        }
        let scores = self.scores
        let fs = theme.fontSize
        let drawn = Self.strided(rows, limit: markerLimit)
        let panelCount = curve == nil ? 2 : 3
        let panelsWidth = 16 + Double(panelCount) * panelWidth
        let line = scoreLine(scores)
        // The panels keep their place at the left; a long score line widens the canvas.
        let width = max(panelsWidth, TextMetrics.width(line, fontSize: fs * 1.1) + 32)
        let header = 16 + (title == nil ? 0 : fs * 1.6) + fs * 1.5 + 10
        let height = header + panelHeight + 8

        var document = SVGDocument(width: width, height: height, title: title, theme: theme)
        // Bold glyphs run about 10 % wider than the estimate.
        let maximumCharacters = Int((width - 32) / (1.1 * fs * 1.25 * TextMetrics.averageCharacterWidth))
        var baseline = 16 + fs * 1.2
        if let title {
            document.append(titleElement(Self.shortened(title, to: maximumCharacters), x: width / 2, y: baseline, theme: theme))
            baseline += fs * 1.6
        }
        var summary = titleElement(line, x: width / 2, y: baseline, theme: theme)
        summary.set("font-size", NumberFormatting.coordinate(fs * 1.1))
        summary.set("font-weight", "normal")
        summary.set("class", "title scores")
        document.append(summary)

        var left = 8.0
        if let curve {
            document.append(curvePanel(curve, rows: rows, drawn: drawn, left: left, top: header))
            left += panelWidth
        }
        document.append(parityPanel(rows: rows, drawn: drawn, left: left, top: header))
        left += panelWidth
        document.append(residualPanel(rows: rows, drawn: drawn, left: left, top: header))
        return document
    }

    /// "RMSE = 0.0123, R² = 0.9987 on 80 validation rows (2 where the formula is undefined left out)".
    func scoreLine(_ scores: Scores) -> String {
        let r2 = scores.rSquared.map { EdgePlot.formatRSquared($0) } ?? "undefined (constant target)"
        var line = "RMSE = \(NumberFormatting.label(scores.rmse)), R² = \(r2) on \(scores.count) \(rowsDescription)"
        if scores.undefinedCount > 0 {
            line += " (\(scores.undefinedCount) left out: a value is not finite)"
        }
        return line
    }

    // MARK: Panels

    /// Axes filling a panel at (left, top), with its heading above the plot area.
    private func makeAxes(left: Double, top: Double, xTicks: Ticks.Axis, yTicks: Ticks.Axis,
                      xTitle: String, yTitle: String) -> Axes {
        let fs = theme.fontSize
        let plotLeft = left + 8 + Axes.leftMargin(yTicks: yTicks, fontSize: fs)
        let plotTop = top + fs * 1.6
        return Axes(left: plotLeft, top: plotTop, width: left + panelWidth - 16 - plotLeft,
                    height: panelHeight - (plotTop - top) - 3 * fs - 24,
                    xTicks: xTicks, xKind: .linear, yTicks: yTicks, yKind: .linear,
                    xTitle: xTitle, yTitle: yTitle, theme: theme)
    }

    private func heading(_ text: String, _ axes: Axes) -> SVGElement {
        SVGElement("text", [
            "x": f(axes.left + axes.width / 2), "y": f(axes.top - 8), "text-anchor": "middle",
            "font-weight": "bold", "fill": theme.foreground,
        ], class: "panel-title", text: text)
    }

    private func dots(_ points: [(x: Double, y: Double)], class className: String, color: String,
                      _ axes: Axes) -> SVGElement {
        let radius = points.count > 500 ? "2" : "3"
        return .group(class: className + "s", ["fill": color, "fill-opacity": "0.6"], points.map { p in
            SVGElement("circle", ["cx": f(axes.x.position(p.x)), "cy": f(axes.y.position(p.y)), "r": radius],
                       class: className)
        })
    }

    private func line(_ points: [(x: Double, y: Double)], class className: String, color: String,
                      dashed: Bool, _ axes: Axes) -> SVGElement {
        let mapped = points.map { (x: axes.x.position($0.x), y: $0.y.isFinite ? axes.y.position($0.y) : .nan) }
        var element = SVGElement("path", ["d": Polyline.pathData(mapped), "fill": "none", "stroke": color,
                                          "stroke-width": f(theme.lineWidth * 1.2), "stroke-linejoin": "round"],
                                 class: className)
        if dashed { element.set("stroke-dasharray", "7 4") }
        return element
    }

    /// Prediction (y) against measurement (x), the same scale on both axes.
    private func parityPanel(rows: [Int], drawn: [Int], left: Double, top: Double) -> SVGElement {
        let values = rows.flatMap { [measured[$0], predicted[$0]] }
        let ticks = Self.ticks(values)
        let axes = makeAxes(left: left, top: top, xTicks: ticks, yTicks: ticks,
                        xTitle: "measured \(targetName)", yTitle: "predicted \(targetName)")
        let clip = "fit-parity-area"
        let points = drawn.map { (x: measured[$0], y: predicted[$0]) }
        let identity = [(x: ticks.lower, y: ticks.lower), (x: ticks.upper, y: ticks.upper)]
        let legend = Legend(entries: [
            Legend.Entry(label: "one per row", color: theme.front, mark: .dot),
            Legend.Entry(label: "y = x (a perfect fit)", color: theme.symbolic, mark: .line(dashed: true)),
        ])
        return .group(class: "panel parity", [
            heading("prediction against measurement", axes),
            axes.background(),
            SVGElement("defs", children: [axes.clipPath(id: clip)]),
            .group(class: "data", ["clip-path": "url(#\(clip))"], [
                line(identity, class: "identity", color: theme.symbolic, dashed: true, axes),
                dots(points, class: "point", color: theme.front, axes),
            ]),
            legend.element(in: axes, avoiding: positions(points, axes) + diagonal(axes), theme: theme),
        ])
    }

    /// Residual (measured − predicted) against the prediction, with the zero line.
    private func residualPanel(rows: [Int], drawn: [Int], left: Double, top: Double) -> SVGElement {
        let residuals = rows.map { measured[$0] - predicted[$0] }
        let xTicks = Self.ticks(rows.map { predicted[$0] })
        // Symmetric about 0, so the sign of a trend reads at a glance.
        let extent = residuals.map { Swift.abs($0) }.max() ?? 0
        let yTicks = Self.ticks([-extent, extent])
        let axes = makeAxes(left: left, top: top, xTicks: xTicks, yTicks: yTicks,
                        xTitle: "predicted \(targetName)", yTitle: "measured − predicted")
        let clip = "fit-residual-area"
        let points = drawn.map { (x: predicted[$0], y: measured[$0] - predicted[$0]) }
        return .group(class: "panel residuals", [
            heading("residuals", axes),
            axes.background(),
            SVGElement("defs", children: [axes.clipPath(id: clip)]),
            .group(class: "data", ["clip-path": "url(#\(clip))"], [
                line([(x: xTicks.lower, y: 0), (x: xTicks.upper, y: 0)], class: "zero", color: theme.axis,
                     dashed: false, axes),
                dots(points, class: "residual", color: theme.front, axes),
            ]),
        ])
    }

    /// The measured target against the one input, and the formula's curve through it.
    private func curvePanel(_ curve: Curve, rows: [Int], drawn: [Int], left: Double, top: Double) -> SVGElement {
        let xs = rows.map { curve.inputs[$0] }
        let low = xs.min() ?? 0, high = xs.max() ?? 1
        let line = (0...300).map { k -> (x: Double, y: Double) in
            let x = low + (high - low) * Double(k) / 300
            return (x, curve.function(x))
        }
        // The y range is the data's and the predictions' at the data, not the curve's: a pole
        // between two samples would squash the data into a line.
        let ys = rows.flatMap { [measured[$0], predicted[$0]] }
        let axes = makeAxes(left: left, top: top, xTicks: Self.ticks(xs), yTicks: Self.ticks(ys),
                        xTitle: curve.name, yTitle: targetName)
        let clip = "fit-curve-area"
        let points = drawn.map { (x: curve.inputs[$0], y: measured[$0]) }
        let legend = Legend(entries: [
            Legend.Entry(label: "measured", color: theme.samples, mark: .dot),
            Legend.Entry(label: "formula", color: theme.symbolic, mark: .line(dashed: false)),
        ])
        let occupied = positions(points, axes) + positions(line.filter { $0.y.isFinite }, axes)
        return .group(class: "panel data-and-curve", [
            heading("data and formula", axes),
            axes.background(),
            SVGElement("defs", children: [axes.clipPath(id: clip)]),
            .group(class: "data", ["clip-path": "url(#\(clip))"], [
                dots(points, class: "sample", color: theme.samples, axes),
                self.line(line, class: "curve", color: theme.symbolic, dashed: false, axes),
            ]),
            legend.element(in: axes, avoiding: occupied, theme: theme),
        ])
    }

    // MARK: Helpers

    private func f(_ v: Double) -> String { NumberFormatting.coordinate(v) }

    private func positions(_ points: [(x: Double, y: Double)], _ axes: Axes) -> [(x: Double, y: Double)] {
        points.map { (x: axes.x.position($0.x), y: axes.y.position($0.y)) }
    }

    /// Points along the plot area's diagonal (the y = x line), for the legend to avoid.
    private func diagonal(_ axes: Axes) -> [(x: Double, y: Double)] {
        (0...40).map { k -> (x: Double, y: Double) in
            let t = Double(k) / 40
            return (axes.left + t * axes.width, axes.top + (1 - t) * axes.height)
        }
    }

    /// Ticks for `values` with 3 % room at either end, so no marker sits on the frame.
    static func ticks(_ values: [Double]) -> Ticks.Axis {
        let low = values.min() ?? 0, high = values.max() ?? 1
        let room = 0.03 * (high - low)
        return Ticks.linear(low - room, high + room)
    }

    /// At most `limit` of `rows`, evenly strided.
    static func strided(_ rows: [Int], limit: Int) -> [Int] {
        let limit = max(limit, 1)
        guard rows.count > limit else { return rows }
        let step = (rows.count + limit - 1) / limit
        return Swift.stride(from: 0, to: rows.count, by: step).map { rows[$0] }
    }

    static func shortened(_ text: String, to limit: Int) -> String {
        text.count <= limit || limit < 2 ? text : String(text.prefix(limit - 1)) + "…"
    }
}
