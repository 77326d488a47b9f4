import KanLangCore
import Testing

/// A host with nothing of the pipeline: it records what the core hands it.
final class RecordingHost: InterpreterHost {
    var declarations: [PrimitiveDeclaration] = []
    var removed: [String] = []
    var standardLibrary: StandardLibrarySource?
    var builtinGroups: [any BuiltinGroup.Type] = []
    /// Applied to every builtin's result.
    var resultRule: (Value) -> Value = { $0 }

    func addPrimitive(_ declaration: PrimitiveDeclaration) throws(KanError) {
        if declaration.name == "refused" { throw KanError("the library refuses it") }
        declarations.removeAll { $0.name == declaration.name }
        declarations.append(declaration)
    }

    func removePrimitive(named name: String) -> Bool {
        removed.append(name)
        let count = declarations.count
        declarations.removeAll { $0.name == name }
        return declarations.count != count
    }

    func builtinResult(_ result: Value, of builtin: Builtin, call: BuiltinCall) -> Value { resultRule(result) }
}

/// One builtin, `seven()`, to see the host's groups registered and its result rule applied.
enum SevenBuiltins: BuiltinGroup {
    static var builtins: [Builtin] {
        [Builtin("seven", group: "test", doc: "7.") { _ in .number(Double(7)) }]
    }
}

/// The language's core runs with any `InterpreterHost`: what it needs of the pipeline comes
/// from the host, and nothing else.
@Suite("Interpreter host")
struct InterpreterHostTests {
    @Test func theCoreRunsWithoutThePipeline() throws {
        let interpreter = Interpreter(host: RecordingHost())
        #expect(try interpreter.evaluateLine("fn f(a) { a * 2 }\nf(3) + 1")?.description == "7")
        #expect(try interpreter.evaluateLine("symbols x\nx + x")?.description == "2*x")
        // No builtin comes from anywhere but the host.
        #expect(interpreter.registry.names.isEmpty)
        #expect(throws: Diagnostics.self) { try interpreter.evaluateLine("print(1)") }
    }

    @Test func builtinsAndTheirResultsGoThroughTheHost() throws {
        let host = RecordingHost()
        host.builtinGroups = [SevenBuiltins.self]
        host.resultRule = { value in
            guard case .number(let number) = value else { return value }
            return .number(number.value * 2)
        }
        let interpreter = Interpreter(host: host)
        #expect(interpreter.registry.names == ["seven"])
        #expect(try interpreter.evaluateLine("seven() + 1")?.description == "15")
    }

    @Test func primitivesGoToTheHostsLibrary() throws {
        let host = RecordingHost()
        let interpreter = Interpreter(host: host)
        try interpreter.run(source: "primitive sq = x*x cost 1\nprimitive g = 1/(1 + x^2)", fileName: "lib.kan")
        #expect(host.declarations.map(\.name) == ["sq", "g"])
        #expect(host.declarations.map(\.cost) == [1, PrimitiveDeclaration.defaultCost])
        #expect(interpreter.primitives.map(\.expressionText) == ["x^2", "1/(x^2 + 1)"])
        #expect(interpreter.removePrimitive(named: "sq"))
        #expect(host.removed == ["sq"])
        #expect(interpreter.primitives.map(\.name) == ["g"])
    }

    @Test func theHostsRefusalIsLocatedAtTheExpression() {
        let host = RecordingHost()
        let interpreter = Interpreter(host: host)
        do {
            try interpreter.run(source: "\nprimitive refused = x", fileName: "t.kan")
            Issue.record("the refused primitive was accepted")
        } catch {
            #expect(error.rendered.hasPrefix("t.kan:2:21: error: the library refuses it"))
        }
        #expect(host.declarations.isEmpty)
        #expect(interpreter.primitives.isEmpty)
    }

    @Test func theLanguagesOwnRulesComeBeforeTheHost() {
        let host = RecordingHost()
        let interpreter = Interpreter(host: host)
        #expect(throws: Diagnostics.self) { try interpreter.run(source: "primitive p = x cost 1.5", fileName: "t.kan") }
        #expect(throws: Diagnostics.self) { try interpreter.run(source: "symbols y\nprimitive p = x*y", fileName: "t.kan") }
        #expect(host.declarations.isEmpty)
    }

    @Test func theStandardLibraryIsTheHostsAndRunsOnce() throws {
        let host = RecordingHost()
        host.standardLibrary = StandardLibrarySource(fileName: "std.kan", source: "primitive one = x cost 1\n")
        let interpreter = Interpreter(host: host)
        try interpreter.runStandardLibrary()
        try interpreter.runStandardLibrary()
        // A script importing it by name, with no such file around, finds the one already run.
        try interpreter.run(source: "import \"std.kan\"", fileName: "/nonexistent/script.kan")
        #expect(host.declarations.map(\.name) == ["one"])

        let fresh = Interpreter(host: host)
        try fresh.run(source: "import \"std.kan\"", fileName: "/nonexistent/script.kan")
        #expect(fresh.primitives.map(\.name) == ["one"])
    }

    @Test func withoutAStandardLibraryThereIsNothingToImport() throws {
        let interpreter = Interpreter(host: RecordingHost())
        try interpreter.runStandardLibrary()
        #expect(interpreter.primitives.isEmpty)
        #expect(throws: Diagnostics.self) {
            try interpreter.run(source: "import \"std.kan\"", fileName: "/nonexistent/script.kan")
        }
    }
}
