import Exact
import Foundation
import PropertyBased
import Testing
@testable import Symbolic

@Suite struct PropertyTests {
    @Test func printingRoundTripsThroughTheParser() async {
        await propertyCheck(count: 300, input: RandomExpression.generator) { e in
            let text = e.text
            let parsed = try? Expr(parsing: text)
            #expect(parsed == e, "\(text)")
            _ = e.latex
            _ = e.sympy
        }
    }

    @Test func simplifyPreservesValuesWhereDefined() async {
        await propertyCheck(count: 200, input: RandomExpression.generator, RandomExpression.point) { e, point in
            let before = e.evaluate(point)
            guard before.isFinite, largestIntermediate(e, at: point) < 1e8, isWellConditioned(e, at: point) else { return }
            let simplified = e.simplified()
            let after = simplified.evaluate(point)
            #expect(close(before, after, tolerance: 1e-6), "\(e) -> \(simplified) at \(point)")
        }
    }

    @Test func simplifyIsIdempotent() async {
        await propertyCheck(count: 100, input: RandomExpression.generator) { e in
            let once = e.simplified()
            #expect(once.simplified() == once, "\(e) -> \(once)")
        }
    }

    @Test func derivativeAgreesWithFiniteDifferences() async {
        await propertyCheck(count: 200, input: RandomExpression.generator, RandomExpression.point) { e, point in
            let derivative = e.derivative(withRespectTo: "x")
            func f(_ dx: Double) -> Double {
                var shifted = point
                shifted["x", default: 0] += dx
                return e.evaluate(shifted)
            }
            func centralDifference(_ h: Double) -> Double { (f(h) - f(-h)) / (2 * h) }
            let coarse = centralDifference(1e-4), fine = centralDifference(5e-5)
            // Only where the function is smooth at this scale (no pole, kink or edge nearby).
            guard coarse.isFinite, fine.isFinite, largestIntermediate(e, at: point) < 1e6,
                  close(coarse, fine, tolerance: 1e-5), !hasSingularPower(e, at: point) else { return }
            let exact = derivative.evaluate(point)
            #expect(close(fine, exact, tolerance: 1e-4), "d/dx \(e) = \(derivative) at \(point)")
        }
    }

    /// The chain rule is undefined where a root's base is 0, even where the base is 0 all
    /// around (a case the random expressions drew: (x + x·sign x)^(1/3) for x < 0).
    @Test func derivativeAtARootOfZeroIsUndefined() throws {
        let e = try Expr(parsing: "(x + x*sign(x))^(1/3)")
        let point = ["x": -0.0009, "y": 0.0002, "z": 0.0003]
        #expect(e.derivative(withRespectTo: "x").evaluate(point).isNaN)
        #expect(hasSingularPower(e, at: point))
        #expect(!hasSingularPower(e, at: ["x": 0.5, "y": 0.0, "z": 0.0]))
    }

    @Test func compiledEvaluatorEqualsEvaluate() async {
        await propertyCheck(count: 200, input: RandomExpression.generator, RandomExpression.point) { e, point in
            guard let compiled = try? e.compile(variables: ["x", "y", "z"]) else {
                Issue.record("could not compile \(e)")
                return
            }
            let coordinates = [point["x"] ?? 0, point["y"] ?? 0, point["z"] ?? 0]
            let expected = e.evaluate(point)
            let single = compiled.evaluate(coordinates)
            let columns = compiled.evaluate(columns: coordinates.map { [$0, $0 / 2] })
            func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }
            #expect(same(single, expected), "\(e)")
            #expect(same(columns[0], expected), "\(e)")
        }
    }

    @Test func parserNeverCrashesOnGarbage() async {
        let alphabet = Array("xy1.e+-*/^()(), sinpq2 \u{00e9}$")
        let strings = Gen.int(in: 0...(alphabet.count - 1)).array(of: 0...30).map { codes in
            String(codes.map { alphabet[$0] })
        }
        await propertyCheck(count: 500, input: strings) { text in
            do {
                let e = try Expr(parsing: text)
                #expect((try? Expr(parsing: e.text)) == e, "\(text) -> \(e.text)")
            } catch let error as ParseError {
                #expect(error.column >= 1 && error.column <= text.unicodeScalars.count + 1)
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }
}
