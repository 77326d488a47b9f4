import Exact
import Testing
@testable import Symbolic

/// Partial fractions (`Expr.apart(in:)`).
@Suite struct PartialFractionsTests {
    static let cases: [(String, String)] = [
        ("1/(x^2 - 1)", "1/(2*(x - 1)) - 1/(2*(x + 1))"),
        ("1/(x*(x + 1))", "1/x - 1/(x + 1)"),
        ("(x^3 + 1)/(x*(x^2 + 1))", "1 + 1/x - (x + 1)/(x^2 + 1)"),
        ("1/((x - 1)^2*(x + 1))", "1/(2*(x - 1)^2) - 1/(4*(x - 1)) + 1/(4*(x + 1))"),
        ("(2*x + 3)/(x^2 + 3*x + 2)", "1/(x + 1) + 1/(x + 2)"),
        ("x^2/(x - 2)", "x + 2 + 4/(x - 2)"),
        ("(x^2 + 1)/(x + 1)^3", "1/(x + 1) - 2/(x + 1)^2 + 2/(x + 1)^3"),
        ("1/(x^4 - 1)", "1/(4*(x - 1)) - 1/(4*(x + 1)) - 1/(2*(x^2 + 1))"),
        ("x + 1/3", "x + 1/3"),
    ]

    @Test(arguments: cases)
    func decomposesExactly(_ input: String, _ expected: String) throws {
        let e = try Expr(parsing: input)
        let result = try #require(e.apart(in: "x"))
        #expect(result == (try Expr(parsing: expected)), "apart(\(input)) = \(result)")
        for value in [-2.7, -0.3, 0.45, 1.6, 3.3] {
            #expect(close(e.evaluate(["x": value]), result.evaluate(["x": value]), tolerance: 1e-9))
        }
    }

    @Test(arguments: [
        ("1/((x + a)*(x + b))", "1/((a - b)*(x + b)) - 1/((a - b)*(x + a))"),
        ("(x^2 + a)/(x^2 - a^2)", "1 + (a + 1)/(2*(x - a)) + (-a - 1)/(2*(x + a))"),
        ("x/(y*(x - 1)*(2*x + 1))", "1/(3*y*(x - 1)) + 1/(3*y*(2*x + 1))"),
    ])
    func decomposesWithParameters(_ input: String, _ expected: String) throws {
        let e = try Expr(parsing: input)
        let result = try #require(e.apart(in: "x"))
        #expect(result == (try Expr(parsing: expected)), "apart(\(input)) = \(result)")
        for (xv, av, bv, yv) in [(0.3, 1.7, -0.4, 2.2), (-1.9, 0.6, 2.5, -0.7)] {
            let point = ["x": xv, "a": av, "b": bv, "y": yv]
            #expect(close(e.evaluate(point), result.evaluate(point), tolerance: 1e-9))
        }
    }

    @Test func otherSymbolsAndFunctionsOfTheVariableAreRefused() throws {
        #expect(try Expr(parsing: "1/(x + sin(x))").apart(in: "x") == nil)
        #expect(try Expr(parsing: "1/(sqrt(x) + 1)").apart(in: "x") == nil)
        #expect(try Expr(parsing: "1/((x + a)^2 + 1)").apart(in: "x") == nil)
        #expect(try Expr(parsing: "1/(x + a)^2").apart(in: "x") == nil)
        // Free of the variable: itself.
        #expect(try Expr(parsing: "1/(y + 1)").apart(in: "x") == (try Expr(parsing: "1/(y + 1)")))
    }
}
