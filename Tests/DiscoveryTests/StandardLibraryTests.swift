@testable import Discovery
import Symbolic
import Testing

/// `library/std.kan` is the one definition of the standard library: `FunctionLibrary.standard`
/// is its declarations, read here (KanLang runs the same text; KanLangTests check both agree).
@Suite struct StandardLibraryTests {
    @Test func theStandardLibraryIsTheFilesDeclarations() throws {
        let declarations = try StandardLibrary.declarations(in: StandardLibrary.source)
        #expect(declarations.count == 30)
        let library = FunctionLibrary.standard
        #expect(library.names == declarations.map(\.name))
        #expect(library.primitives.map(\.cost) == declarations.map(\.cost))
        #expect(library.primitives.map(\.expression) == declarations.map(\.expression))
        #expect(library.names.prefix(3) == ["x", "x^2", "x^3"])
        #expect(library["x^1.5"]?.expression == Expr.power(.symbol("x"), Expr(3) / Expr(2)))
        #expect(library["gaussian"]?.cost == 3)
    }

    @Test func everyStandardPrimitiveHasAHandWrittenKernel() {
        for primitive in FunctionLibrary.standard.primitives {
            #expect(NumericPrimitive.kernel(for: primitive.expression) != nil, "\(primitive.name)")
        }
    }

    @Test func everyStandardExpressionHasItsHandWrittenNumericForm() {
        // The kernels know periodicity; an inferred form would not.
        #expect(FunctionLibrary.standard["sin"]?.numeric.periodicity == NumericPrimitive.sine.periodicity)
        #expect(FunctionLibrary.standard["tan"]?.numeric.domain == NumericPrimitive.tangent.domain)
    }

    @Test func declarationsAreReadWithTheirNamesQuotedOrNot() throws {
        let source = """
            # a comment

            primitive softplus = log(1 + exp(x)) cost 4
              primitive "1/x" =1/x cost 2
            """
        let declarations = try StandardLibrary.declarations(in: source)
        #expect(declarations.map(\.name) == ["softplus", "1/x"])
        #expect(declarations.map(\.cost) == [4, 2])
        #expect(declarations.map(\.line) == [3, 4])
        #expect(declarations[1].expression == Expr(1) / .symbol("x"))
    }

    @Test(arguments: [
        ("let y = 2", "expected a primitive declaration"),
        ("primitive f = x", "expected 'cost N'"),
        ("primitive f = x cost two", "not a whole number"),
        ("primitive f x cost 1", "expected '='"),
        ("primitive \"f = x cost 1", "unterminated name"),
        ("primitive f = (x cost 1", "the expression of 'f'"),
    ])
    func malformedLinesAreRefusedWithTheirLine(line: String, message: String) {
        #expect {
            try StandardLibrary.declarations(in: "# first\n" + line)
        } throws: { error in
            guard let error = error as? StandardLibrary.ReadError else { return false }
            return error.line == 2 && error.message.contains(message)
        }
    }
}
