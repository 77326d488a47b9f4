import Testing
@testable import KanLang
@testable import KanLangCore

/// The symbolic builtins on `Symbolic.Expr`: simplification, calculus, printers, parsing.
@Suite("Symbolic builtins")
struct SymbolicBuiltinTests {
    func show(_ code: String) -> String {
        output(of: "symbols x, y\nprint(\(code))").trimmingCharacters(in: .newlines)
    }

    func failure(_ code: String) -> String { errorMessage(of: "symbols x, y\n" + code) }

    @Test func simplifyAndExpand() {
        #expect(show("simplify((x + y)^2/4 - (x - y)^2/4)") == "x*y")
        #expect(show("simplify(x/(2*x))") == "1/2")
        #expect(show("expand((x + 1)^2)") == "x^2 + 2*x + 1")
        #expect(show("2*x + x") == "3*x")
        #expect(failure("simplify(\"x\")") == "simplify: argument 'expression' must be expression or formula, got string")
        #expect(failure("expand([x])") == "expand: argument 'expression' must be expression or formula, got list")
    }

    @Test func simplifyCancelsFactorsAndAppliesIdentities() {
        #expect(show("simplify((x^2 - y^2)/(x - y))") == "x + y")
        #expect(show("simplify(sin(x)^2 + cos(x)^2)") == "1")
        #expect(show("cancel(1/x + 1/y)") == "(x + y)/(x*y)")
        #expect(show("together(1/x + 1/y)") == "(x + y)/(x*y)")
        #expect(show("factor(x^2 + 2*x*y + y^2)") == "(x + y)^2")
        #expect(show("factor(2*x^3 - 4*x^2 + 2*x)") == "2*x*(x - 1)^2")
    }

    @Test func declaredSignsLetSimplifyUseThem() {
        #expect(show("simplify(sqrt(x^2))") == "abs(x)")
        #expect(output(of: "symbols x positive\nprint(simplify(sqrt(x^2)))").trimmingCharacters(in: .newlines) == "x")
        #expect(output(of: "symbols x, y positive\nprint(simplify(sqrt(x^2*y)))").trimmingCharacters(in: .newlines)
                == "x*sqrt(y)")
        // A plain redeclaration forgets the sign.
        #expect(output(of: "symbols x positive\nsymbols x\nprint(simplify(sqrt(x^2)))").trimmingCharacters(in: .newlines)
                == "abs(x)")
        #expect(errorMessage(of: "symbols x large").hasPrefix("expected ',', a sign (positive"))
    }

    @Test func differentiation() {
        #expect(show("diff(x^3, x)") == "3*x^2")
        #expect(show("diff(x^3, \"x\", n: 2)") == "6*x")
        #expect(show("diff(sin(x)*y, y)") == "sin(x)")
        #expect(show("diff(x^2, x, n: 0)") == "x^2")
        #expect(failure("diff(x^2, x + 1)") == "symbol must be a symbol")
        #expect(failure("diff(x^2, x, n: 99)") == "n must be between 0 and 20, got 99")
    }

    @Test func substitution() {
        #expect(show("subs(x^2 + y, {x: 3})") == "y + 9")
        #expect(show("subs(x*y, {x: y, y: x})") == "x*y")
        #expect(show("subs(x + y, {y: 1/3})") == "x + 1/3")
        #expect(failure("subs(x, {x: \"a\"})") == "the value for 'x' must be a number or an expression, got string")
    }

    @Test func printers() {
        #expect(show("text(x^2/3)") == "x^2/3")
        #expect(show("latex(sqrt(x)/2)") == "\\frac{\\sqrt{x}}{2}")
        #expect(show("sympy(x^2 + 1/3)") == "x**2 + Rational(1, 3)")
        #expect(show("text(1/3*x)") == "x/3")
        #expect(failure("latex(nil)") == "latex: argument 'expression' must be expression or formula, got nil")
    }

    @Test func parsing() {
        #expect(show("parse(\"exp(-x^2/2)\")") == "exp(-x^2/2)")
        #expect(show("parse(\"a*b\") == symbol(\"a\")*symbol(\"b\")") == "true")
        #expect(show("evaluate(parse(\"2*x\"), {x: 4})") == "8")
        #expect(failure("parse(\"x +\")").hasPrefix("cannot parse expression: column"))
    }

    @Test func symbolsAndFreeSymbols() {
        #expect(show("free_symbols(y*x + 1)") == "[\"x\", \"y\"]")
        #expect(show("free_symbols(2)") == "[]")
        #expect(failure("free_symbols(\"x\")") == "free_symbols: argument 'expression' must be expression or formula, got string")
        #expect(failure("symbol(\"1x\")") == "'1x' is not a valid symbol name")
        #expect(failure("text([])") == "text: argument 'expression' must be expression or formula, got list")
        #expect(failure("sympy(true)") == "sympy: argument 'expression' must be expression or formula, got boolean")
        #expect(failure("parse(1)") == "parse: argument 'text' must be string, got number")
    }

    @Test func evaluation() {
        #expect(show("evaluate(exp(sin(pi*x) + y^2), {x: 0, y: 0})") == "1")
        #expect(show("evaluate(3)") == "3")
        #expect(failure("evaluate(x + y, {x: 1})") == "no value for the symbol 'y'")
        #expect(failure("evaluate(x, {x: \"one\"})") == "the value of 'x' must be a number")
    }

    @Test func exactNumbersMeetSymbols() {
        #expect(show("1/3*x") == "x/3")
        #expect(show("0.1*x + 0.2*x") == "3*x/10")
        #expect(show("x*x") == "x^2")
        #expect(show("(x - x)") == "0")
        #expect(show("sin(2)*x") == "x*sin(2)")
        #expect(show("[atanh(0), atanh(x)]") == "[0, atanh(x)]")
        #expect(show("(1/3)^0.5*x") == "sqrt(3)*x/3")
    }
}
