/// A rectangular plot area with a horizontal and a vertical axis: the frame, light grid
/// lines, ticks with labels and the axis titles. Data drawings (loss curves, Pareto
/// front, one edge) place their marks with `x` and `y`.
///
/// Every tick is a `<g class="tick x|y" data-value="…">` group, so tests and tools can
/// read the ticks back; logarithmic tick labels are written 10^k with a superscript.
struct Axes {
    /// The plot area in document coordinates.
    var left: Double, top: Double, width: Double, height: Double
    var xTicks: Ticks.Axis
    var yTicks: Ticks.Axis
    var x: Scale
    var y: Scale
    var xTitle: String
    var yTitle: String
    var theme: Theme

    init(left: Double, top: Double, width: Double, height: Double,
         xTicks: Ticks.Axis, xKind: Scale.Kind, yTicks: Ticks.Axis, yKind: Scale.Kind,
         xTitle: String, yTitle: String, theme: Theme) {
        self.left = left
        self.top = top
        self.width = width
        self.height = height
        self.xTicks = xTicks
        self.yTicks = yTicks
        self.x = Scale(kind: xKind, domain: (xTicks.lower, xTicks.upper), range: (left, left + width))
        self.y = Scale(kind: yKind, domain: (yTicks.lower, yTicks.upper), range: (top + height, top))
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.theme = theme
    }

    /// Room to leave left of the plot area for y tick labels and the y title.
    static func leftMargin(yTicks: Ticks.Axis, fontSize: Double) -> Double {
        let widest = yTicks.values.indices.map { k -> Double in
            if let e = yTicks.exponents?[k] { return TextMetrics.width("10" + String(e), fontSize: fontSize) }
            return TextMetrics.width(NumberFormatting.label(yTicks.values[k]), fontSize: fontSize)
        }.max() ?? 0
        return widest + 2.6 * fontSize + 10
    }

    private func f(_ v: Double) -> String { NumberFormatting.coordinate(v) }

    /// The frame, grid, ticks and titles (drawn under the data).
    func background() -> SVGElement {
        let fs = theme.fontSize
        var children: [SVGElement] = []
        let bottom = top + height, right = left + width
        for (k, value) in xTicks.values.enumerated() {
            let px = x.position(value)
            var label = tickLabel(value: value, exponent: xTicks.exponents?[k], fontSize: fs)
            label.set("x", f(px))
            label.set("y", f(bottom + 6 + fs))
            label.set("text-anchor", "middle")
            children.append(.group(class: "tick x", ["data-value": NumberFormatting.label(value, significantDigits: 12)], [
                SVGElement("line", ["x1": f(px), "y1": f(top), "x2": f(px), "y2": f(bottom),
                                    "stroke": theme.grid, "stroke-width": "1"], class: "grid"),
                SVGElement("line", ["x1": f(px), "y1": f(bottom), "x2": f(px), "y2": f(bottom + 5),
                                    "stroke": theme.axis, "stroke-width": "1"]),
                label,
            ]))
        }
        for (k, value) in yTicks.values.enumerated() {
            let py = y.position(value)
            var label = tickLabel(value: value, exponent: yTicks.exponents?[k], fontSize: fs)
            label.set("x", f(left - 8))
            label.set("y", f(py + fs * 0.35))
            label.set("text-anchor", "end")
            children.append(.group(class: "tick y", ["data-value": NumberFormatting.label(value, significantDigits: 12)], [
                SVGElement("line", ["x1": f(left), "y1": f(py), "x2": f(right), "y2": f(py),
                                    "stroke": theme.grid, "stroke-width": "1"], class: "grid"),
                SVGElement("line", ["x1": f(left - 5), "y1": f(py), "x2": f(left), "y2": f(py),
                                    "stroke": theme.axis, "stroke-width": "1"]),
                label,
            ]))
        }
        children.append(SVGElement("rect", [
            "x": f(left), "y": f(top), "width": f(width), "height": f(height),
            "fill": "none", "stroke": theme.axis, "stroke-width": "1",
        ], class: "frame"))
        children.append(SVGElement("text", [
            "x": f(left + width / 2), "y": f(bottom + 2 * fs + 14), "text-anchor": "middle", "fill": theme.foreground,
        ], class: "axis-title x", text: xTitle))
        let yTitleX = left - Axes.leftMargin(yTicks: yTicks, fontSize: fs) + fs + 2
        children.append(SVGElement("text", [
            "x": f(yTitleX), "y": f(top + height / 2), "text-anchor": "middle", "fill": theme.foreground,
            "transform": "rotate(-90 \(f(yTitleX)) \(f(top + height / 2)))",
        ], class: "axis-title y", text: yTitle))
        return .group(class: "axes", children)
    }

    /// A tick label: compact decimal, or 10 with a superscript exponent on log axes.
    private func tickLabel(value: Double, exponent: Int?, fontSize: Double) -> SVGElement {
        guard let exponent else {
            return SVGElement("text", ["fill": theme.axis], class: "tick-label", text: NumberFormatting.label(value))
        }
        let superscript = SVGElement("tspan", ["dy": f(-0.45 * fontSize), "font-size": f(0.75 * fontSize)],
                                     text: String(exponent))
        return SVGElement("text", ["fill": theme.axis], class: "tick-label", text: "10", children: [superscript])
    }

    /// A clip path restricting data marks to the plot area.
    func clipPath(id: String) -> SVGElement {
        SVGElement("clipPath", ["id": id], children: [
            SVGElement("rect", ["x": f(left), "y": f(top), "width": f(width), "height": f(height)]),
        ])
    }
}
