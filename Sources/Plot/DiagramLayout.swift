import Foundation
import KAN

/// Geometry of a network diagram: where nodes, panels and labels go.
///
/// Levels are rows, inputs at the bottom. Between levels l and l + 1, the live edges
/// leaving each node of level l form a cluster of activation panels just above it, in
/// order of their target (pykan's arrangement for small networks: one row of panels
/// per layer, each input's group together). Clusters never overlap: a cluster is at
/// most one node slot wide and wraps into rows when its panels do not fit side by side.
/// Panel size is chosen from 64 px down to 16 px for the widest layer (few rows for
/// small panels, one row for large ones); past that the canvas widens rather than
/// crowding. Labels that do not fit side by side (names, symbolic formulas) are
/// rotated, and the rows and bands grow to hold them. All connecting lines are drawn
/// under all panels.
struct DiagramLayout {
    struct Edge {
        var id: EdgeID
        /// The node of the next level the edge feeds.
        var target: Int
        var isSymbolic: Bool
        var label: String?
        var alpha: Double
        var curve: ActivationCurve
    }

    var shape: [LayerWidth]
    var edges: [[Edge]]
    var inputNames: [String]
    var outputNames: [String]
    var title: String?
    var theme: Theme

    private func f(_ v: Double) -> String { NumberFormatting.coordinate(v) }

    /// Panel size and content width: the largest panel whose clusters fit the width in
    /// an acceptable number of rows; otherwise 16 px panels on a wider canvas.
    static func panelSize(clusters: [(nodes: Int, largest: Int)], preferredWidth: Double) -> (panel: Double, width: Double) {
        func rows(_ panel: Double, width: Double) -> Int {
            clusters.map { c in
                let cols = columnCount(panel: panel, slot: width / Double(max(c.nodes, 1)), largest: c.largest)
                return (c.largest + cols - 1) / cols
            }.max() ?? 1
        }
        for panel in [64.0, 56, 48, 40, 34, 28, 24, 20, 16] {
            let allowed = panel >= 34 ? 1 : panel >= 24 ? 3 : 6
            if rows(panel, width: preferredWidth) <= allowed { return (panel, preferredWidth) }
        }
        let needed = clusters.map { c in Double(c.nodes) * (Double((c.largest + 5) / 6) * 16 * 1.25 + 16 * 0.6) }.max() ?? preferredWidth
        return (16, max(preferredWidth, needed))
    }

    /// Panels side by side in one cluster row: as many as fit the node's slot, leaving
    /// a gap of 0.6 panel to the neighbouring cluster so groups stay distinct.
    static func columnCount(panel: Double, slot: Double, largest: Int) -> Int {
        max(1, min(largest, Int((slot - 0.6 * panel) / (panel * 1.25))))
    }

    func document() -> SVGDocument {
        let widestLevel = max(shape.map(\.nodeCount).max() ?? 1, 1)
        let clusterSizes = edges.enumerated().map { l, row -> (nodes: Int, largest: Int) in
            let counts = Dictionary(grouping: row, by: \.id.input).values.map(\.count)
            return (shape[l].nodeCount, max(counts.max() ?? 1, 1))
        }
        let preferred = max(360, min(1200, Double(edges.map(\.count).max() ?? 1) * 64 * 1.3))
        let (panel, fittedWidth) = Self.panelSize(clusters: clusterSizes, preferredWidth: preferred)
        let pitch = panel * 1.25
        let nameFont = min(theme.fontSize + 1, max(9, 1100 / Double(widestLevel) * 0.25))
        let labelFont = min(theme.fontSize - 1, max(8, panel * 0.24))
        let nodeRadius = min(9, max(4, panel * 0.14))
        let margin = 24.0
        // A title wider than the network widens the canvas (bold glyphs run about 10 % wider).
        let titleWidth = title.map { 1.1 * TextMetrics.width($0, fontSize: theme.fontSize * 1.4) } ?? 0
        let contentWidth = max(fittedWidth, Double(widestLevel) * 3 * nodeRadius * 2, titleWidth)
        let width = contentWidth + 2 * margin

        func nodeX(level: Int, node: Int) -> Double {
            let n = Double(max(shape[level].nodeCount, 1))
            return margin + (Double(node) + 0.5) / n * contentWidth
        }
        // Columns per cluster in each layer, and each edge's (column, row) in its cluster.
        let columns = clusterSizes.map { c in
            Self.columnCount(panel: panel, slot: contentWidth / Double(max(c.nodes, 1)), largest: c.largest)
        }
        let rowCount = clusterSizes.indices.map { (clusterSizes[$0].largest + columns[$0] - 1) / columns[$0] }

        // Labels at the ends: horizontal if each fits its node's slot, else rotated.
        let inputSlot = contentWidth / Double(max(inputNames.count, 1))
        let outputSlot = contentWidth / Double(max(outputNames.count, 1))
        let inputLabels = EndLabels(names: inputNames, slot: inputSlot, fontSize: nameFont)
        let outputLabels = EndLabels(names: outputNames, slot: outputSlot, fontSize: nameFont)

        // Per layer: rotate symbolic labels when any of them is wider than a panel slot.
        let labelRotated = edges.map { row in
            row.contains { $0.label.map { TextMetrics.width($0, fontSize: labelFont) > pitch - 4 } ?? false }
        }
        let labelDepth = edges.indices.map { l -> Double in
            let widths = edges[l].compactMap { $0.label.map { TextMetrics.width($0, fontSize: labelFont) } }
            guard let widest = widths.max() else { return 0 }
            return labelRotated[l] ? widest + 10 : labelFont + 8
        }
        // Vertical distance between cluster rows: room for the labels under each row.
        let rowPitch = edges.indices.map { l in panel + max(panel * 0.25, rowCount[l] > 1 ? labelDepth[l] : 0) }

        let titleHeight = title == nil ? 0 : theme.fontSize * 1.4 + 14
        // Level rows from the top (outputs) down; layer l's band lies between rows l + 1 and l.
        var levelY = [Double](repeating: 0, count: shape.count)
        var bottomRowTop = [Double](repeating: 0, count: edges.count)
        levelY[shape.count - 1] = margin + titleHeight + outputLabels.extent + 8 + nodeRadius
        var y = levelY[shape.count - 1]
        for l in stride(from: edges.count - 1, through: 0, by: -1) {
            let above = max(36, panel * 0.8)
            let below = max(36, panel * 0.6, labelDepth[l] + 18)
            let clusterHeight = Double(rowCount[l] - 1) * rowPitch[l] + panel
            bottomRowTop[l] = y + nodeRadius + above + clusterHeight - panel
            levelY[l] = bottomRowTop[l] + panel + below + nodeRadius
            y = levelY[l]
        }
        let height = y + nodeRadius + 8 + inputLabels.extent + margin

        var document = SVGDocument(width: width, height: height, title: title, theme: theme)
        if let title {
            document.append(SVGElement("text", [
                "x": f(width / 2), "y": f(margin + theme.fontSize * 1.4), "text-anchor": "middle",
                "font-size": f(theme.fontSize * 1.4), "font-weight": "bold", "fill": theme.foreground,
            ], class: "title", text: title))
        }

        var connections: [SVGElement] = []
        var panels: [SVGElement] = []
        var labelGroups: [SVGElement] = []
        for (l, row) in edges.enumerated() {
            let clusters = Dictionary(grouping: row, by: \.id.input)
            for (input, cluster) in clusters.sorted(by: { $0.key < $1.key }) {
                let sorted = cluster.sorted { ($0.target, $0.id.output) < ($1.target, $1.id.output) }
                let cols = columns[l]
                for (k, edge) in sorted.enumerated() {
                    let column = k % cols, clusterRow = k / cols
                    let inRow = min(cols, sorted.count - clusterRow * cols)
                    let cx = nodeX(level: l, node: input) + (Double(column) - Double(inRow - 1) / 2) * pitch
                    let left = cx - panel / 2, top = bottomRowTop[l] - Double(clusterRow) * rowPitch[l]
                    let color = edge.isSymbolic ? theme.symbolic : theme.spline
                    let x0 = nodeX(level: l, node: input), y0 = levelY[l] - nodeRadius
                    let x1 = nodeX(level: l + 1, node: edge.target), y1 = levelY[l + 1] + nodeRadius
                    let kind = edge.isSymbolic ? "symbolic" : "spline"
                    let opacity = NumberFormatting.label(edge.alpha, significantDigits: 3)
                    connections.append(SVGElement("path", [
                        "d": "M\(f(x0)),\(f(y0)) L\(f(cx)),\(f(top + panel)) M\(f(cx)),\(f(top)) L\(f(x1)),\(f(y1))",
                        "fill": "none", "stroke": color, "stroke-width": panel < 30 ? "0.7" : "1", "opacity": opacity,
                    ], class: "connection \(kind)"))
                    panels.append(.group(class: "edge \(kind)", [
                        "data-layer": String(l), "data-input": String(edge.id.input), "data-output": String(edge.id.output),
                        "opacity": opacity,
                    ], [
                        SVGElement("rect", ["x": f(left), "y": f(top), "width": f(panel), "height": f(panel),
                                            "fill": theme.background, "stroke": color, "stroke-width": "0.8"], class: "panel"),
                        SVGElement("path", ["d": edge.curve.pathData(left: left, top: top, size: panel, inset: max(2, panel * 0.08)),
                                            "fill": "none", "stroke": color, "stroke-width": f(panel < 30 ? 1.1 : theme.lineWidth),
                                            "stroke-linejoin": "round", "stroke-linecap": "round"], class: "activation"),
                    ]))
                    guard let label = edge.label else { continue }
                    // Labels stay fully opaque: a formula is worth reading even on a faint edge.
                    var text = SVGElement("text", [
                        "font-size": f(labelFont), "fill": theme.symbolic,
                        "stroke": theme.background, "stroke-width": "2.5", "paint-order": "stroke", "stroke-linejoin": "round",
                    ], class: "edge-label", text: label)
                    if labelRotated[l] {
                        // Beside the connecting line, reading upwards, hanging from the panel.
                        let tx = cx - 3, ty = top + panel + 5
                        text.set("x", f(tx))
                        text.set("y", f(ty))
                        text.set("text-anchor", "end")
                        text.set("transform", "rotate(-90 \(f(tx)) \(f(ty)))")
                    } else {
                        text.set("x", f(cx))
                        text.set("y", f(top + panel + labelFont + 4))
                        text.set("text-anchor", "middle")
                    }
                    labelGroups.append(text.with("data-layer", String(l)).with("data-input", String(edge.id.input))
                        .with("data-output", String(edge.id.output)))
                }
            }
        }
        document.append(.group(class: "connections", connections))
        document.append(.group(class: "edges", panels))

        var nodes: [SVGElement] = []
        for (level, width) in shape.enumerated() {
            let role = level == 0 ? "input" : level == shape.count - 1 ? "output" : "hidden"
            for k in 0..<width.nodeCount {
                let cx = nodeX(level: level, node: k), cy = levelY[level]
                if k >= width.sum {
                    let side = nodeRadius * 2.2
                    nodes.append(.group(class: "node mult \(role)", ["data-level": String(level), "data-node": String(k)], [
                        SVGElement("rect", ["x": f(cx - side / 2), "y": f(cy - side / 2), "width": f(side), "height": f(side),
                                            "fill": theme.multNode, "stroke": theme.foreground, "stroke-width": "1.2"]),
                        SVGElement("text", ["x": f(cx), "y": f(cy + nodeRadius * 0.55), "text-anchor": "middle",
                                            "font-size": f(nodeRadius * 1.8), "fill": theme.foreground], text: "×"),
                    ]))
                } else {
                    nodes.append(.group(class: "node sum \(role)", ["data-level": String(level), "data-node": String(k)], [
                        SVGElement("circle", ["cx": f(cx), "cy": f(cy), "r": f(nodeRadius),
                                              "fill": theme.sumNode, "stroke": theme.foreground, "stroke-width": "1.2"]),
                    ]))
                }
            }
        }
        document.append(.group(class: "nodes", nodes))
        document.append(.group(class: "edge-labels", labelGroups))

        let bottom = levelY[0] + nodeRadius + 6
        let top = levelY[shape.count - 1] - nodeRadius - 6
        document.append(.group(class: "names", inputLabels.elements(
            xs: inputNames.indices.map { nodeX(level: 0, node: $0) }, edge: bottom, below: true,
            className: "name input", theme: theme) + outputLabels.elements(
            xs: outputNames.indices.map { nodeX(level: shape.count - 1, node: $0) }, edge: top, below: false,
            className: "name output", theme: theme)))
        return document
    }
}

/// Variable names at one end of the diagram: horizontal when each fits its node's slot,
/// otherwise rotated 90° (reading upwards), so neighbours never overlap.
struct EndLabels {
    var names: [String]
    var fontSize: Double
    var rotated: Bool
    /// The vertical room the labels need.
    var extent: Double

    init(names: [String], slot: Double, fontSize: Double) {
        self.names = names
        self.fontSize = fontSize
        let widest = names.map { TextMetrics.width($0, fontSize: fontSize) }.max() ?? 0
        // Rotated labels stand on their node; a row of text needs one line.
        rotated = widest > slot - 6
        extent = rotated ? widest + 4 : fontSize * 1.3
    }

    /// The labels centred on `xs`, starting at `edge` and extending away from the nodes.
    func elements(xs: [Double], edge: Double, below: Bool, className: String, theme: Theme) -> [SVGElement] {
        func f(_ v: Double) -> String { NumberFormatting.coordinate(v) }
        return zip(names, xs).map { name, x in
            var text = SVGElement("text", ["font-size": f(fontSize), "fill": theme.foreground], class: className, text: name)
            if rotated {
                let tx = x + fontSize * 0.35, ty = edge
                text.set("x", f(tx))
                text.set("y", f(ty))
                text.set("text-anchor", below ? "end" : "start")
                text.set("transform", "rotate(-90 \(f(tx)) \(f(ty)))")
            } else {
                text.set("x", f(x))
                text.set("y", f(below ? edge + fontSize : edge - fontSize * 0.3))
                text.set("text-anchor", "middle")
            }
            return text
        }
    }
}
