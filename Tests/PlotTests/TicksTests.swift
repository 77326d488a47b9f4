import Foundation
import Testing
@testable import Plot

@Suite struct TicksTests {
    @Test func linearTicksAreOneTwoFive() {
        let axis = Ticks.linear(0.13, 0.97)
        #expect(axis.values == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(axis.lower == 0 && axis.upper == 1)
        let wide = Ticks.linear(-3, 47)
        #expect(wide.values == [-10, 0, 10, 20, 30, 40, 50])
        let labels = Ticks.linear(0, 0.3).values.map { NumberFormatting.label($0) }
        #expect(labels == ["0", "0.05", "0.1", "0.15", "0.2", "0.25", "0.3"])
    }

    @Test func degenerateLinearRangeIsWidened() {
        let axis = Ticks.linear(2, 2)
        #expect(axis.lower < 2 && axis.upper > 2)
        #expect(axis.values.count >= 2)
        #expect(Ticks.linear(.nan, .infinity).values.count >= 2)
        // Extreme spans neither trap nor produce non-finite ticks.
        for (a, b) in [(-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude),
                       (0, Double.leastNonzeroMagnitude), (1e-300, 2e-300), (5, 5 + 1e-14)] {
            let axis = Ticks.linear(a, b)
            #expect(axis.values.count >= 2 && axis.values.count < 50)
            #expect(axis.values.allSatisfy { $0.isFinite })
        }
        let log = Ticks.logarithmic(Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude)
        #expect(log.values.count <= 8 && log.values.allSatisfy { $0 > 0 })
    }

    @Test func logTicksArePowersOfTen() {
        let axis = Ticks.logarithmic(3e-4, 0.2)
        #expect(axis.exponents == [-4, -3, -2, -1, 0])
        #expect(axis.lower == 1e-4 && axis.upper == 1)
        // Within one decade the axis still spans a whole decade.
        #expect(Ticks.logarithmic(2e-3, 3e-3).exponents == [-3, -2])
        // Many decades are thinned to at most eight ticks, ends included.
        let many = Ticks.logarithmic(1e-16, 10)
        #expect(many.values.count <= 8)
        #expect(many.exponents?.first ?? 0 <= -16 && many.exponents?.last ?? 0 >= 1)
    }

    @Test func logScaleMapsDecadesEvenly() {
        let scale = Scale(kind: .logarithmic, domain: (1e-3, 1), range: (300, 0))
        #expect(abs(scale.position(1e-2) - 200) < 1e-9)
        #expect(abs(scale.value(at: 100) - 0.1) < 1e-12)
        #expect(!scale.accepts(0) && !scale.accepts(-1) && scale.accepts(1e-20))
    }
}
