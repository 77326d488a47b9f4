/// SVG path data for a polyline through points, broken where a point is missing.
///
/// Non-finite points (a NaN test loss, a log-scale value ≤ 0) end the current piece and
/// the next finite point starts a new one, so gaps show as gaps, not as lines to 0.
enum Polyline {
    static func pathData(_ points: [(x: Double, y: Double)]) -> String {
        var out = ""
        var drawing = false
        for p in points {
            guard p.x.isFinite, p.y.isFinite else {
                drawing = false
                continue
            }
            if !out.isEmpty { out += " " }
            out += (drawing ? "L" : "M") + NumberFormatting.coordinate(p.x) + "," + NumberFormatting.coordinate(p.y)
            drawing = true
        }
        return out
    }
}
