import Discovery
import Foundation
import Testing

@Suite struct ProtectedEvaluationTests {
    /// Arguments on and around every pole and domain bound of the standard primitives, the
    /// extremes of Double, and a fine sweep.
    static let arguments: [Double] = {
        var points: [Double] = [
            0, -0.0, 1, -1, .pi / 2, -.pi / 2, 3 * .pi / 2, 1e-300, -1e-300, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
            1e308, -1e308, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
            .infinity, -.infinity, .nan, 710, -710, 1e6, -1e6,
        ]
        for k in -2000...2000 { points.append(Double(k) * 0.005) }
        for p: Double in [0, 1, -1, Double.pi / 2, -Double.pi / 2] {
            for e in [1e-15, 1e-10, 1e-6] { points += [p + e, p - e] }
        }
        return points
    }()

    @Test(arguments: NumericPrimitive.standard.map(\.name))
    func protectedEvaluationIsAlwaysFinite(name: String) throws {
        let primitive = try #require(NumericPrimitive.standard.first { $0.name == name })
        for u in Self.arguments {
            let v = primitive.protectedValue(u)
            let dv = primitive.protectedDerivative(u)
            #expect(v.isFinite, "\(name)(\(u)) = \(v)")
            #expect(dv.isFinite, "\(name)'(\(u)) = \(dv)")
            #expect(abs(v) <= NumericPrimitive.defaultProtectionBound)
        }
    }

    @Test func protectionKeepsValuesInsideTheDomain() {
        #expect(NumericPrimitive.sine.protectedValue(0.3) == sin(0.3))
        #expect(NumericPrimitive.logarithm.protectedValue(2) == log(2))
        #expect(NumericPrimitive.arcsine.protectedValue(2) == .pi / 2)
        #expect(NumericPrimitive.squareRoot.protectedValue(-4) == 0)
        #expect(NumericPrimitive.reciprocal.protectedValue(0) == NumericPrimitive.defaultProtectionBound)
        #expect(NumericPrimitive.logarithm.protectedValue(0, bound: 10) == -10)
        #expect(NumericPrimitive.squareRoot.protectedDerivative(-1) == 0)
        #expect(close(NumericPrimitive.tangent.protectedDerivative(0.2), 1 / (cos(0.2) * cos(0.2)), 1e-15))
    }

    @Test func derivativesMatchFiniteDifferences() {
        for primitive in NumericPrimitive.standard where primitive.name != "sgn" {
            for u in [0.3, 0.7, 1.9, -0.4] {
                guard primitive.domain.admits(u - 1e-4, u + 1e-4) else { continue }
                let h = 1e-6
                let numeric = (primitive.value(u + h) - primitive.value(u - h)) / (2 * h)
                #expect(close(primitive.derivative(u), numeric, 1e-5), "\(primitive.name) at \(u)")
            }
        }
    }

    @Test func domainAdmitsOnlyIntervalsWithoutPoles() {
        let tan = NumericPrimitive.tangent.domain
        #expect(tan.admits(-1.5, 1.5))
        #expect(!tan.admits(1, 2))
        #expect(!tan.admits(4.6, 4.8))  // 3π/2 ≈ 4.712
        #expect(tan.admits(1.6, 4.7))
        let log = NumericPrimitive.logarithm.domain
        #expect(log.admits(0.1, 5))
        #expect(!log.admits(0, 5))
        #expect(!log.admits(-1, 5))
        #expect(NumericPrimitive.squareRoot.domain.admits(0, 1))
        #expect(!NumericPrimitive.arcsine.domain.admits(-1, 1.01))
    }
}
