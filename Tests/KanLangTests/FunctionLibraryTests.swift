import Discovery
import Foundation
import Symbolic
import Testing
@testable import KanLang
@testable import KanLangCore

/// The repository's folders, found from this file.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let library = root.appendingPathComponent("library")
    static let standardLibrary = library.appendingPathComponent("std.kan")
    static let examples = root.appendingPathComponent("scripts/examples")
}

/// An interpreter that has run `library/std.kan`, as `kan` sets one up.
func standardInterpreter(_ capture: OutputCapture = OutputCapture()) throws -> Interpreter {
    let interpreter = makeInterpreter(capture) { $0.libraryPaths = [Repository.library.path] }
    try interpreter.run(file: Repository.standardLibrary.path)
    return interpreter
}

/// Runs `source` after std.kan; returns what it printed, or the diagnostics after "ERROR\n".
func outputWithStandardLibrary(_ source: String) -> String {
    let capture = OutputCapture()
    do {
        let interpreter = try standardInterpreter(capture)
        try interpreter.run(source: source, fileName: "test.kan")
        return capture.text
    } catch let error as Diagnostics {
        return capture.text + "ERROR\n" + error.rendered
    } catch {
        return capture.text + "ERROR\n\(error)"
    }
}

@Suite("Function library")
struct FunctionLibraryTests {
    /// std.kan is read twice, by the interpreter (its `primitive` statements) and by
    /// `FunctionLibrary.standard` (`StandardLibrary.declarations`): both give one library.
    @Test func standardLibraryFileIsTheStandardLibrary() throws {
        let library = try standardInterpreter().functionLibrary
        let standard = FunctionLibrary.standard
        #expect(library.names == standard.names)
        for (declared, builtIn) in zip(library.primitives, standard.primitives) {
            #expect(declared.expression == builtIn.expression, "\(declared.name)")
            #expect(declared.cost == builtIn.cost, "\(declared.name)")
            // The hand-written numeric forms are reused for the standard expressions.
            #expect(declared.numeric.domain == builtIn.numeric.domain, "\(declared.name)")
            for u in [-0.7, 0.3, 1.9] where builtIn.numeric.value(u).isFinite {
                #expect(declared.numeric.value(u) == builtIn.numeric.value(u), "\(declared.name) at \(u)")
            }
        }
    }

    @Test func importingTheLoadedStandardLibraryAgainIsHarmless() throws {
        let capture = OutputCapture()
        let interpreter = try standardInterpreter(capture)
        try interpreter.run(source: "library_remove(\"tan\")\nimport \"std.kan\"\nprint(len(library()))", fileName: "t.kan")
        #expect(capture.text == "29\n")
        #expect(interpreter.functionLibrary["tan"] == nil)
    }

    @Test func declarationsBuildTheLibrary() throws {
        let interpreter = makeInterpreter(OutputCapture())
        try interpreter.run(source: """
            primitive gauss = exp(-x^2) cost 3
            primitive "x^2" = x^2
            primitive cube_root = x^(1/3) cost 4
            primitive "x^2" = x*x cost 1
            """, fileName: "t.kan")
        let library = interpreter.functionLibrary
        #expect(library.names == ["gauss", "x^2", "cube_root"])
        #expect(library["x^2"]?.cost == 1)
        #expect(library["gauss"]?.expression == .exp(-pow(.symbol("x"), 2)))
        #expect(library["cube_root"]?.numeric.value(8) ?? 0 == 2)
        #expect(interpreter.primitives.map(\.name) == ["gauss", "x^2", "cube_root"])
    }

    @Test func declarationErrorsAreLocated() {
        #expect(errorMessage(of: "primitive p = x cost 2.5") == "primitive 'p': cost must be a whole number from 0 to 1000000, got 2.5")
        #expect(errorMessage(of: "primitive p = sqrt(-1 - x^2)")
                == "primitive 'p': the expression is not finite anywhere on [-1, 1] or its domain")
        #expect(errorMessage(of: "symbols y\nprimitive p = x*y") == "a primitive may use only the variable x, not 'y'")
        #expect(errorMessage(of: "primitive = x") == "expected a primitive name (an identifier or a string) after 'primitive', found '='")
        let text = output(of: "let a = 1\nprimitive p = sqrt(-1 - x^2) cost 2")
        #expect(text.contains("test.kan:2:19: error: primitive 'p'"), "\(text)")
    }

    @Test func libraryBuiltins() {
        let text = output(of: """
            symbols x
            primitive s = sin(x)
            library_add("cube", x^3, 3)
            library_add("one", 1, 0)
            print(library())
            library_remove("s")
            print(map(library(), p -> p.name))
            """)
        #expect(text == """
            [{name: "s", expression: "sin(x)", cost: 2}, {name: "cube", expression: "x^3", cost: 3}, \
            {name: "one", expression: "1", cost: 0}]
            ["cube", "one"]

            """)
        #expect(errorMessage(of: "library_remove(\"nope\")") == "no primitive named 'nope'")
        #expect(errorMessage(of: "symbols x, y\nlibrary_add(\"p\", x*y)") == "a primitive may use only the variable x, not 'y'")
        #expect(errorMessage(of: "library_add(\" \", 1)") == "a primitive needs a name")
        #expect(errorMessage(of: "symbols x\nlibrary_add(\"p\", x, -1)")
                == "primitive 'p': cost must be a whole number from 0 to 1000000, got -1")
    }

    @Test func removingUpdatesTheLibrary() throws {
        let interpreter = try standardInterpreter()
        #expect(interpreter.functionLibrary.count == 30)
        try interpreter.run(source: "library_remove(\"sin\")", fileName: "t.kan")
        #expect(interpreter.functionLibrary.count == 29)
        #expect(interpreter.functionLibrary["sin"] == nil)
    }
}
