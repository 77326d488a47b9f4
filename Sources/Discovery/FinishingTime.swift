import Foundation

/// The time discover's last stages need, so that the search can stop early enough for the
/// whole run to end within its time limit (docs/interrupts.md).
///
/// After the search, the promising candidates (`ScoredFormula.promising`: the best 64 and the
/// search's front) are each measured on every row as printed (`ScoringData.printed`: parse,
/// compile, evaluate on the training and validation rows). That work is proportional to the
/// sum of their complexities, so it is estimated as
///
///     reserve = s · Σ complexity(c) over the promising candidates / cores,
///
/// where s, the seconds per node of one printed measurement, is measured on the candidates
/// found so far (the direct stages' formulas, every row). On large tables it is a sizeable
/// part of a short time limit, which leaving it out of the estimate overran.
struct FinishingTime: Sendable {
    /// Seconds per expression node of one printed measurement on every scoring row.
    private(set) var secondsPerNode = 0.0
    /// How many printed measurements the estimate rests on.
    private(set) var measurements = 0

    /// Times `printed` on up to `limit` of `candidates` (their complexities sum to the work).
    mutating func measure(_ candidates: [ScoredFormula], scoring: ScoringData, limit: Int = 4) {
        let sample = Array(candidates.prefix(limit))
        guard !sample.isEmpty else { return }
        let start = DispatchTime.now().uptimeNanoseconds
        for candidate in sample { _ = scoring.printed(candidate) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let nodes = sample.reduce(0) { $0 + Swift.max($1.complexity, 1) }
        // Pooled with the earlier measurements, weighted by their counts.
        let pooled = (secondsPerNode * Double(measurements) + seconds / Double(nodes) * Double(sample.count))
            / Double(measurements + sample.count)
        secondsPerNode = pooled
        measurements += sample.count
    }

    /// Seconds to measure the candidates that would be promising if the search stopped now
    /// (at least `count` of them, each as complex as the mean of those found), on `cores` cores.
    func reserve(for promising: [ScoredFormula], count: Int, cores: Int) -> Double {
        guard measurements > 0 else { return 0 }
        let nodes = promising.reduce(0) { $0 + Swift.max($1.complexity, 1) }
        let mean = promising.isEmpty ? 1 : Double(nodes) / Double(promising.count)
        let expected = Swift.max(Double(nodes), mean * Double(count))
        return secondsPerNode * expected / Double(Swift.max(cores, 1))
    }
}

/// A deadline read by many threads and moved by one (the search's, as the finishing time's
/// estimate grows).
final class SharedDeadline: @unchecked Sendable {
    private var seconds: Double
    private let lock = NSLock()

    init(_ seconds: Double) { self.seconds = seconds }

    var value: Double {
        get { lock.lock(); defer { lock.unlock() }; return seconds }
        set { lock.lock(); seconds = newValue; lock.unlock() }
    }
}
