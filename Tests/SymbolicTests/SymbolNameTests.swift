import Exact
import Testing
@testable import Symbolic

/// Names with units and spaces (CSV headers such as `m (kg)`) stay valid in every format,
/// and constants far below 1 print in scientific notation.
@Suite struct SymbolNameTests {
    let m = Expr.symbol("m (kg)"), v = Expr.symbol("v (m/s)")

    @Test func namesWithUnitsInEveryFormat() throws {
        let energy = m * pow(v, 2) / 2
        #expect(energy.text == "`m (kg)`*`v (m/s)`^2/2")
        #expect(energy.sympy == "Symbol('m (kg)')*Symbol('v (m/s)')**2/2")
        #expect(energy.latex == "\\frac{\\mathrm{m\\ (kg)} \\mathrm{v\\ (m/s)}^{2}}{2}")
        #expect(try Expr(parsing: energy.text) == energy)
    }

    @Test func namesThatAreNotIdentifiers() throws {
        for name in ["my var", "2x", "a-b", "x`y", "back\\slash", "pi", "e", "sin", "nan", "100%"] {
            let expr = Expr.symbol(name) * Expr.symbol("t") + 1
            #expect(try Expr(parsing: expr.text) == expr, "\(name): \(expr.text)")
        }
        #expect(Expr.symbol("2x").text == "`2x`")
        #expect(Expr.symbol("x`y").text == "`x\\`y`")
        #expect(Expr.symbol("it's").sympy == "Symbol('it\\'s')")
        #expect(Expr.symbol("100% & #1").latex == "\\mathrm{100\\%\\ \\&\\ \\#1}")
        #expect(Expr.symbol("a_b c").latex == "\\mathrm{a\\_b\\ c}")
    }

    @Test func identifiersStayBare() throws {
        #expect(Expr.symbol("θ").text == "θ")
        #expect(try Expr(parsing: "2*θ + Δt") == 2 * Expr.symbol("θ") + Expr.symbol("Δt"))
        #expect(Expr.symbol("x_1").sympy == "x_1")
        #expect(Expr.symbol("lambda").sympy == "Symbol('lambda')")
    }

    @Test func quotedNameErrors() {
        #expect(throws: ParseError.self) { try Expr(parsing: "`m (kg)") }
        #expect(throws: ParseError.self) { try Expr(parsing: "``*x") }
    }

    @Test func constantsFarBelowOneInScientificNotation() throws {
        let g = q(6674, 100_000_000_000_000)
        let law = g * Expr.symbol("m1") * Expr.symbol("m2") / pow(Expr.symbol("r"), 2)
        #expect(law.text == "6.674e-11*m1*m2/r^2")
        #expect(law.sympy == "6.674e-11*m1*m2/r**2")
        #expect(law.latex == "\\frac{6.674 \\times 10^{-11} m_{1} m_{2}}{r^{2}}")
        #expect(try Expr(parsing: law.text) == law)
        #expect(q(-1, 100_000).text == "-1e-5")
        #expect(q(-1, 100_000).latex == "- 10^{-5}")
        #expect((x + q(-3, 200_000)).text == "x - 1.5e-5")
        // Down to 10^-4 a decimal reads well.
        #expect(q(1, 10_000).text == "0.0001")
        #expect(q(-31831, 100000).text == "-0.31831")
    }
}
