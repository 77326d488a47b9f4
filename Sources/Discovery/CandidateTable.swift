import Dispatch

/// The ranked table that `suggest` prints, for one edge or one sample set: rank,
/// primitive, R², cost, score and the affine constants of y ≈ c·f(a·x + b) + d.
enum CandidateTable {
    /// The header and one line per candidate, best first; a failed fit says why.
    static func lines(_ candidates: [(name: String, cost: Int, fit: AffineFit, score: Double)]) -> [String] {
        func cell(_ text: String, _ width: Int) -> String {
            text.padding(toLength: Swift.max(width, text.count + 1), withPad: " ", startingAt: 0)
        }
        func number(_ value: Double) -> String { cell(String(format: "%.6g", value), 12) }
        var lines = [
            cell("rank", 6) + cell("function", 12) + cell("R²", 12) + cell("cost", 6)
                + ["score", "a", "b", "c", "d"].map { cell($0, 12) }.joined()
        ]
        for (rank, candidate) in candidates.enumerated() {
            let fit = candidate.fit
            var row = cell("\(rank + 1)", 6) + cell(candidate.name, 12)
            if let failure = fit.failure {
                row += "failed: \(failure)"
            } else {
                row += number(fit.rSquared) + cell("\(candidate.cost)", 6)
                row += [candidate.score, fit.a, fit.b, fit.c, fit.d].map(number).joined()
            }
            lines.append(row)
        }
        return lines
    }
}
