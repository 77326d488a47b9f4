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

    /// The legend with its top-right corner at (`right`, `top`).
    func element(right: Double, top: Double, theme: Theme) -> SVGElement {
        let fs = theme.fontSize * 0.9
        let rowHeight = fs * 1.5
        let textWidth = entries.map { TextMetrics.width($0.label, fontSize: fs) }.max() ?? 0
        let width = textWidth + 44
        let height = Double(entries.count) * rowHeight + 8
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
