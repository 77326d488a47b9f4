import Foundation

/// A candidate for the Pareto front: its complexity, its (validation) error and what it stands
/// for (a formula, a network, a name in tests).
public struct ParetoPoint<Payload> {
    public var complexity: Int
    public var error: Double
    public var payload: Payload

    public init(complexity: Int, error: Double, payload: Payload) {
        self.complexity = complexity
        self.error = error
        self.payload = payload
    }
}

extension ParetoPoint: Sendable where Payload: Sendable {}
extension ParetoPoint: Equatable where Payload: Equatable {}

/// The candidates no other candidate beats on both complexity and error, simplest first, and
/// the rules to choose one from them.
///
///     let front = ParetoFront([
///         ParetoPoint(complexity: 3, error: 0.2, payload: "cos(x)"),
///         ParetoPoint(complexity: 2, error: 0.3, payload: "x"),
///         ParetoPoint(complexity: 5, error: 1e-12, payload: "x^2 + 1"),
///     ])
///     front.select(.pysr(factor: 1.5))?.payload   // "x^2 + 1"
///
/// Along the front complexity strictly increases and error strictly decreases: of candidates
/// with equal complexity only the most accurate is kept (the first given, on equal error), and a
/// candidate is kept only if it is more accurate than every simpler one. Candidates whose error
/// is NaN, negative or infinite are dropped. Errors below `errorFloor` count as `errorFloor`
/// (pass the precision or noise level, e.g. 1e-12 times the targets' scale, so that two
/// formulas exact to rounding compare as equal rather than by their rounding noise).
public struct ParetoFront<Payload> {
    /// The front, simplest (and least accurate) first.
    public let points: [ParetoPoint<Payload>]
    /// The error below which errors are not distinguished.
    public let errorFloor: Double

    public init(_ candidates: [ParetoPoint<Payload>], errorFloor: Double = 0) {
        let floor = Swift.max(errorFloor, Double.leastNormalMagnitude)
        self.errorFloor = floor
        let usable = candidates.enumerated().filter { $0.element.error.isFinite && $0.element.error >= 0 }
        let sorted = usable.sorted { x, y in
            if x.element.complexity != y.element.complexity {
                return x.element.complexity < y.element.complexity
            }
            let ex = Swift.max(x.element.error, floor), ey = Swift.max(y.element.error, floor)
            if ex != ey { return ex < ey }
            return x.offset < y.offset
        }
        var front: [ParetoPoint<Payload>] = []
        var bestError = Double.infinity
        for (_, point) in sorted where Swift.max(point.error, floor) < bestError {
            front.append(point)
            bestError = Swift.max(point.error, floor)
        }
        points = front
    }

    /// How to choose one point of the front.
    public enum SelectionRule: Sendable, Hashable {
        /// The simplest point whose error is at most `factor` times the front's best error.
        case simplestWithin(factor: Double)
        /// The knee: the point with the largest `scores` value, the largest drop of log error
        /// per added complexity from the previous point of the front.
        case knee
        /// PySR's `model_selection="best"`: the knee among the points whose error is at most
        /// `factor` (PySR: 1.5) times the best error.
        case pysr(factor: Double)
    }

    /// The score of each point: −Δ ln(error) / Δ complexity from its predecessor on the front
    /// (0 for the first point).
    ///
    ///     score_i = −(ln e_i − ln e_{i−1}) / (c_i − c_{i−1})
    public var scores: [Double] {
        points.indices.map { i in
            guard i > 0 else { return 0 }
            let drop = Foundation.log(errorOf(i - 1)) - Foundation.log(errorOf(i))
            return drop / Double(points[i].complexity - points[i - 1].complexity)
        }
    }

    /// The chosen point, or nil when the front is empty. Ties go to the simpler point.
    public func select(_ rule: SelectionRule = .pysr(factor: 1.5)) -> ParetoPoint<Payload>? {
        guard let last = points.indices.last else { return nil }
        let bestError = errorOf(last)
        switch rule {
        case .simplestWithin(let factor):
            let index = points.indices.first { errorOf($0) <= factor * bestError } ?? last
            return points[index]
        case .knee:
            return points[Self.argmax(scores, among: points.indices)]
        case .pysr(let factor):
            let eligible = points.indices.filter { errorOf($0) <= factor * bestError }
            return points[Self.argmax(scores, among: eligible.isEmpty ? [last] : eligible)]
        }
    }

    private func errorOf(_ index: Int) -> Double {
        Swift.max(points[index].error, errorFloor)
    }

    /// The first index of the largest value among `indices` (which is non-empty).
    private static func argmax<C: Collection>(_ values: [Double], among indices: C) -> Int
    where C.Element == Int {
        var best = indices.first ?? 0
        for index in indices where values[index] > values[best] { best = index }
        return best
    }
}

extension ParetoFront: Sendable where Payload: Sendable {}
