/// A drawing's title line: bold, centred on `x`, baseline at `y`.
func titleElement(_ title: String, x: Double, y: Double, theme: Theme) -> SVGElement {
    SVGElement("text", [
        "x": NumberFormatting.coordinate(x), "y": NumberFormatting.coordinate(y), "text-anchor": "middle",
        "font-size": NumberFormatting.coordinate(theme.fontSize * 1.25), "font-weight": "bold", "fill": theme.foreground,
    ], class: "title", text: title)
}
