@testable import Discovery
import Exact
import Foundation
import Symbolic
import Testing

@Suite struct AngularFrequencyTests {
    /// n points of x uniform on `range` (a fixed generator, so the test is deterministic).
    func samples(_ range: ClosedRange<Double>, count: Int = 250, seed: UInt64 = 3) -> [Double] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let unit = Double(state >> 11) / Double(1 << 53)
            return range.lowerBound + unit * (range.upperBound - range.lowerBound)
        }
    }

    @Test func findsAMultipleOfPiBehindASquaredSine() {
        // sin²(2πu) = ½ − ½·cos 4πu: one line in the spectrum, at 4π.
        let u = samples(0.25...4)
        let frequency = AngularFrequency.dominant(of: u.map { pow(sin(2 * Double.pi * $0), 2) }, against: u)
        #expect(frequency == AngularFrequency(multiple: 4, timesPi: true))
        #expect(frequency?.argument(.symbol("u")) == (try? Expr(parsing: "4*pi*u")))
    }

    @Test func findsARationalFrequencyUnderATrendAndNoise() throws {
        // x + 3·cos(3x/2) with noise on [0, 10]: the trend is removed first.
        let x = samples(0...10, count: 400)
        var state: UInt64 = 11
        let y = x.map { value -> Double in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let noise = (Double(state >> 11) / Double(1 << 53) - 0.5) * 0.6
            return value + 3 * cos(1.5 * value) + noise
        }
        #expect(AngularFrequency.dominant(of: y, against: x) == AngularFrequency(multiple: try Rational(3, 2), timesPi: false))
    }

    @Test func seesNoFrequencyInATrendOrInNoise() {
        let x = samples(1...5)
        #expect(AngularFrequency.dominant(of: x.map { exp($0) }, against: x) == nil)
        #expect(AngularFrequency.dominant(of: x.map { 1 / $0 + $0 * $0 * $0 }, against: x) == nil)
        #expect(AngularFrequency.dominant(of: x.map { tanh($0 - 3) }, against: x) == nil)
        var state: UInt64 = 5
        let noise = x.map { _ -> Double in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        #expect(AngularFrequency.dominant(of: noise, against: x) == nil)
    }

    @Test func snapsToTheSimplestNearbyValue() throws {
        #expect(AngularFrequency.snapped(12.5664, tolerance: 0.01) == AngularFrequency(multiple: 4, timesPi: true))
        #expect(AngularFrequency.snapped(2.0003, tolerance: 0.01) == AngularFrequency(multiple: 2, timesPi: false))
        #expect(AngularFrequency.snapped(Double.pi / 3 + 0.001, tolerance: 0.01)
                == AngularFrequency(multiple: try Rational(1, 3), timesPi: true))
        // 0.123 is no p/q or p/q·π with q ≤ 4 within the tolerance.
        #expect(AngularFrequency.snapped(0.123, tolerance: 0.001) == nil)
    }
}
