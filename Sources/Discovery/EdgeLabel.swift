import Exact
import KAN
import Symbolic

/// A symbolic edge's function c·f(a·x + b) + d as an expression, and the label a network
/// diagram draws beside the edge: that expression printed by `TextPrinter`.
///
///     EdgeLabel.expression(function: "x^2", a: 2, b: -1, c: 0.5, d: 0.25, variable: "x", library: .standard)
///     // (2*x - 1)^2/2 + 1/4
///
/// f is written out from the library when it has the primitive (`(2*x - 1)^2`), else applied
/// by name (`f(-x)`). The constants keep four significant digits (what a label has room for)
/// as exact decimals, so the printers write them as such (`3.142*x1`), and an offset below
/// 10⁻⁴ of its scale (b of a, d of c) is dropped: it would not show in four digits, and
/// training leaves such residues (`sin(3.142*x1 + 2.3e-11)`). The expression is canonical, so
/// unit factors and zero terms vanish as in any formula. `kan discover --plot` and KanLang's
/// `plot` and `plot_edge` label edges with it.
public enum EdgeLabel {
    /// The significant digits of a label's constants.
    public static let significantDigits = 4

    /// c·f(a·x + b) + d in the symbol `variable`, f the library's primitive `function`.
    public static func expression(
        function name: String, a: Double, b: Double, c: Double, d: Double, variable: String, library: FunctionLibrary
    ) -> Expr {
        let b = Swift.abs(b) < 1e-4 * Swift.abs(a) ? 0 : b
        let d = Swift.abs(d) < 1e-4 * Swift.abs(c) ? 0 : d
        let argument = constant(a) * Expr.symbol(variable) + constant(b)
        let f = library[name]?.applied(to: argument) ?? Expr.apply(.named(name), argument)
        return constant(c) * f + constant(d)
    }

    /// The label of edge `edge` of `network`: its function printed as text, followed by
    /// `+ spline` for a mixed edge; nil for a spline edge. `inputName` names the edge's input
    /// (a variable, for the first layer); the default is `x`.
    public static func text(
        _ network: Network, _ edge: EdgeLocation, inputName: String?, library: FunctionLibrary
    ) -> String? {
        guard let symbolic = try? network.symbolicEdge(layer: edge.layer, input: edge.input, output: edge.output) else {
            return nil
        }
        let function = expression(function: symbolic.function.name, a: symbolic.a, b: symbolic.b, c: symbolic.c,
                                  d: symbolic.d, variable: inputName ?? Primitive.variable, library: library)
        let text = TextPrinter().print(function)
        // A mixed edge adds its residual spline to the function.
        let mixed = (try? network.isMixed(layer: edge.layer, input: edge.input, output: edge.output)) ?? false
        return mixed ? text + " + spline" : text
    }

    /// `value` rounded to `significantDigits`, exact; undefined (printed `nan`) when not finite.
    static func constant(_ value: Double) -> Expr {
        Rational.decimal(value, significantDigits: significantDigits).map(Expr.number) ?? .undefined
    }
}
