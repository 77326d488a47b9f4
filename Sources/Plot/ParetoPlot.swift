import Foundation

/// The Pareto front of discovery: complexity (linear) against validation error (log),
/// the candidates joined by a staircase in order of complexity, each labelled with its
/// formula, the chosen one ringed and its label bold in the chosen colour.
///
///     let points = [ParetoPoint(complexity: 3, error: 0.2, label: "exp(y^2)"),
///                   ParetoPoint(complexity: 7, error: 1e-9, label: "exp(sin(πx) + y^2)", isChosen: true)]
///     try ParetoPlot(points: points, title: "exp(sin(πx) + y²)").write(to: url)
///
/// Labels are drawn at 30° rising to the right: along a front (error falling as
/// complexity grows) consecutive labels are then parallel and apart. Labels longer
/// than `labelLimit` characters are shortened with "…". An error of 0 (an exact fit)
/// cannot sit on a log axis: it is drawn on the bottom edge, and labelled "(exact)".
/// Points are `<g class="point" data-complexity data-error>`, the chosen one also `chosen`.
public struct ParetoPlot: Drawing {
    public var points: [ParetoPoint]
    public var title: String?
    public var xTitle: String
    public var yTitle: String
    public var theme: Theme
    public var labelLimit: Int = 40
    public var width: Double = 760
    public var height: Double = 480

    public init(points: [ParetoPoint], title: String? = nil, xTitle: String = "complexity",
                yTitle: String = "validation error (RMSE)", theme: Theme = Theme()) {
        self.points = points
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.theme = theme
    }

    public func document() throws -> SVGDocument {
        let usable = points.filter { $0.complexity.isFinite && $0.error.isFinite && $0.error >= 0 }
            .sorted { ($0.complexity, $0.error) < ($1.complexity, $1.error) }
        guard let first = usable.first, let last = usable.last else {
            throw PlotError.noData("no Pareto point with a finite complexity and error")
        }
        let positive = usable.map(\.error).filter { $0 > 0 }
        let low = positive.min() ?? 1e-12, high = positive.max() ?? 1
        // Exact fits (error 0) sit one decade under the smallest positive error.
        let floorError = usable.contains { $0.error == 0 } ? low / 10 : low
        let yTicks = Ticks.logarithmic(floorError, high)
        let xTicks = Ticks.linear(min(0, first.complexity), last.complexity + 1)
        let fs = theme.fontSize
        let labelFont = fs * 0.9
        let angle = 30.0 * Double.pi / 180
        let labels = usable.map { shortened($0.label) + ($0.error == 0 ? " (exact)" : "") }
        let titleHeight = title == nil ? 0 : fs * 1.4 + 12
        let left = 16 + Axes.leftMargin(yTicks: yTicks, fontSize: fs)
        let plotHeight = max(height - (16 + titleHeight + 8) - 3 * fs - 30, 160)
        let plotWidth = max(width - left - 24, 200)
        func layout(top: Double) -> Axes {
            Axes(left: left, top: top, width: plotWidth, height: plotHeight,
                 xTicks: xTicks, xKind: .linear, yTicks: yTicks, yKind: .logarithmic,
                 xTitle: xTitle, yTitle: yTitle, theme: theme)
        }
        // The rising labels may reach above the plot and past its right edge: move the
        // plot down and widen the canvas by what they need.
        let labelWidths = labels.map { TextMetrics.width($0, fontSize: labelFont) }
        func position(_ point: ParetoPoint, _ axes: Axes) -> (x: Double, y: Double) {
            (axes.x.position(point.complexity), axes.y.position(max(point.error, yTicks.lower)))
        }
        let initial = layout(top: 16 + titleHeight + 8)
        let labelTop = usable.indices.map { position(usable[$0], initial).y - 6 - labelWidths[$0] * sin(angle) - labelFont }.min() ?? 0
        let axes = layout(top: initial.top + max(0, 16 + titleHeight + 4 - labelTop))
        let labelRight = usable.indices.map { position(usable[$0], axes).x + 8 + labelWidths[$0] * cos(angle) }.max() ?? 0
        let canvasWidth = max(axes.left + axes.width + 24, labelRight + 16)
        let canvasHeight = axes.top + axes.height + 3 * fs + 30
        func f(_ v: Double) -> String { NumberFormatting.coordinate(v) }

        var document = SVGDocument(width: canvasWidth, height: canvasHeight, title: title, theme: theme)
        if let title { document.append(titleElement(title, x: canvasWidth / 2, y: 16 + fs * 1.2, theme: theme)) }
        document.append(axes.background())

        let positions = usable.map { position($0, axes) }
        var staircase: [(x: Double, y: Double)] = []
        for (k, p) in positions.enumerated() {
            if k > 0 { staircase.append((p.x, positions[k - 1].y)) }
            staircase.append(p)
        }
        document.append(SVGElement("path", ["d": Polyline.pathData(staircase), "fill": "none", "stroke": theme.front,
                                            "stroke-width": "1.2", "stroke-opacity": "0.6"], class: "front"))
        var marks: [SVGElement] = []
        for (k, point) in usable.enumerated() {
            let p = positions[k]
            let color = point.isChosen ? theme.chosen : theme.front
            var children = [SVGElement("circle", ["cx": f(p.x), "cy": f(p.y), "r": "4.5", "fill": color], class: "marker")]
            if point.isChosen {
                children.append(SVGElement("circle", ["cx": f(p.x), "cy": f(p.y), "r": "9", "fill": "none",
                                                      "stroke": theme.chosen, "stroke-width": "2"], class: "chosen-ring"))
            }
            let tx = p.x + 8, ty = p.y - 6
            var label = SVGElement("text", [
                "x": f(tx), "y": f(ty), "font-size": f(labelFont), "fill": point.isChosen ? theme.chosen : theme.foreground,
                "transform": "rotate(-30 \(f(tx)) \(f(ty)))",
                "stroke": theme.background, "stroke-width": "3", "paint-order": "stroke", "stroke-linejoin": "round",
            ], class: "point-label", text: labels[k])
            if point.isChosen { label.set("font-weight", "bold") }
            children.append(label)
            marks.append(.group(class: point.isChosen ? "point chosen" : "point", [
                "data-complexity": NumberFormatting.label(point.complexity, significantDigits: 12),
                "data-error": NumberFormatting.label(point.error, significantDigits: 12),
            ], children))
        }
        document.append(.group(class: "points", marks))
        var legend = [Legend.Entry(label: "candidate", color: theme.front, mark: .dot)]
        if usable.contains(where: \.isChosen) { legend.append(Legend.Entry(label: "chosen", color: theme.chosen, mark: .dot)) }
        // Keep the legend off the markers and off the labels' paths.
        var occupied: [(x: Double, y: Double)] = []
        for (k, p) in positions.enumerated() {
            occupied.append(p)
            for d in Swift.stride(from: 0.0, through: labelWidths[k], by: 8) {
                occupied.append((p.x + 8 + d * cos(angle), p.y - 6 - d * sin(angle)))
            }
        }
        document.append(Legend(entries: legend).element(in: axes, avoiding: occupied, theme: theme))
        return document
    }

    private func shortened(_ label: String) -> String {
        label.count <= labelLimit || labelLimit < 2 ? label : String(label.prefix(labelLimit - 1)) + "…"
    }
}
