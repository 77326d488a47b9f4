import Foundation
import Testing
@testable import KanLang
@testable import KanLangCore

/// Every builtin, called with arguments of the wrong type, the wrong number of arguments,
/// and awkward values of the right type: a located error or a result, never a crash.
///
/// Driven by the registry, so a builtin added later is covered without a new test.
@Suite("Builtin arguments")
struct BuiltinArgumentTests {
    /// One value of each kind a parameter can ask for, as KanLang source, defined in
    /// `prelude`. The first one a parameter's type accepts is its ordinary argument.
    static let samples = ["\"s\"", "2", "1.5", "true", "[1, 2]", "{a: 1}", "len", "x", "d", "m", "f"]

    /// Defines the names the samples use: a tiny dataset (8 rows: too few for `discover`,
    /// which would otherwise run for its whole time limit), a trained model, a formula.
    static let prelude = """
        symbols x, y
        let d = dataset(sin(x), ranges: {x: [-1, 1]}, n: 8, seed: 1)
        let m = fix(train(kan([1, 1], grid: 3), d, steps: 2), 0, 0, 0, "sin")
        let f = formula(m)
        let one_row = dataset(x, ranges: {x: [0, 0]}, n: 1)
        let bare = kan([1, 1])

        """

    /// Awkward values of each type, for the calls that reach the builtin's body.
    static func awkward(for type: ParameterType, directory: String) -> [String] {
        switch type {
        case .any: ["nil", "0/0", "[[]]", "{}"]
        case .number: ["0", "-1", "0/0", "1/0", "-1/0", "1e300", "-1e-300"]
        case .integer: ["0", "-1", "2^53", "-(2^53)", "100000"]
        case .string: ["\"\"", "\"\\0\"", "\"/nonexistent-kan-folder/x\"", "\"\(directory)/é.out\""]
        case .boolean: ["false"]
        case .list: ["[]", "[0/0]", "[\"a\", nil]", "[[1, 2], [3]]", "[-1, 0]", "[100000, 100000]", "range(3)"]
        case .record: ["{}", "{x: \"a\"}", "{x: [1]}", "{x: [0/0, 1]}", "{x: [1, 1]}", "{y: [0, 1], x: [1, 0]}"]
        case .function: ["() -> 1", "(a) -> 0/0", "(a, b, c) -> a", "(a) -> error(\"boom\")", "str"]
        case .expression: ["1/x", "0/0", "log(x - x + 1) / (x - x)", "x^1000", "y", "exp(exp(exp(x)))"]
        case .opaque("dataset"): ["one_row", "d"]
        case .opaque("model"): ["bare", "m"]
        case .opaque("formula"): ["f"]
        case .opaque: []
        case .oneOf(let types): types.flatMap { awkward(for: $0, directory: directory) }
        }
    }

    /// An interpreter with std.kan and the prelude run, and the sample values by source text.
    static func setUp() throws -> (Interpreter, [String: Value]) {
        let interpreter = try standardInterpreter()
        try interpreter.run(source: prelude, fileName: "prelude.kan")
        var values: [String: Value] = [:]
        for sample in samples { values[sample] = try interpreter.evaluateLine("(" + sample + ")") }
        return (interpreter, values)
    }

    static var builtins: [Builtin] {
        let registry = BuiltinRegistry(groups: PipelineHost.builtinGroups)
        return registry.names.compactMap(registry.builtin(named:))
    }

    /// The first sample the type accepts.
    static func ordinary(_ type: ParameterType, _ values: [String: Value]) -> String? {
        samples.first { sample in values[sample].map(type.accepts) ?? false }
    }

    /// Runs one line; the diagnostics it reports (empty if it ran).
    static func diagnostics(_ interpreter: Interpreter, _ source: String) -> [Diagnostic] {
        do {
            _ = try interpreter.run(source: source, fileName: "call.kan")
            return []
        } catch {
            return error.items
        }
    }

    @Test(arguments: builtins.map(\.name))
    func wrongTypesAreLocatedErrors(name: String) throws {
        let (interpreter, values) = try Self.setUp()
        let builtin = try #require(interpreter.registry.builtin(named: name))
        var checked = 0
        for (index, parameter) in builtin.parameters.enumerated() {
            var before: [String] = []
            for earlier in builtin.parameters[..<index] {
                before.append(try #require(Self.ordinary(earlier.type, values), "\(name).\(earlier.name)"))
            }
            for wrong in Self.samples {
                let value = try #require(values[wrong])
                guard !parameter.type.accepts(value) else { continue }
                let prefix = "\(name)(" + before.map { $0 + ", " }.joined()
                let source = prefix + wrong + ")"
                let diagnostics = Self.diagnostics(interpreter, source)
                let expected = "\(name): argument '\(parameter.name)' must be \(parameter.type), got \(value.typeName)"
                #expect(diagnostics.map(\.message) == [expected], "\(source)")
                #expect(diagnostics.first?.location?.line == 1)
                #expect(diagnostics.first?.location?.column == prefix.unicodeScalars.count + 1, "\(source)")
                checked += 1
            }
        }
        if let variadic = builtin.variadic,
           let wrong = Self.samples.first(where: { values[$0].map { !variadic.type.accepts($0) } ?? false }) {
            let diagnostics = Self.diagnostics(interpreter, "\(name)(1, \(wrong))")
            #expect(diagnostics.first?.message.hasPrefix("\(name): arguments must be \(variadic.type), got ") == true)
            #expect(diagnostics.first?.location?.column == name.count + 5)
            checked += 1
        }
        // Only builtins that take anything at all may go unchecked.
        let takesAnything = (builtin.parameters.map(\.type) + [builtin.variadic?.type].compactMap { $0 })
            .allSatisfy { if case .any = $0 { true } else { false } }
        #expect(checked > 0 || takesAnything)
    }

    @Test(arguments: builtins.map(\.name))
    func wrongCountsAndLabelsAreLocatedErrors(name: String) throws {
        let (interpreter, values) = try Self.setUp()
        let builtin = try #require(interpreter.registry.builtin(named: name))
        let ordinary = try builtin.parameters.map { try #require(Self.ordinary($0.type, values)) }
        if builtin.variadic == nil {
            let count = builtin.parameters.count
            let prefix = "\(name)(" + ordinary.map { $0 + ", " }.joined()
            let diagnostics = Self.diagnostics(interpreter, prefix + "2)")
            #expect(diagnostics.map(\.message) == ["\(name) takes at most \(count) argument\(count == 1 ? "" : "s")"])
            #expect(diagnostics.first?.location?.column == prefix.unicodeScalars.count + 1)
        }
        if let required = builtin.parameters.first(where: { $0.defaultValue == nil }) {
            let diagnostics = Self.diagnostics(interpreter, "\(name)()")
            #expect(diagnostics.map(\.message) == ["\(name): missing argument '\(required.name)'; expected \(builtin.signature)"])
            #expect(diagnostics.first?.location?.column == name.count + 1)
        }
        let unknown = Self.diagnostics(interpreter, "\(name)(no_such_parameter: 1)")
        #expect(unknown.map(\.message) == ["\(name) has no parameter named 'no_such_parameter'"])
        if let first = builtin.parameters.first {
            let twice = Self.diagnostics(interpreter, "\(name)(\(ordinary[0]), \(first.name): \(ordinary[0]))")
            #expect(twice.map(\.message) == ["\(name): argument '\(first.name)' given twice"])
        }
    }

    /// Each parameter in turn gets every awkward value of its type, the others their
    /// ordinary sample. Whatever a builtin makes of NaN, an empty list or a one-row data
    /// set, it must answer with a value or a located error. A watchdog interrupts a call
    /// that runs long (training for 100000 steps), so the test cannot hang.
    @Test(arguments: builtins.map(\.name))
    func awkwardValuesGiveAValueOrALocatedError(name: String) throws {
        let (interpreter, values) = try Self.setUp()
        let builtin = try #require(interpreter.registry.builtin(named: name))
        let directory = temporaryDirectory().path
        let ordinary = try builtin.parameters.map { parameter in
            // Files go to the temporary folder, never the working directory.
            parameter.type.accepts(.string("")) && parameter.name.contains("path")
                ? "\"\(directory)/out\"" : try #require(Self.ordinary(parameter.type, values))
        }
        var calls: [String] = []
        let required = builtin.parameters.indices.filter { builtin.parameters[$0].defaultValue == nil }
        for (index, parameter) in builtin.parameters.enumerated() {
            for value in Self.awkward(for: parameter.type, directory: directory) {
                // The required arguments in order, this one by name if it is optional;
                // the other optional parameters keep their defaults.
                var given = required.map { $0 == index ? value : ordinary[$0] }
                if parameter.defaultValue != nil { given.append("\(parameter.name): \(value)") }
                calls.append("\(name)(\(given.joined(separator: ", ")))")
            }
        }
        if let variadic = builtin.variadic {
            for value in Self.awkward(for: variadic.type, directory: directory) {
                calls.append("\(name)(\(value))")
                calls.append("\(name)(\(value), \(value))")
            }
            calls.append("\(name)()")
        }
        if ProcessInfo.processInfo.environment["KAN_SHOW_CALLS"] != nil { print(calls.joined(separator: "\n")) }
        for call in calls {
            let finished = Watchdog(interpreter: interpreter, seconds: 5)
            let diagnostics = Self.diagnostics(interpreter, call)
            finished.cancel()
            for diagnostic in diagnostics {
                #expect(diagnostic.location != nil, "\(call): \(diagnostic.message)")
                #expect(!diagnostic.message.contains("internal"), "\(call): \(diagnostic.message)")
            }
        }
    }
}

/// Interrupts an interpreter after a delay unless cancelled first.
final class Watchdog {
    private let item: DispatchWorkItem

    init(interpreter: Interpreter, seconds: Double) {
        item = DispatchWorkItem { interpreter.interrupt() }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: item)
    }

    func cancel() { item.cancel() }
}
