import Exact
import Foundation
import PropertyBased
import Testing
@testable import Symbolic

/// Fuzzing of `simplify`, `factor` and `apart` on random expressions (`RandomExpression`)
/// and random polynomials: every result is equal in value to its input where the input is
/// finite, no more complex, a fixed point of simplification, and fully split where the
/// factors are known.
@Suite struct SimplifyFuzzTests {
    @Test func simplifyAgreesNeverGrowsAndIsIdempotent() async {
        await propertyCheck(count: 300, input: RandomExpression.generator, RandomExpression.point) { e, point in
            let simplified = e.simplified()
            #expect(simplified.complexity <= e.complexity, "\(e) -> \(simplified)")
            #expect(simplified.simplified() == simplified, "\(e) -> \(simplified) -> \(simplified.simplified())")
            let before = e.evaluate(point)
            guard before.isFinite, largestIntermediate(e, at: point) < 1e8, isWellConditioned(e, at: point) else { return }
            #expect(close(before, simplified.evaluate(point), tolerance: 1e-6), "\(e) -> \(simplified) at \(point)")
        }
    }

    /// Found by the fuzzing above: the power was multiplied out and factored back longer.
    @Test func simplifyNeverLengthensAPowerOfASum() {
        let e = Expr.power(pow(x, 2) + x, Rational(3))
        #expect(e.simplified() == e)
    }

    /// Found by the fuzzing below: 5 s in the gcds of the square-free factorisation of a
    /// polynomial that is linear in z (so irreducible).
    @Test func factorOfAPolynomialLinearInOneVariableIsQuick() throws {
        let e = try Expr(parsing: "x + z + x*(x + (x^3 + y)^3)")
        let clock = ContinuousClock()
        var result = e
        let elapsed = clock.measure { result = e.factored() }
        #expect(elapsed < .seconds(1), "\(elapsed)")
        #expect(result == e.expanded())
    }

    @Test func factorAndCancelAgreeWithTheInput() async {
        await propertyCheck(count: 300, input: RandomExpression.generator, RandomExpression.point) { e, point in
            let before = e.evaluate(point)
            guard before.isFinite, largestIntermediate(e, at: point) < 1e6 else { return }
            let clock = ContinuousClock()
            var results: [(String, Expr)] = []
            for (name, operation) in [("factor", { e.factored() }), ("cancel", { e.cancelled() })] as [(String, () -> Expr)] {
                var result = e
                let elapsed = clock.measure { result = operation() }
                // Bounded by the polynomial budget (a generous limit: the machine is shared).
                #expect(elapsed < .seconds(10), "\(name)(\(e)) took \(elapsed)")
                results.append((name, result))
            }
            for (name, result) in results {
                // An expanded numerator evaluated in Double cancels digits (a power of
                // tan(z) multiplied out): compare where its terms stay small too.
                guard largestIntermediate(result, at: point) < 1e4 else { continue }
                #expect(close(before, result.evaluate(point), tolerance: 1e-5), "\(name)(\(e)) = \(result) at \(point)")
            }
        }
    }

    /// Products of two to four factors a·x + b·y + c (small integers), expanded.
    static let linearProducts = Gen.int(in: -3...3).array(of: 6...12).map { codes -> [Expr] in
        stride(from: 0, to: codes.count - 2, by: 3).compactMap { i in
            let (a, b, c) = (codes[i], codes[i + 1], codes[i + 2])
            if a == 0 && b == 0 { return nil }
            return Expr(a) * x + Expr(b) * y + Expr(c)
        }
    }

    @Test func productsOfLinearFactorsSplitCompletely() async {
        await propertyCheck(count: 200, input: Self.linearProducts) { factors in
            let expanded = Expr.product(factors).expanded()
            let result = expanded.factored()
            let point = ["x": 0.37, "y": -1.21]
            #expect(close(expanded.evaluate(point), result.evaluate(point), tolerance: 1e-9), "\(expanded) -> \(result)")
            let parts: [Expr]
            if case .product(let list) = result.node { parts = list } else { parts = [result] }
            for part in parts {
                let base = part.baseAndExponent.0
                let linear = base.terms.allSatisfy { $0.isNumber || $0.coefficientAndMonomial.1.symbolName != nil }
                #expect(linear, "factor(\(expanded)) = \(result): \(base) is not linear")
            }
        }
    }

    /// Rational functions of x: a numerator of degree ≤ 5 over a product of powers of
    /// x − r, x² + k and x² + x + 1.
    static let rationalFunctions = Gen.int(in: -4...4).array(of: 4...12).map { codes -> Expr in
        let numerator = Expr.sum(codes.prefix(6).enumerated().map { k, c in Expr(c) * Expr.power(x, Rational(k)) })
        var denominator: Expr = 1
        for code in codes.dropFirst(6) {
            let factor: Expr
            switch (code + 4) % 3 {
            case 0: factor = x - Expr(code)
            case 1: factor = Expr.power(x, Rational(2)) + Expr(1 + Swift.abs(code))
            default: factor = Expr.power(x, Rational(2)) + x + 1
            }
            denominator = denominator * Expr.power(factor, Rational(1 + Swift.abs(code) % 2))
        }
        return numerator / denominator
    }

    @Test func apartAgreesWithTheInput() async {
        await propertyCheck(count: 200, input: Self.rationalFunctions) { e in
            guard let result = e.apart(in: "x") else {
                Issue.record("apart(\(e)) gave up")
                return
            }
            for value in [-3.3, -0.71, 0.29, 1.37, 2.61] {
                let before = e.evaluate(["x": value])
                guard before.isFinite, Swift.abs(before) < 1e6 else { continue }
                #expect(close(before, result.evaluate(["x": value]), tolerance: 1e-7), "apart(\(e)) = \(result) at \(value)")
            }
        }
    }
}
