/// An edge's activation as a polyline: its samples sorted by input, reduced to at most
/// `resolution` points (one per equal-width bin of the input range), so a small panel
/// gets a smooth curve whatever the sample count. The points are exact values of the
/// edge function at sample inputs, never interpolated.
struct ActivationCurve {
    var points: [(x: Double, y: Double)]

    init(inputs: [Double], outputs: [Double], resolution: Int = 64) {
        var pairs = zip(inputs, outputs).filter { $0.0.isFinite && $0.1.isFinite }.map { (x: $0.0, y: $0.1) }
        pairs.sort { $0.x < $1.x }
        guard let first = pairs.first, let last = pairs.last, pairs.count > resolution, last.x > first.x else {
            points = pairs
            return
        }
        var reduced: [(x: Double, y: Double)] = []
        var bin = -1
        let width = (last.x - first.x) / Double(resolution)
        for p in pairs {
            let b = min(Int((p.x - first.x) / width), resolution - 1)
            if b != bin {
                reduced.append(p)
                bin = b
            }
        }
        if let end = reduced.last, end.x != last.x { reduced.append(last) }
        points = reduced
    }

    var xRange: (Double, Double) { (points.first?.x ?? 0, points.last?.x ?? 0) }
    var yRange: (Double, Double) {
        (points.map(\.y).min() ?? 0, points.map(\.y).max() ?? 0)
    }

    /// Path data for the curve drawn in the box (left, top, size × size), inset by `inset`.
    func pathData(left: Double, top: Double, size: Double, inset: Double) -> String {
        let (x0, x1) = xRange, (y0, y1) = yRange
        let inner = size - 2 * inset
        let mapped = points.map { p -> (x: Double, y: Double) in
            let tx = x1 > x0 ? (p.x - x0) / (x1 - x0) : 0.5
            // A flat activation is drawn as a level line through the middle.
            let ty = y1 - y0 > 1e-12 * max(1, abs(y0), abs(y1)) ? (p.y - y0) / (y1 - y0) : 0.5
            return (left + inset + tx * inner, top + inset + (1 - ty) * inner)
        }
        if mapped.count == 1, let only = mapped.first {
            return Polyline.pathData([(only.x - 1, only.y), (only.x + 1, only.y)])
        }
        return Polyline.pathData(mapped)
    }
}
