import Testing
@testable import KanLang
@testable import KanLangCore

@Suite("Symbolic values")
struct SymbolicTests {
    func show(_ code: String) -> String {
        output(of: "symbols x, y\nprint(\(code))").trimmingCharacters(in: .newlines)
    }

    @Test func naturalNotation() {
        #expect(show("exp(sin(pi*x) + y^2)") == "exp(y^2 + sin(pi*x))")
        #expect(show("x - y") == "x - y")
        #expect(show("-x^2") == "-x^2")
        #expect(show("x/y") == "x/y")
        #expect(show("x/(2*y)") == "x/(2*y)")
        #expect(show("(x + 1)^2") == "(x + 1)^2")
        #expect(show("x^y^2") == "exp(y^2*log(x))")  // a symbolic exponent is exp(b*log(a))
        #expect(show("(x^y)^2") == "exp(2*y*log(x))")
        #expect(show("sqrt(x)") == "sqrt(x)")
        #expect(show("2*pi*x") == "2*pi*x")
        #expect(show("x + 0") == "x")
        #expect(show("1*x") == "x")
        #expect(show("0*x") == "0")
        #expect(show("x^0") == "1")
        #expect(show("x + 1 + 2") == "x + 3")
        #expect(show("-(x - y)") == "y - x")
    }

    @Test func numbersBecomeExact() {
        #expect(show("1/3*x") == "x/3")
        #expect(show("2*x/3") == "2*x/3")
        #expect(show("0.1*x") == "x/10")
        #expect(show("2.5*x") == "5*x/2")
        #expect(show("(1/3 + 1/6)*x") == "x/2")
        #expect(show("sqrt(2)*x") == "sqrt(2)*x")
        #expect(show("sqrt(4)*x") == "2*x")
        #expect(output(of: "let a = 1/3\nprint(a)\nsymbols x\nprint(a*x)") == "0.3333333333333333\nx/3\n")
    }

    @Test func evaluationAndInspection() {
        #expect(output(of: """
            symbols x, y
            let f = x^2 + 3*y
            print(type(f), evaluate(f, {x: 2, y: 1}), free_symbols(f))
            print(evaluate(sin(x), {x: 0}), num(2*pi - 2*pi))
            fn square(v) { return v * v }
            print(square(x + 1), square(3))
            print(f == x^2 + 3*y, f == x)
            let z = symbol("z")
            print(z^2)
            """) == "expression 7 [\"x\", \"y\"]\n0 0\n(x + 1)^2 9\ntrue false\nz^2\n")
        #expect(errorMessage(of: "symbols x\nevaluate(x + 1)") == "no value for the symbol 'x'")
        #expect(errorMessage(of: "symbols x\nnum(x)") == "the expression has the free symbol 'x'")
        #expect(errorMessage(of: "symbols x\nx / 0") == "division of an expression by zero")
        #expect(errorMessage(of: "symbols x\nx < 1") == "cannot compare expression and number with '<'")
        #expect(errorMessage(of: "symbols x\nx % 2") == "operator '%' cannot be applied to expression and number")
    }

    @Test func deepExpressionsAreRefused() {
        let text = output(of: "symbols x\nlet f = x\nfor i in range(1000) { f = sin(f) }")
        #expect(text.contains("error: expression too deep (more than 400 levels)"))
    }

    @Test func primitivesAreRecorded() throws {
        let capture = OutputCapture()
        let interpreter = makeInterpreter(capture)
        try interpreter.run(source: """
            primitive gauss = exp(-x^2) cost 3
            primitive sq = x^2
            primitive sq = x*x cost 1
            print(library())
            library_remove("gauss")
            print(len(library()))
            """, fileName: "lib.kan")
        #expect(capture.text == "[{name: \"gauss\", expression: \"exp(-x^2)\", cost: 3}, {name: \"sq\", expression: \"x^2\", cost: 1}]\n1\n")
        #expect(interpreter.primitives.map(\.name) == ["sq"])
        #expect(interpreter.primitives[0].text == "x*x")
        #expect(errorMessage(of: "symbols y\nprimitive p = x*y") == "a primitive may use only the variable x, not 'y'")
        #expect(errorMessage(of: "primitive p = \"text\"") == "a primitive must be an expression in x, got string")
    }

    @Test func primitiveHookReceivesDeclarations() throws {
        let interpreter = makeInterpreter(OutputCapture())
        nonisolated(unsafe) var received: [String] = []
        interpreter.primitiveHook = { declaration throws(KanError) in
            if declaration.name == "bad" { throw KanError("rejected by the library") }
            received.append("\(declaration.name)=\(declaration.expressionText)@\(declaration.cost)")
        }
        try interpreter.run(source: "primitive s = sin(x) cost 2", fileName: "t.kan")
        #expect(received == ["s=sin(x)@2.0"])
        #expect(throws: Diagnostics.self) { try interpreter.run(source: "primitive bad = x", fileName: "t.kan") }
        do {
            try interpreter.run(source: "\nprimitive bad = x", fileName: "t.kan")
        } catch {
            #expect(error.rendered.hasPrefix("t.kan:2:1: error: rejected by the library"))
        }
    }
}
