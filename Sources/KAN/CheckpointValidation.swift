/// Checking that a checkpoint describes a network kan can use: every field in range,
/// finite where it is a number, consistent with the shapes and with the configuration.
///
/// A checkpoint kan saved always passes; a damaged or hand-edited one fails with
/// `KANError.checkpointInvalid(field:problem:)` naming the first field found wrong, as
/// `layers[1].mask[3]: 0.5 is not 0 or 1`. Sizes are checked against the widths, and the
/// widths against `widthLimit`, before anything is allocated from them, so a doctored
/// file cannot overflow the arithmetic or ask for a huge allocation; every array a
/// valid file leads to is at most as long as arrays in the file.
extension Checkpoint {
    public func validate() throws {
        guard format == Checkpoint.formatName else {
            throw KANError.checkpointCorrupt("format is '\(format)', expected '\(Checkpoint.formatName)'")
        }
        guard Checkpoint.supportedVersions.contains(version) else {
            throw KANError.checkpointVersion(found: version, supported: Checkpoint.currentVersion)
        }
        try validateConfiguration()
        guard !layers.isEmpty else { throw KANError.checkpointInvalid(field: "layers", problem: "no layers: a network has at least one") }
        // The structure of every layer first (widths, how they chain), then their arrays.
        for l in layers.indices { try validateWidths(l) }
        for l in layers.indices { try validateArrays(l) }
        try validateInputIndices()
        try validateHistory()
        if let cachedInputs { try validateCachedInputs(cachedInputs) }
        try validateNames()
    }

    private func fail(_ field: String, _ problem: String) -> KANError {
        .checkpointInvalid(field: field, problem: problem)
    }

    private func show(_ value: Double) -> String { CheckpointFields.show(value) }

    /// An integer field within `range`.
    private func check(_ value: Int, in range: ClosedRange<Int>, _ field: String) throws {
        guard range.contains(value) else {
            let bounds = range.upperBound == Int.max ? "at least \(range.lowerBound)" : "in \(range.lowerBound)...\(range.upperBound)"
            throw fail(field, "\(value) is not \(bounds)")
        }
    }

    /// A number field that must be finite.
    private func checkFinite(_ value: Double, _ field: String) throws {
        guard value.isFinite else { throw fail(field, "\(show(value)) is not a finite number") }
    }

    /// Every element of an array field finite.
    private func checkFinite(_ values: [Double], _ field: String) throws {
        if let k = values.firstIndex(where: { !$0.isFinite }) {
            throw fail("\(field)[\(k)]", "\(show(values[k])) is not a finite number")
        }
    }

    /// An array field of exactly `count` elements; `what` says where the count comes from.
    private func checkCount<T>(_ values: [T], _ count: Int, _ field: String, _ what: @autoclosure () -> String) throws {
        guard values.count == count else {
            throw fail(field, "\(values.count) \(values.count == 1 ? "entry" : "entries"), expected \(count) (\(what()))")
        }
    }

    private func validateConfiguration() throws {
        let c = configuration
        try check(c.gridSize, in: 1...Checkpoint.widthLimit, "configuration.gridSize")
        try check(c.splineOrder, in: 0...Checkpoint.orderLimit, "configuration.splineOrder")
        let range = c.gridRange
        guard range.lowerBound.isFinite, range.upperBound.isFinite, range.lowerBound < range.upperBound else {
            throw fail("configuration.gridRange", "[\(show(range.lowerBound)), \(show(range.upperBound))] is not a finite range [low, high] with low < high")
        }
        try check(c.multiplicationArity, in: 1...Checkpoint.widthLimit, "configuration.multiplicationArity")
        try checkFinite(c.noiseScale, "configuration.noiseScale")
        try checkFinite(c.scaleBaseMean, "configuration.scaleBaseMean")
        try checkFinite(c.scaleBaseSpread, "configuration.scaleBaseSpread")
        guard c.gridEpsilon >= 0, c.gridEpsilon <= 1 else {
            throw fail("configuration.gridEpsilon", "\(show(c.gridEpsilon)) is not a weight in 0...1")
        }
        // The seed: any 64-bit value is a seed.
    }

    private func validateWidths(_ l: Int) throws {
        let s = layers[l]
        let name = "layers[\(l)]"
        try check(s.inputCount, in: 1...Checkpoint.widthLimit, "\(name).inputCount")
        try check(s.sumCount, in: 0...Checkpoint.widthLimit, "\(name).sumCount")
        try check(s.multCount, in: 0...Checkpoint.widthLimit, "\(name).multCount")
        guard s.sumCount + s.multCount >= 1 else {
            throw fail(name, "no output nodes (sumCount and multCount are both 0)")
        }
        if l > 0 {
            let previous = layers[l - 1].sumCount + layers[l - 1].multCount
            guard s.inputCount == previous else {
                throw fail("\(name).inputCount", "\(s.inputCount), but layers[\(l - 1)] has \(previous) output nodes (sumCount + multCount)")
            }
        }
        guard s.arity == configuration.multiplicationArity else {
            throw fail("\(name).arity", "\(s.arity), but configuration.multiplicationArity is \(configuration.multiplicationArity)")
        }
        guard s.order == configuration.splineOrder else {
            throw fail("\(name).order", "\(s.order), but configuration.splineOrder is \(configuration.splineOrder)")
        }
        guard s.baseFunction == configuration.baseFunction else {
            throw fail("\(name).baseFunction", "\"\(s.baseFunction.rawValue)\", but configuration.baseFunction is \"\(configuration.baseFunction.rawValue)\"")
        }
    }

    /// The arrays of layer `l`, whose widths `validateWidths` checked: bounded, so the
    /// size arithmetic below cannot overflow (except the coefficients', which is checked).
    private func validateArrays(_ l: Int) throws {
        let s = layers[l]
        let name = "layers[\(l)]"

        // Grids: G + 2k + 1 finite, non-decreasing knots per input node, spanning an interval.
        let gridSize = configuration.gridSize, order = s.order
        let knotCount = gridSize + 2 * order + 1
        try checkCount(s.knots, s.inputCount, "\(name).knots", "one knot vector per input node: inputCount \(s.inputCount)")
        for (i, knots) in s.knots.enumerated() {
            let field = "\(name).knots[\(i)]"
            try checkCount(knots, knotCount, field, "gridSize \(gridSize) + 2 · order \(order) + 1")
            try checkFinite(knots, field)
            for m in knots.indices.dropFirst() where knots[m] < knots[m - 1] {
                throw fail("\(field)[\(m)]", "\(show(knots[m])) is below the knot before it, \(show(knots[m - 1])): knots must not decrease")
            }
            guard let first = knots.first, let last = knots.last, first < last else {
                throw fail(field, "all knots are equal (\(show(knots[0]))): a grid must span an interval")
            }
        }

        // Parameters: their sizes from the widths, then their values.
        let subnodes = s.sumCount + s.arity * s.multCount
        let edges = s.inputCount * subnodes
        let widths = "inputCount \(s.inputCount) × (sumCount \(s.sumCount) + arity \(s.arity) · multCount \(s.multCount)) = \(edges) edges"
        let (coefficientCount, overflow) = edges.multipliedReportingOverflow(by: gridSize + order)
        guard !overflow, s.coefficients.count == coefficientCount else {
            throw fail("\(name).coefficients", "\(s.coefficients.count) \(s.coefficients.count == 1 ? "entry" : "entries"), expected \(overflow ? "more than fit in memory" : String(coefficientCount)) (\(widths), times gridSize + order = \(gridSize + order))")
        }
        try checkFinite(s.coefficients, "\(name).coefficients")
        try checkCount(s.scaleBase, edges, "\(name).scaleBase", widths)
        try checkFinite(s.scaleBase, "\(name).scaleBase")
        try checkCount(s.scaleSpline, edges, "\(name).scaleSpline", widths)
        try checkFinite(s.scaleSpline, "\(name).scaleSpline")
        try checkCount(s.mask, edges, "\(name).mask", widths)
        if let e = s.mask.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw fail("\(name).mask[\(e)]", "\(show(s.mask[e])) is not 0 or 1")
        }
        try checkCount(s.affine, 4 * edges, "\(name).affine", "4 per edge: " + widths)
        try checkFinite(s.affine, "\(name).affine")
        var symbolicEdges = [Int: Int]()
        for (k, entry) in s.symbolic.enumerated() {
            let field = "\(name).symbolic[\(k)]"
            guard (0..<edges).contains(entry.edge) else {
                throw fail("\(field).edge", "\(entry.edge) is not an edge of this layer (0...\(edges - 1))")
            }
            if let earlier = symbolicEdges.updateValue(k, forKey: entry.edge) {
                throw fail("\(field).edge", "edge \(entry.edge) is already symbolic in \(name).symbolic[\(earlier)]")
            }
            if entry.residual != nil && version < 3 {
                throw fail("\(field).residual", "mixed edges need version 3; this file says version \(version)")
            }
        }
        if let frozen = s.frozen {
            guard version >= 4 else {
                throw fail("\(name).frozen", "frozen parameters need version 4; this file says version \(version)")
            }
            for (group, list) in frozen.sorted(by: { $0.key < $1.key }) {
                var seen = Set<Int>()
                for (k, edge) in list.enumerated() {
                    let field = "\(name).frozen.\(group)[\(k)]"
                    guard (0..<edges).contains(edge) else {
                        throw fail(field, "\(edge) is not an edge of this layer (0...\(edges - 1))")
                    }
                    guard seen.insert(edge).inserted else { throw fail(field, "edge \(edge) is listed twice") }
                }
            }
        }
    }

    /// The original input of each input node: distinct, and below `widthLimit` (the most
    /// inputs a network could have had before pruning).
    private func validateInputIndices() throws {
        try checkCount(inputIndices, layers[0].inputCount, "inputIndices", "one per input node: layers[0].inputCount \(layers[0].inputCount)")
        var seen = [Int: Int]()
        for (k, index) in inputIndices.enumerated() {
            try check(index, in: 0...(Checkpoint.widthLimit - 1), "inputIndices[\(k)]")
            if let earlier = seen.updateValue(k, forKey: index) {
                throw fail("inputIndices[\(k)]", "\(index) repeats inputIndices[\(earlier)]: each input node reads a different original input")
            }
        }
    }

    /// One entry per training step in each series: train RMSE finite and non-negative,
    /// test RMSE non-negative or NaN (no test data), penalty finite.
    private func validateHistory() throws {
        let h = history
        let steps = h.trainLoss.count
        try checkCount(h.testLoss, steps, "history.testLoss", "one per training step, as history.trainLoss")
        try checkCount(h.regularization, steps, "history.regularization", "one per training step, as history.trainLoss")
        if let k = h.trainLoss.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
            throw fail("history.trainLoss[\(k)]", "\(show(h.trainLoss[k])) is not an RMSE (finite, at least 0)")
        }
        if let k = h.testLoss.firstIndex(where: { !($0.isNaN || $0 >= 0) }) {
            throw fail("history.testLoss[\(k)]", "\(show(h.testLoss[k])) is not an RMSE (at least 0, or nan without test data)")
        }
        try checkFinite(h.regularization, "history.regularization")
        try check(h.evaluations, in: 0...Int.max, "history.evaluations")
    }

    private func validateCachedInputs(_ data: Dataset) throws {
        try check(data.count, in: 0...Int.max, "cachedInputs.count")
        guard data.inputCount == layers[0].inputCount else {
            throw fail("cachedInputs.inputCount", "\(data.inputCount), but layers[0].inputCount is \(layers[0].inputCount)")
        }
        try check(data.outputCount, in: 0...Checkpoint.widthLimit, "cachedInputs.outputCount")
        for (field, values, width) in [("inputs", data.inputs, data.inputCount), ("targets", data.targets, data.outputCount)] {
            let (size, overflow) = data.count.multipliedReportingOverflow(by: width)
            guard !overflow, values.count == size else {
                throw fail("cachedInputs.\(field)", "\(values.count) \(values.count == 1 ? "entry" : "entries"), expected count \(data.count) × \(field == "inputs" ? "inputCount" : "outputCount") \(width)")
            }
            try checkFinite(values, "cachedInputs.\(field)")
        }
    }
}
