import KAN

/// Fixing edges as symbolic (pykan `fix_symbolic`, `unfix_symbolic`, `auto_symbolic`).
extension Network {
    /// Puts an edge in symbolic mode as c·f(a·x + b) + d, f the primitive's protected function
    /// (so that training through it stays finite), the constants the fit's.
    public mutating func fix(_ edge: EdgeLocation, primitive: Primitive, fit: AffineFit) throws {
        try setSymbolic(
            layer: edge.layer, input: edge.input, output: edge.output,
            function: primitive.symbolicFunction, a: fit.a, b: fit.b, c: fit.c, d: fit.d)
    }

    /// Puts an edge in symbolic mode with a candidate of its suggestion table.
    public mutating func fix(_ edge: EdgeLocation, to candidate: EdgeMatchCandidate) throws {
        try fix(edge, primitive: candidate.primitive, fit: candidate.fit)
    }

    /// Returns an edge to spline mode (its spline was kept while it was symbolic).
    public mutating func unfix(_ edge: EdgeLocation) throws {
        try setSpline(layer: edge.layer, input: edge.input, output: edge.output)
    }

    /// pykan's `auto_symbolic`: every live spline edge fixed to its best-ranked primitive when
    /// that fit's R² reaches `threshold`; the others stay splines. Returns what was chosen for
    /// each edge (nil where the edge stayed a spline). Matching runs on all cores.
    @discardableResult
    public mutating func autoSymbolic(
        library: FunctionLibrary, threshold: Double = 0.9,
        weights: SuggestionWeights = SuggestionWeights(), samples: Dataset? = nil
    ) throws -> [(edge: EdgeLocation, choice: EdgeMatchCandidate?)] {
        let matches = try EdgeMatching.suggest(self, library: library, topK: 1, weights: weights, samples: samples)
        var chosen: [(edge: EdgeLocation, choice: EdgeMatchCandidate?)] = []
        for match in matches {
            if let best = match.best, best.fit.rSquared >= threshold {
                try fix(match.edge, to: best)
                chosen.append((match.edge, best))
            } else {
                chosen.append((match.edge, nil))
            }
        }
        return chosen
    }
}
