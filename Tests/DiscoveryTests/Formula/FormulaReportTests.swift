import Discovery
import Foundation
import Symbolic
import Testing

@Suite struct FormulaReportTests {
    let x1 = Expr.symbol("x1"), x2 = Expr.symbol("x2")

    @Test func jsonHasEveryFieldAndParsesBack() throws {
        let f = Expr.exp(pow(x2, 2) + Expr.sin(.pi * x1))
        let hello: ([Double]) -> Double = { exp(sin(Double.pi * $0[0]) + $0[1] * $0[1]) }
        let train = formulaData(dimension: 2, count: 100, seed: 31, hello)
        let test = formulaData(dimension: 2, count: 50, seed: 32, hello)
        let report = FormulaReport(expression: f, variables: ["x1", "x2"], train: train, test: test)
        #expect(report.complexity == f.complexity)
        #expect(try #require(report.trainRMSE) < 1e-12)
        #expect(try #require(report.testRMSE) < 1e-12)
        #expect(abs(try #require(report.r2) - 1) < 1e-12)
        let json = report.json(seconds: 1.5)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["formula", "latex", "text", "complexity", "train_rmse", "test_rmse", "r2", "seconds"])
        #expect(object["formula"] as? String == report.sympy)
        #expect(object["latex"] as? String == report.latex)
        #expect(object["text"] as? String == "exp(x2^2 + sin(pi*x1))")
        #expect(object["seconds"] as? Double == 1.5)
        #expect(!json.contains("\n"))
    }

    @Test func nonFiniteScoresAreNull() throws {
        let train = formulaData(dimension: 1, count: 20, seed: 33) { $0[0] }
        let report = FormulaReport(expression: Expr.log(Expr.symbol("x")), variables: ["x"], train: train)
        #expect(report.trainRMSE == nil)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json(seconds: .nan).utf8)) as? [String: Any])
        #expect(object["train_rmse"] is NSNull)
        #expect(object["test_rmse"] is NSNull)
        #expect(object["r2"] is NSNull)
        #expect(object["seconds"] is NSNull)
    }

    @Test func stringsAreEscaped() throws {
        let name = "a\"b\\c"
        let train = formulaData(dimension: 1, count: 20, seed: 34) { $0[0] }
        let report = FormulaReport(expression: Expr.symbol(name), variables: [name], train: train)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json(seconds: 0).utf8)) as? [String: Any])
        #expect(object["text"] as? String == report.text)
    }

    @Test func outcomeReportsOnTrainAndTest() throws {
        let f: ([Double]) -> Double = { 3 * $0[0] - 0.25 }
        let train = formulaData(dimension: 1, count: 100, seed: 35, f)
        let test = formulaData(dimension: 1, count: 50, seed: 36, f)
        let formula = parametric(θ(0) * Expr.symbol("x") + θ(1), ["x"], [2.9, -0.2])
        let outcome = try #require(Rationalization().rationalize(formula, train: train, validation: test))
        let report = outcome.report(train: train, test: test)
        #expect(report.text == "3*x - 1/4")
        #expect(report.complexity == outcome.expression.complexity)
        #expect(try #require(report.testRMSE) < 1e-14)
        #expect(report.hasTestData)
    }

    @Test func missingColumnFailsWithoutCrashing() {
        let data = FormulaData(columns: [[1, 2, 3]], target: [1, 2, 3])
        let formula = parametric(θ(0) * Expr.symbol("x") + Expr.symbol("y"), ["x", "y"], [1])
        #expect(Rationalization().rationalize(formula, train: data) == nil)
        let report = FormulaReport(expression: Expr.symbol("x") + Expr.symbol("y"), variables: ["x", "y"], train: data)
        #expect(report.trainRMSE == nil)
    }
}
