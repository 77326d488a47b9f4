import Foundation
import KAN

/// Training and test loss against step on a logarithmic axis, with vertical markers
/// where the grid was updated (dashed) or refined, and where the network was pruned.
///
///     var events = TrainingEvent.gridUpdates(options: options)
///     events.append(TrainingEvent(step: net.history.trainLoss.count, kind: .prune))
///     try LossCurvePlot(history: net.history, events: events).write(to: url)
///
/// Loss k (0-based) is drawn at step k + 1. Values that are not positive and finite
/// (NaN test losses without test data) leave gaps. The lines are
/// `<path class="loss train">` and `<path class="loss test">`, markers
/// `<g class="event grid-update|refine|prune|other" data-step="…">`.
public struct LossCurvePlot: Drawing {
    public var trainLoss: [Double]
    public var testLoss: [Double]
    public var events: [TrainingEvent]
    public var title: String?
    public var yTitle: String
    public var theme: Theme
    public var width: Double = 720
    public var height: Double = 440

    public init(trainLoss: [Double], testLoss: [Double] = [], events: [TrainingEvent] = [],
                title: String? = nil, yTitle: String = "RMSE", theme: Theme = Theme()) {
        self.trainLoss = trainLoss
        self.testLoss = testLoss
        self.events = events
        self.title = title
        self.yTitle = yTitle
        self.theme = theme
    }

    /// The curves of a network's `history` (train and, when recorded, test RMSE).
    public init(history: TrainingHistory, events: [TrainingEvent] = [], title: String? = nil, theme: Theme = Theme()) {
        self.init(trainLoss: history.trainLoss, testLoss: history.testLoss, events: events, title: title, theme: theme)
    }

    public func document() throws -> SVGDocument {
        let plotted = (trainLoss + testLoss).filter { $0.isFinite && $0 > 0 }
        guard let low = plotted.min(), let high = plotted.max() else {
            throw PlotError.noData("no positive finite loss values")
        }
        let steps = max(trainLoss.count, testLoss.count, events.map(\.step).max() ?? 0, 1)
        let xTicks = Ticks.linear(0, Double(steps)), yTicks = Ticks.logarithmic(low, high)
        let fs = theme.fontSize
        let titleHeight = title == nil ? 0 : fs * 1.4 + 12
        let left = 16 + Axes.leftMargin(yTicks: yTicks, fontSize: fs)
        let top = 16 + titleHeight
        let axes = Axes(left: left, top: top, width: width - left - 20, height: height - top - 3 * fs - 30,
                        xTicks: xTicks, xKind: .linear, yTicks: yTicks, yKind: .logarithmic,
                        xTitle: "step", yTitle: yTitle, theme: theme)
        func f(_ v: Double) -> String { NumberFormatting.coordinate(v) }

        var document = SVGDocument(width: width, height: height, title: title, theme: theme)
        if let title { document.append(titleElement(title, x: width / 2, y: 16 + fs * 1.2, theme: theme)) }
        document.append(axes.background())
        let clip = "loss-plot-area"
        document.append(SVGElement("defs", children: [axes.clipPath(id: clip)]))

        var markers: [SVGElement] = []
        var lastLabelX = -Double.infinity
        // Grid updates first, so a prune or refine marker at the same step is drawn on top.
        let ordered = events.filter { $0.kind == .gridUpdate }.sorted { $0.step < $1.step }
            + events.filter { $0.kind != .gridUpdate }.sorted { $0.step < $1.step }
        for event in ordered {
            let x = axes.x.position(Double(event.step))
            let (kind, color, dashed): (String, String, Bool) = switch event.kind {
            case .gridUpdate: ("grid-update", theme.gridEvent, true)
            case .refine: ("refine", theme.gridEvent, false)
            case .prune: ("prune", theme.pruneEvent, false)
            case .other: ("other", theme.otherEvent, false)
            }
            var line = SVGElement("line", ["x1": f(x), "y1": f(axes.top), "x2": f(x), "y2": f(axes.top + axes.height),
                                           "stroke": color, "stroke-width": dashed ? "1" : "1.5"])
            if dashed { line.set("stroke-dasharray", "3 3") }
            var children = [line]
            // Labels read upwards beside their line; one too close to the previous is dropped
            // (the legend still explains the colour).
            if let label = event.label, x - lastLabelX > fs * 1.2 {
                let tx = x - 4, ty = axes.top + 6
                children.append(SVGElement("text", [
                    "x": f(tx), "y": f(ty), "text-anchor": "end", "font-size": f(fs * 0.85), "fill": color,
                    "transform": "rotate(-90 \(f(tx)) \(f(ty)))",
                ], class: "event-label", text: label))
                lastLabelX = x
            }
            markers.append(.group(class: "event \(kind)", ["data-step": String(event.step)], children))
        }
        document.append(.group(class: "events", markers))

        func curve(_ values: [Double], className: String, color: String) -> SVGElement {
            let points = values.enumerated().map { k, v -> (x: Double, y: Double) in
                axes.y.accepts(v) ? (axes.x.position(Double(k + 1)), axes.y.position(v)) : (.nan, .nan)
            }
            return SVGElement("path", ["d": Polyline.pathData(points), "fill": "none", "stroke": color,
                                       "stroke-width": f(theme.lineWidth), "stroke-linejoin": "round"], class: className)
        }
        var legend: [Legend.Entry] = []
        var lines: [SVGElement] = []
        if trainLoss.contains(where: { $0.isFinite && $0 > 0 }) {
            lines.append(curve(trainLoss, className: "loss train", color: theme.train))
            legend.append(Legend.Entry(label: "train", color: theme.train, mark: .line(dashed: false)))
        }
        if testLoss.contains(where: { $0.isFinite && $0 > 0 }) {
            lines.append(curve(testLoss, className: "loss test", color: theme.test))
            legend.append(Legend.Entry(label: "test", color: theme.test, mark: .line(dashed: false)))
        }
        document.append(.group(class: "data", ["clip-path": "url(#\(clip))"], lines))
        let kinds = Set(events.map { event -> String in
            switch event.kind {
            case .gridUpdate: "grid update"
            case .refine: "grid refined"
            case .prune: "pruned"
            case .other: "other"
            }
        })
        if kinds.contains("grid update") { legend.append(Legend.Entry(label: "grid update", color: theme.gridEvent, mark: .line(dashed: true))) }
        if kinds.contains("grid refined") { legend.append(Legend.Entry(label: "grid refined", color: theme.gridEvent, mark: .line(dashed: false))) }
        if kinds.contains("pruned") { legend.append(Legend.Entry(label: "pruned", color: theme.pruneEvent, mark: .line(dashed: false))) }
        if kinds.contains("other") { legend.append(Legend.Entry(label: "other event", color: theme.otherEvent, mark: .line(dashed: false))) }
        let occupied = (0..<max(trainLoss.count, testLoss.count)).flatMap { k -> [(x: Double, y: Double)] in
            [trainLoss, testLoss].compactMap { values in
                k < values.count && axes.y.accepts(values[k])
                    ? (axes.x.position(Double(k + 1)), axes.y.position(values[k])) : nil
            }
        }
        document.append(Legend(entries: legend).element(in: axes, avoiding: occupied, theme: theme))
        return document
    }
}
