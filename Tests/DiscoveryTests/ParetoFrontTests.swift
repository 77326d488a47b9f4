import Discovery
import Foundation
import Testing

@Suite struct ParetoFrontTests {
    static func point(_ complexity: Int, _ error: Double, _ name: String) -> ParetoPoint<String> {
        ParetoPoint(complexity: complexity, error: error, payload: name)
    }

    @Test func frontKeepsOnlyUndominatedPoints() {
        let front = ParetoFront([
            Self.point(5, 0.1, "dominated"),
            Self.point(3, 0.05, "b"),
            Self.point(1, 1.0, "a"),
            Self.point(3, 0.08, "worse twin"),
            Self.point(8, 0.001, "c"),
            Self.point(9, .nan, "nan"),
            Self.point(10, -1, "negative"),
            Self.point(2, 1.0, "no gain"),
        ])
        #expect(front.points.map(\.payload) == ["a", "b", "c"])
        #expect(ParetoFront<String>([]).select() == nil)
    }

    @Test func simplestWithinFactor() {
        let front = ParetoFront([
            Self.point(1, 1.0, "x"), Self.point(3, 0.011, "sin"), Self.point(6, 0.010, "sin+x"),
        ])
        #expect(front.select(.simplestWithin(factor: 1.2))?.payload == "sin")
        #expect(front.select(.simplestWithin(factor: 1.0))?.payload == "sin+x")
        #expect(front.select(.simplestWithin(factor: 200))?.payload == "x")
    }

    @Test func kneeIsTheLargestLogDropPerComplexity() {
        let front = ParetoFront([
            Self.point(1, 1.0, "x"), Self.point(2, 0.5, "x^2"), Self.point(4, 1e-6, "exact"),
            Self.point(9, 0.9e-6, "overfit"),
        ])
        #expect(front.select(.knee)?.payload == "exact")
        let scores = front.scores
        #expect(scores[0] == 0)
        #expect(abs(scores[1] - log(2.0)) < 1e-12)
    }

    @Test func pysrRulePrefersTheKneeNearTheBestError() {
        // Exact structure reaches rounding level; a look-alike stalls much higher.
        let front = ParetoFront([
            Self.point(2, 0.3, "cos"), Self.point(3, 1e-4, "look-alike"),
            Self.point(5, 1e-15, "exact"), Self.point(7, 0.9e-15, "exact+noise"),
        ])
        #expect(front.select()?.payload == "exact")
        // With an error floor at 1e-12 the two exact formulas tie, and the simpler is kept.
        let floored = ParetoFront(front.points, errorFloor: 1e-12)
        #expect(floored.points.map(\.payload) == ["cos", "look-alike", "exact"])
        #expect(floored.select()?.payload == "exact")
    }
}
