/// A legend box: one row per entry, a short line or marker in the entry's colour and
/// its label, placed in a corner of a plot area.
struct Legend {
    enum Mark { case line(dashed: Bool), dot }

    struct Entry {
        var label: String
        var color: String
        var mark: Mark
    }

    var entries: [Entry]

    func size(theme: Theme) -> (width: Double, height: Double) {
        let fs = theme.fontSize * 0.9
        let textWidth = entries.map { TextMetrics.width($0.label, fontSize: fs) }.max() ?? 0
        return (textWidth + 44, Double(entries.count) * fs * 1.5 + 8)
    }

    /// The legend in the corner of the plot area that covers the fewest of `points`
    /// (data marks in document coordinates), preferring top right, then top left,
    /// bottom right, bottom left.
    func element(in axes: Axes, avoiding points: [(x: Double, y: Double)], theme: Theme) -> SVGElement {
        let (w, h) = size(theme: theme)
        let inset = 8.0
        let lefts = [axes.left + axes.width - inset - w, axes.left + inset]
        let tops = [axes.top + inset, axes.top + axes.height - inset - h]
        let corners = [(lefts[0], tops[0]), (lefts[1], tops[0]), (lefts[0], tops[1]), (lefts[1], tops[1])]
        func covered(_ corner: (Double, Double)) -> Int {
            points.filter { p in
                p.x >= corner.0 - 4 && p.x <= corner.0 + w + 4 && p.y >= corner.1 - 4 && p.y <= corner.1 + h + 4
            }.count
        }
        let counts = corners.map(covered)
        let best = counts.indices.min { counts[$0] < counts[$1] } ?? 0
        return element(right: corners[best].0 + w, top: corners[best].1, theme: theme)
    }

    /// The legend with its top-right corner at (`right`, `top`).
    func element(right: Double, top: Double, theme: Theme) -> SVGElement {
        let fs = theme.fontSize * 0.9
        let rowHeight = fs * 1.5
        let (width, height) = size(theme: theme)
        let left = right - width
        func f(_ v: Double) -> String { NumberFormatting.coordinate(v) }
        var children: [SVGElement] = [SVGElement("rect", [
            "x": f(left), "y": f(top), "width": f(width), "height": f(height), "rx": "3",
            "fill": theme.background, "fill-opacity": "0.9", "stroke": theme.grid,
        ])]
        for (k, entry) in entries.enumerated() {
            let cy = top + 4 + rowHeight * (Double(k) + 0.5)
            switch entry.mark {
            case .line(let dashed):
                var line = SVGElement("line", ["x1": f(left + 8), "y1": f(cy), "x2": f(left + 30), "y2": f(cy),
                                               "stroke": entry.color, "stroke-width": f(theme.lineWidth)])
                if dashed { line.set("stroke-dasharray", "4 3") }
                children.append(line)
            case .dot:
                children.append(SVGElement("circle", ["cx": f(left + 19), "cy": f(cy), "r": "4", "fill": entry.color]))
            }
            children.append(SVGElement("text", ["x": f(left + 36), "y": f(cy + fs * 0.35), "font-size": f(fs),
                                                "fill": theme.foreground], text: entry.label))
        }
        return .group(class: "legend", children)
    }
}
