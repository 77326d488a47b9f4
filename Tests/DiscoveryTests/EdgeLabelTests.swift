import Discovery
import Testing

/// Edge labels are expressions printed by the project's printers: four significant digits,
/// unit factors and negligible offsets gone, the primitive written out from the library.
@Suite struct EdgeLabelTests {
    func label(_ name: String, a: Double, b: Double, c: Double, d: Double, _ variable: String) -> String {
        EdgeLabel.expression(function: name, a: a, b: b, c: c, d: d, variable: variable, library: .standard).description
    }

    @Test func labels() {
        #expect(label("sin", a: 3.14159, b: 0, c: 1, d: 0, "u") == "sin(3.142*u)")
        #expect(label("x^2", a: 2, b: -1, c: 0.5, d: 0.25, "x") == "(2*x - 1)^2/2 + 1/4")
        #expect(label("exp", a: 1, b: 0.5, c: -1, d: -2, "v") == "-exp(v + 1/2) - 2")
        #expect(label("x", a: 1, b: 0, c: 2, d: 0, "v") == "2*v")
        #expect(label("f", a: -1, b: 0, c: 1, d: 0, "x") == "f(-x)")
        #expect(label("sin", a: 3.142, b: 2.3e-11, c: 0.4239, d: -0.2261, "x1") == "0.4239*sin(3.142*x1) - 0.2261")
    }
}
