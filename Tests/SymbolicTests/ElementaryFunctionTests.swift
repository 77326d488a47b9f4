import Symbolic
import Testing

/// One table of elementary functions: every built-in `Expr.Function` and `sqrt`, each
/// computing what the expression it builds evaluates to.
@Suite struct ElementaryFunctionTests {
    @Test func theTableIsTheBuiltInFunctionsAndSquareRoot() {
        let names = Set(ElementaryFunction.all.map(\.name))
        #expect(names == Set(Expr.Function.builtins.map(\.name) + ["sqrt"]))
        #expect(names.count == ElementaryFunction.all.count)
        #expect(ElementaryFunction.named("atan2") == nil)
    }

    @Test func aValueIsWhatItsExpressionEvaluatesTo() {
        for function in ElementaryFunction.all {
            let expression = function.applied(to: .symbol("x"))
            for x in [-2.5, -1, -0.5, 0, 0.25, 0.9, 3, .nan] {
                let value = function.value(x), evaluated = expression.evaluate(["x": x])
                #expect(value == evaluated || (value.isNaN && evaluated.isNaN), "\(function.name)(\(x))")
            }
        }
        #expect(ElementaryFunction.named("sqrt")?.applied(to: Expr(4)) == Expr(2))
        #expect(ElementaryFunction.named("sign")?.value(.nan).isNaN == true)
    }
}
