import Exact
import Testing
@testable import Symbolic

@Suite struct PrinterTests {
    let x1 = Expr.symbol("x1"), x2 = Expr.symbol("x2")

    @Test func textForm() {
        #expect(Expr.exp(pow(x2, 2) + Expr.sin(.pi * x1)).text == "exp(x2^2 + sin(pi*x1))")
        #expect((x / y).text == "x/y")
        #expect((x - y).text == "x - y")
        #expect((-x).text == "-x")
        #expect(Expr.sqrt(x).text == "sqrt(x)")
        #expect((1 / Expr.sqrt(x)).text == "1/sqrt(x)")
        #expect(Expr.power(x, Rational.threeHalves).text == "x^(3/2)")
        #expect((2 * x / (3 * pow(y, 2))).text == "2*x/(3*y^2)")
        #expect((-x / 2).text == "-x/2")
        #expect(q(-3, 4).text == "-3/4")
        #expect((x + q(1, 2)).text == "x + 1/2")
        #expect(((x + 1) * y).text == "y*(x + 1)")
        #expect(Expr.e.text == "e")
        #expect(Expr.undefined.text == "nan")
        #expect(Expr.function("f", x, y).text == "f(x, y)")
        #expect(pow(x + 1, -2).text == "1/(x + 1)^2")
        #expect(Expr.sqrt(pow(x, 2)).text == "sqrt(x^2)")
        #expect(pow(Expr.sin(x), 2).text == "sin(x)^2")
    }

    @Test func latexForm() {
        #expect(Expr.exp(pow(x2, 2) + Expr.sin(.pi * x1)).latex
            == "e^{x_{2}^{2} + \\sin{\\left(\\pi x_{1} \\right)}}")
        #expect((x / y).latex == "\\frac{x}{y}")
        #expect(Expr.sqrt(x).latex == "\\sqrt{x}")
        #expect(Expr.power(x, Rational.third).latex == "\\sqrt[3]{x}")
        #expect(Expr.power(x, Rational.threeHalves).latex == "x^{\\frac{3}{2}}")
        #expect((x - y).latex == "x - y")
        #expect((-x / 2).latex == "- \\frac{x}{2}")
        #expect(pow(x + 1, 2).latex == "\\left(x + 1\\right)^{2}")
        #expect(pow(Expr.sin(x), 2).latex == "\\sin^{2}{\\left(x \\right)}")
        #expect(Expr.abs(x).latex == "\\left|{x}\\right|")
        #expect(Expr.asin(x).latex == "\\operatorname{asin}{\\left(x \\right)}")
        #expect(Expr.symbol("alpha").latex == "\\alpha")
        #expect(Expr.function("f", x, y).latex == "f{\\left(x,y \\right)}")
        #expect(q(3, 4).latex == "\\frac{3}{4}")
        #expect(q(-3, 4).latex == "- \\frac{3}{4}")
        #expect(Expr(-4).latex == "-4")
        #expect((2 * Expr.sqrt(3)).latex == "2 \\sqrt{3}")
    }

    @Test func sympyForm() {
        #expect(Expr.exp(pow(x2, 2) + Expr.sin(.pi * x1)).sympy == "exp(x2**2 + sin(pi*x1))")
        #expect(q(1, 3).sympy == "Rational(1, 3)")
        #expect((x / 3).sympy == "x/3")
        #expect(Expr.power(x, Rational.threeHalves).sympy == "x**Rational(3, 2)")
        #expect(Expr.sqrt(x).sympy == "sqrt(x)")
        #expect(Expr.abs(x).sympy == "Abs(x)")
        #expect(Expr.e.sympy == "E")
        #expect(Expr.symbol("lambda").sympy == "Symbol('lambda')")
        #expect((3 - 6 * x).sympy == "3 - 6*x")
    }

    @Test func printersAgreeOnTermOrder() {
        #expect((3 - 6 * x).text == "3 - 6*x")
        #expect((pow(x, 2) + 2 * x + 1).text == "x^2 + 2*x + 1")
        #expect((pow(x, 2) + 2 * x + 1).latex == "x^{2} + 2 x + 1")
        #expect((pow(x, 2) + 2 * x + 1).sympy == "x**2 + 2*x + 1")
        #expect((x - pow(x, 3)).text == "-x^3 + x" || (x - pow(x, 3)).text == "x - x^3")
        #expect((-x - y).text == "-x - y")
    }
}

@Suite struct ParserTests {
    @Test func readsOrdinaryFormulas() {
        #expect(p("exp(sin(pi*x) + y^2)") == Expr.exp(Expr.sin(.pi * x) + pow(y, 2)))
        #expect(p("x ** 2") == pow(x, 2))
        #expect(p("-x^2") == -pow(x, 2))
        #expect(p("2^-1") == q(1, 2))
        #expect(p("2^3^2") == 512)
        #expect(p("0.125") == q(1, 8))
        #expect(p("1.5e-3") == q(3, 2000))
        #expect(p("sqrt(x)") == Expr.sqrt(x))
        #expect(p("e^x") == Expr.exp(x))
        #expect(p("f(x, y) + 1") == Expr.function("f", x, y) + 1)
        #expect(p("1/0") == .undefined)
        #expect(p(" x -  - y ") == x + y)
        #expect(p("3*(x-1)^2 - 3*x^2").simplified() == 3 - 6 * x)
    }

    @Test func reportsLocatedErrors() {
        func error(_ text: String) -> ParseError? {
            do { _ = try Expr(parsing: text); return nil } catch { return error }
        }
        #expect(error("sin(x")?.column == 6)
        #expect(error("x + ")?.column == 5)
        #expect(error("x $ y")?.column == 3)
        #expect(error("sin x")?.column == 5)
        #expect(error("sin(x, y)")?.message == "'sin' takes 1 argument, not 2")
        #expect(error("(x))")?.column == 4)
        #expect(error("")?.column == 1)
        #expect(error("f()") != nil)
        #expect(error("1e99999") != nil)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 100_000) + "x" + String(repeating: ")", count: 100_000)
        #expect(throws: ParseError.self) { try Expr(parsing: deep) }
        // Leading signs are read iteratively, so any number of them is fine.
        #expect(p(String(repeating: "-", count: 100_001) + "x") == -x)
        #expect(throws: ParseError.self) { try Expr(parsing: "x*" + String(repeating: "-", count: 100_000) + "x") }
        #expect(throws: ParseError.self) { try Expr(parsing: String(repeating: "x^", count: 100_000) + "x") }
        #expect(throws: ParseError.self) { try Expr(parsing: String(repeating: "sin(", count: 100_000)) }
        let fine = String(repeating: "(", count: 50) + "x" + String(repeating: ")", count: 50)
        #expect(p(fine) == x)
    }
}

@Suite struct LatexFractionTests {
    @Test func loneFactorsInFractionsHaveNoParentheses() {
        #expect((x / (x + 1)).latex == "\\frac{x}{x + 1}")
        #expect(((x + 1) / y).latex == "\\frac{x + 1}{y}")
        #expect((x / (y * (x + 1))).latex == "\\frac{x}{y \\left(x + 1\\right)}")
    }
}

@Suite struct RoundTripTests {
    @Test func divisorsWithCoefficientsRoundTrip() {
        let e = Expr.product([q(2, 3), x, Expr.power(x - 4, Rational(-1))])
        #expect(e.text == "2*x/(3*(x - 4))")
        #expect(p(e.text) == e)
        #expect(p("1/(x*y)^(1/3)") == Expr.power(x * y, -Rational.third))
        #expect(p("1/(x/(y + 1))") == (y + 1) / x)
    }
}

extension RoundTripTests {
    @Test func negatedSumFactorsRoundTrip() {
        let e = Expr.product([q(-1, 2), Expr.power(x, Rational(-1)), x - 4])
        #expect(e.text == "-(x - 4)/(2*x)")
        #expect(p(e.text) == e)
        #expect(p("-(x + 1)") == -x - 1)
        #expect(p("--x") == x)
    }
}

@Suite struct DecimalFormTests {
    /// 206749/100000, a constant fitted to data and kept to six digits.
    let fitted = q(206749, 100000)

    @Test func fittedConstantsPrintAsDecimals() {
        #expect(fitted.text == "2.06749")
        #expect(fitted.latex == "2.06749")
        #expect(fitted.sympy == "2.06749")
        #expect((-fitted).text == "-2.06749")
        #expect((-fitted).latex == "- 2.06749")
        #expect((fitted * x).text == "2.06749*x")
        #expect((fitted * x / y).text == "2.06749*x/y")
        #expect((fitted * x).latex == "2.06749 x")
        #expect((fitted * x).sympy == "2.06749*x")
        #expect((x - fitted * y).text == "x - 2.06749*y")
        #expect((x + q(-31831, 100000)).text == "x - 0.31831")
        #expect(q(1, 1000).text == "0.001")
        #expect(Expr.exp(q(-3, 1250) * x).text == "exp(-0.0024*x)")
    }

    @Test func exactFractionsStayFractions() {
        // Not terminating, or a denominator of at most 100 (what snapping produces), or a
        // decimal longer than the fraction.
        #expect(q(1, 3).text == "1/3")
        #expect(q(3, 8).text == "3/8")
        #expect(q(7, 20).text == "7/20")
        #expect(q(13, 100).text == "13/100")
        #expect(q(1, 1024).text == "1/1024")
        #expect(q(1, 3).sympy == "Rational(1, 3)")
        #expect((x / 2).text == "x/2")
        #expect(q(3, 4).latex == "\\frac{3}{4}")
        #expect((try? Rational(206749, 100000))?.decimalForm == "2.06749")
        #expect((try? Rational(1, 3))?.decimalForm == nil)
        #expect(Rational(5).decimalForm == nil)
    }

    @Test func decimalsReadBackExactly() throws {
        for e in [fitted * x, -fitted, x + q(-31831, 100000), Expr.exp(q(-3, 1250) * x), q(1, 1000) * y / x] {
            #expect(try Expr(parsing: e.text) == e, "\(e.text)")
        }
    }
}
