import Discovery
import Foundation
import Symbolic
import Testing

@Suite struct ParameterCanonicalizationTests {
    let x = Expr.symbol("x"), y = Expr.symbol("y")
    let data = formulaData(dimension: 2, count: 50, in: 0.2...2, seed: 7) { _ in 0 }

    /// Canonicalises, checks the values are unchanged on the data and the parameter count.
    func check(_ formula: ParametricFormula, parameters: Int) -> ParametricFormula {
        let result = formula.canonicalized()
        #expect(result.parameterCount == parameters, "\(result.expression)")
        #expect(largestDifference(formula, result, on: data) < 1e-12)
        #expect(result.isWellFormed)
        #expect(result.parameterNames == (0..<parameters).map(ParametricFormula.parameterName))
        return result
    }

    @Test func affineOfAffineIsOneAffine() {
        // θ0·(θ1·sin x + θ2) + θ3 → θ·sin x + θ′.
        let f = parametric(θ(0) * (θ(1) * Expr.sin(x) + θ(2)) + θ(3), ["x", "y"], [2, 1.5, 0.3, -1])
        let g = check(f, parameters: 2)
        #expect(g.expression == θ(0) * Expr.sin(x) + θ(1) || g.expression == θ(1) * Expr.sin(x) + θ(0))
        #expect(Set(g.parameterValues) == [3, -0.4])
    }

    @Test func opposedOffsetsMergeIntoOne() {
        // sin(θ0·x + θ1 + θ2·y + θ3) with θ1 = −θ3: one offset, exactly 0.
        let f = parametric(Expr.sin(θ(0) * x + θ(1) + θ(2) * y + θ(3)), ["x", "y"], [1, 0.3127, 2, -0.3127])
        let g = check(f, parameters: 3)
        #expect(g.parameterValues.contains(0))
    }

    @Test func exponentialOfOffsetIsAMultiplier() {
        let f = parametric(Expr.exp(θ(0) + x), ["x", "y"], [0.5])
        let g = check(f, parameters: 1)
        #expect(g.expression == θ(0) * Expr.exp(x))
        #expect(abs(g.parameterValues[0] - exp(0.5)) < 1e-15)
    }

    @Test func logarithmOfScaleIsAnOffset() {
        let f = parametric(Expr.log(θ(0) * x), ["x", "y"], [3])
        let g = check(f, parameters: 1)
        #expect(g.expression == Expr.log(x) + θ(0))
        #expect(abs(g.parameterValues[0] - log(3)) < 1e-15)
        // A negative scale: log(−2·(−x)) = log(−x) + log 2 stays real.
        let h = parametric(Expr.log(θ(0) * x), ["x", "y"], [-2])
        let k = h.canonicalized()
        #expect(k.expression == Expr.log(-x) + θ(0))
    }

    @Test func powersAndProductsOfParametersAreParameters() {
        let f = parametric(pow(θ(0), 2) * θ(1) * x * Expr(2) + Expr.exp(θ(2)), ["x", "y"], [3, 0.5, 0])
        let g = check(f, parameters: 2)
        #expect(Set(g.parameterValues) == [9, 1])
    }

    @Test func scaleOfASquaredAffineMovesOut() {
        // θ0·(θ1·x + θ2)² + θ3 → θ·(x + θ′)² + θ″.
        let f = parametric(θ(0) * pow(θ(1) * x + θ(2), 2) + θ(3), ["x", "y"], [0.5, 2, -0.6, 1])
        _ = check(f, parameters: 3)
    }

    @Test func squareRootScaleTakesTheMagnitude() {
        // (θ0·x + θ1)^(1/2) with θ0 < 0 on x ∈ [0.2, 2]: valid where defined.
        let f = parametric(Expr.sqrt(θ(0) * x + θ(1)), ["x", "y"], [-1, 3])
        let g = check(f, parameters: 2)
        #expect(g.isWellFormed)
    }

    @Test func pykanCompositionOfTheHelloFormula() {
        // c·exp(a1·sin(a2·x + b2) + b1 + a3·(a4·y + b3)² + b4) + d: 10 constants, 7 free.
        let x1 = x, x2 = y
        let inner = θ(1) * Expr.sin(θ(2) * x1 + θ(3)) + θ(4) + θ(5) * pow(θ(6) * x2 + θ(7), 2) + θ(8)
        let f = parametric(θ(0) * Expr.exp(inner) + θ(9), ["x", "y"],
                           [1.02, 0.98, 3.1, 0.02, 0.1, 0.9, 1.05, -0.03, -0.1, 0.01])
        _ = check(f, parameters: 7)
    }

    @Test func parameterFreeConstantsStayExact() {
        let f = parametric(x + 1 + θ(0) * y, ["x", "y"], [2])
        let g = check(f, parameters: 1)
        #expect(g.expression == x + 1 + θ(0) * y)
    }

    @Test func unusedParametersAreDropped() {
        let f = ParametricFormula(expression: θ(1) * x, variables: ["x", "y"],
                                  parameterNames: ["θ0", "θ1"], parameterValues: [5, 2])
        let g = f.canonicalized()
        #expect(g.parameterNames == ["θ0"])
        #expect(g.parameterValues == [2])
    }
}
