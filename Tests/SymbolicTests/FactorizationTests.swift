import Exact
import Testing
@testable import Symbolic

/// Factorisation over Q (`Polynomial.factorization`) through `Expr.factored()`.
@Suite struct FactorizationTests {
    static let cases: [(String, String)] = [
        ("x^2 - y^2", "(x - y)*(x + y)"),
        ("x^2 - 1", "(x - 1)*(x + 1)"),
        ("x^3 - y^3", "(x - y)*(x^2 + x*y + y^2)"),
        ("x^3 + y^3", "(x + y)*(x^2 - x*y + y^2)"),
        ("x^4 - y^4", "(x - y)*(x + y)*(x^2 + y^2)"),
        ("2*x^4 - 2", "2*(x - 1)*(x + 1)*(x^2 + 1)"),
        ("x^4 + 4", "(x^2 - 2*x + 2)*(x^2 + 2*x + 2)"),
        ("x^6 - 1", "(x - 1)*(x + 1)*(x^2 - x + 1)*(x^2 + x + 1)"),
        ("6*x^2 + 5*x + 1", "(2*x + 1)*(3*x + 1)"),
        ("x^2/4 - 1/9", "(3*x - 2)*(3*x + 2)/36"),
        ("x^2 + 3*x*y + 2*y^2", "(x + y)*(x + 2*y)"),
        ("x^2*y - y + x^2 - 1", "(x - 1)*(x + 1)*(y + 1)"),
        ("a^2*x^2 - b^2", "(a*x - b)*(a*x + b)"),
        ("x^2 - y^2 - 2*y - 1", "(x - y - 1)*(x + y + 1)"),
        ("(x^2 + y + 1)*(x^2 - y)", "(x^2 - y)*(x^2 + y + 1)"),
        ("(x + y + z)*(x - 2*z)*(y + 3)", "(x - 2*z)*(y + 3)*(x + y + z)"),
        ("x^3 - x", "x*(x - 1)*(x + 1)"),
        ("(x^2 - 1)^2*(x + 2)", "(x - 1)^2*(x + 1)^2*(x + 2)"),
        ("(x^2 - y^2)/(x^3 + y^3)", "(x - y)/(x^2 - x*y + y^2)"),
        // 35 terms multiplied out: beyond the rewriter's 24, within factor's 160.
        ("(x + y + z + 1)*(x - y + 2*z - 3)*(x + 2*y - z + 4)*(2*x + y + z)",
         "(x + y + z + 1)*(x - y + 2*z - 3)*(x + 2*y - z + 4)*(2*x + y + z)"),
        ("(x + y + z + 1)^2*(x - y + 2*z - 3)*(x*y + z^2 + 5)", "(x + y + z + 1)^2*(x - y + 2*z - 3)*(x*y + z^2 + 5)"),
    ]

    @Test(arguments: cases)
    func factorsOverTheRationals(_ input: String, _ expected: String) throws {
        let e = try Expr(parsing: input)
        let result = e.factored()
        #expect(result == (try Expr(parsing: expected)), "factor(\(input)) = \(result)")
        for point in [["x": 0.7, "y": -1.3, "z": 2.1, "a": 0.4, "b": 1.9], ["x": -2.2, "y": 0.3, "z": -0.6, "a": 3.1, "b": -0.8]] {
            #expect(close(e.evaluate(point), result.evaluate(point), tolerance: 1e-9))
        }
    }

    /// Irreducible polynomials stay as they are (the searches prove it for these).
    @Test(arguments: ["x^2 + 1", "x^2 + y^2", "x^2 - 2", "x^4 + 1", "x^2 + y^2 + 1", "x^3 + x + 1", "x*y - 1"])
    func irreduciblePolynomialsStay(_ input: String) throws {
        let e = try Expr(parsing: input)
        #expect(e.factored() == e)
    }

    /// Large inputs give up within the budget instead of running long.
    @Test func largeInputsStayBounded() throws {
        let e = try Expr(parsing: "(x + 2*y + 3*z + 4)^7 - 1")
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = e.factored() }
        #expect(elapsed < .seconds(5))
    }

    @Test func integerDivisors() {
        #expect(BigInteger(-12).positiveDivisors() == [1, 2, 3, 4, 6, 12].map { BigInteger($0) })
        #expect(BigInteger(1).positiveDivisors() == [BigInteger(1)])
        #expect(BigInteger(0).positiveDivisors() == nil)
        #expect(BigInteger(97).positiveDivisors() == [1, 97].map { BigInteger($0) })
    }
}
