import Exact
import Testing
@testable import Symbolic

@Suite struct DerivativeTests {
    @Test func elementaryRules() {
        #expect(pow(x, 3).derivative(withRespectTo: "x") == 3 * pow(x, 2))
        #expect((x * y).derivative(withRespectTo: "x") == y)
        #expect(Expr.sin(2 * x).derivative(withRespectTo: "x") == 2 * Expr.cos(2 * x))
        #expect(Expr.exp(pow(x, 2)).derivative(withRespectTo: "x") == 2 * x * Expr.exp(pow(x, 2)))
        #expect(Expr.log(x).derivative(withRespectTo: "x") == 1 / x)
        #expect(Expr.sqrt(x).derivative(withRespectTo: "x") == 1 / (2 * Expr.sqrt(x)))
        #expect(Expr.atan(x).derivative(withRespectTo: "x") == 1 / (1 + pow(x, 2)))
        #expect(Expr.abs(x).derivative(withRespectTo: "x") == Expr.sign(x))
        #expect((x + y).derivative(withRespectTo: "z") == 0)
        #expect(Expr.pi.derivative(withRespectTo: "x") == 0)
    }

    @Test func userFunctionsGetPartialDerivatives() {
        let d = Expr.function("f", pow(x, 2), y).derivative(withRespectTo: "x")
        #expect(d == 2 * x * Expr.function("D1_f", pow(x, 2), y))
    }
}

@Suite struct SubstitutionTests {
    @Test func substitutesSimultaneously() {
        #expect((x + 2 * y).substituting(["x": y, "y": x]) == y + 2 * x)
        #expect((x * y).substituting("y", with: 1 / x) == 1)
        #expect(Expr.sin(x).substituting("x", with: .pi / 6) == q(1, 2))
    }

    @Test func freeSymbols() {
        #expect((x + Expr.sin(y * .pi) + 3).freeSymbols == ["x", "y"])
        #expect(Expr.pi.freeSymbols.isEmpty)
    }

    @Test func complexityCountsTreeNodes() {
        #expect(x.complexity == 1)
        #expect((x + y).complexity == 3)
        #expect((x - y).complexity == 3)
        #expect((-x).complexity == 2)
        #expect((x / y).complexity == 3)
        #expect(pow(x, 2).complexity == 3)
        #expect(Expr.sin(x).complexity == 2)
        #expect(Expr.sqrt(x).complexity == 2)
        #expect(Expr.exp(pow(Expr.symbol("x2"), 2) + Expr.sin(.pi * Expr.symbol("x1"))).complexity == 9)
    }
}

@Suite struct EvaluationTests {
    @Test func evaluatesAndReturnsNaNOutsideTheDomain() {
        #expect(Expr.exp(x).evaluate(["x": 0]) == 1)
        #expect((x * y + .pi).evaluate(["x": 2, "y": 3]) == 6 + Double.pi)
        #expect(Expr.log(x).evaluate(["x": -1]).isNaN)
        #expect(Expr.sqrt(x).evaluate(["x": -1]).isNaN)
        #expect(Expr.power(x, Rational.third).evaluate(["x": -8]).isNaN)
        #expect(pow(x, 3).evaluate(["x": -2]) == -8)
        #expect(Expr.asin(x).evaluate(["x": 2]).isNaN)
        #expect(x.evaluate([:]).isNaN)
        #expect(Expr.function("f", x).evaluate(["x": 1]).isNaN)
        #expect((1 / x).evaluate(["x": 0]) == .infinity)
    }

    @Test func compiledMatchesTreeWalk() throws {
        let e = Expr.exp(Expr.sin(.pi * x) + pow(y, 2)) - Expr.sqrt(x) / (y + 3)
        let compiled = try e.compile(variables: ["x", "y"])
        var xs: [Double] = [], ys: [Double] = []
        for i in 0..<1000 {
            xs.append(Double(i) / 250 - 1)
            ys.append(Double(i % 17) / 5 - 1.5)
        }
        let values = compiled.evaluate(columns: [xs, ys])
        #expect(values.count == 1000)
        for i in 0..<1000 {
            let expected = e.evaluate(["x": xs[i], "y": ys[i]])
            #expect(values[i].bitPattern == expected.bitPattern || (values[i].isNaN && expected.isNaN))
            #expect(compiled.evaluate([xs[i], ys[i]]).bitPattern == values[i].bitPattern
                || (values[i].isNaN && compiled.evaluate([xs[i], ys[i]]).isNaN))
        }
        var part = [Double](repeating: 0, count: 300)
        part.withUnsafeMutableBufferPointer { compiled.evaluate(columns: [xs, ys], rows: 500..<800, into: $0) }
        #expect(zip(part, values[500..<800]).allSatisfy { $0.bitPattern == $1.bitPattern })
        var output: [Double] = []
        compiled.evaluate(columns: [xs, ys], into: &output)
        #expect(output.count == 1000)
        #expect(zip(output, values).allSatisfy { $0.bitPattern == $1.bitPattern })
    }

    @Test func compileRejectsUnknownSymbols() {
        #expect(throws: CompiledExpression.CompileError.unknownSymbol("y")) {
            try (x + y).compile(variables: ["x"])
        }
        #expect((try? Expr(3).compile(variables: []))?.evaluate([]) == 3)
    }

    @Test func compiledIsSendableAcrossTasks() async throws {
        let compiled = try (x * x + 1).compile(variables: ["x"])
        let sums = await withTaskGroup(of: Double.self) { group in
            for t in 0..<4 {
                group.addTask { compiled.evaluate(columns: [[Double](repeating: Double(t), count: 1000)]).reduce(0, +) }
            }
            var all: [Double] = []
            for await s in group { all.append(s) }
            return all.sorted()
        }
        #expect(sums == [1000, 2000, 5000, 10000])
    }
}
