import Exact
import Testing
@testable import Symbolic

/// Harmonic addition in `simplify` (a·sin u + b·cos u = R·sin(u + φ)).
@Suite struct HarmonicAdditionTests {
    @Test func amplitudeAndPhaseAreExact() throws {
        let sqrt2 = Expr.sqrt(Expr(2)), sqrt3 = Expr.sqrt(Expr(3))
        let (r1, k1) = try #require(Expr.harmonicAmplitudeAndPhase(1, 1))
        #expect(r1 == sqrt2 && k1 == Rational.quarter)
        let (r2, k2) = try #require(Expr.harmonicAmplitudeAndPhase(sqrt3, 1))
        #expect(r2 == 2 && k2 == Rational.sixth)
        let (r3, k3) = try #require(Expr.harmonicAmplitudeAndPhase(1, -sqrt3))
        #expect(r3 == 2 && k3 == -Rational.third)
        let (r4, k4) = try #require(Expr.harmonicAmplitudeAndPhase(-1, -1))
        let threeQuarters = try Rational(-3, 4)
        #expect(r4 == sqrt2 && k4 == threeQuarters)
        // tan φ = 2 has no exact φ.
        #expect(Expr.harmonicAmplitudeAndPhase(1, 2) == nil)
    }

    @Test(arguments: [
        ("sin(x*y + z^2) + cos(x*y + z^2)", "sqrt(2)*sin(x*y + z^2 + pi/4)"),
        ("sqrt(3)*sin(x*y + z^2) + cos(x*y + z^2)", "2*sin(x*y + z^2 + pi/6)"),
        ("3*sin(x*y + z^2) - 3*cos(x*y + z^2)", "-3*sqrt(2)*cos(x*y + z^2 + pi/4)"),
        ("sqrt(2)*sin(x + pi/4)", "sin(x) + cos(x)"),
        // As long as its expansion: kept.
        ("2*sin(x + pi/6)", "2*sin(x + pi/6)"),
    ])
    func simplifiesWhereCheaper(_ input: String, _ expected: String) throws {
        let e = try Expr(parsing: input)
        let result = e.simplified()
        #expect(result == (try Expr(parsing: expected)), "simplify(\(input)) = \(result)")
        #expect(close(e.evaluate(["x": 0.3, "y": -1.1, "z": 0.8]), result.evaluate(["x": 0.3, "y": -1.1, "z": 0.8])))
    }
}
