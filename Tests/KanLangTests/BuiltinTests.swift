import Testing
@testable import KanLang
@testable import KanLangCore

@Suite("Core builtins")
struct BuiltinTests {
    @Test func printing() {
        #expect(output(of: "print(1, \"a\", [\"b\"], nil, true, 2.5, 1e20, 1/0, -1/0, 0/0)")
                == "1 a [\"b\"] nil true 2.5 1e+20 inf -inf nan\n")
        #expect(output(of: "print()") == "\n")
        #expect(output(of: "fn f() { }\nprint(f, sin, x -> x)") == "<fn f> <builtin sin> <fn <lambda>>\n")
    }

    @Test func typesAndConversions() {
        #expect(value(of: "[type(1), type(\"s\"), type(true), type([]), type({}), type(sin), type(nil)]")
                == "[\"number\", \"string\", \"boolean\", \"list\", \"record\", \"function\", \"nil\"]")
        #expect(value(of: "str(1.5) + str([1])") == "\"1.5[1]\"")
        #expect(value(of: "num(\" 2.5 \") + num(true)") == "3.5")
        #expect(value(of: "int(-2.7)") == "-2")
        #expect(errorMessage(of: "num(\"abc\")") == "cannot convert \"abc\" to a number")
    }

    @Test func math() {
        #expect(value(of: "sqrt(16) + exp(0) + log(1) + sin(0) + cos(0) + abs(-2)") == "8")
        #expect(value(of: "[floor(1.5), ceil(1.2), round(2.5), sign(-3), atan2(0, 1)]") == "[1, 2, 3, -1, 0]")
        #expect(value(of: "tanh(0) + sinh(0) + cosh(0) + tan(0) + asin(0) + acos(1) + atan(0)") == "1")
        #expect(value(of: "isnan(sqrt(-1))") == "true")
        #expect(value(of: "[min(3, 1, 2), max([4, 9, 2]), sum([1, 2, 3]), mean([1, 2, 3, 6])]") == "[1, 9, 6, 3]")
        #expect(value(of: "sum([])") == "0")
        #expect(errorMessage(of: "mean([])") == "mean of an empty list")
        #expect(errorMessage(of: "min()") == "min of nothing")
        #expect(errorMessage(of: "sum([1, \"a\"])") == "element 1 of values is a string, not a number")
        #expect(value(of: "pi > 3.14 and pi < 3.15 and e > 2.71") == "true")
    }

    @Test func collections() {
        #expect(value(of: "[len([1, 2]), len(\"héllo\"), len({a: 1})]") == "[2, 5, 1]")
        #expect(value(of: "range(4)") == "[0, 1, 2, 3]")
        #expect(value(of: "range(2, 5)") == "[2, 3, 4]")
        #expect(value(of: "range(5, 0, -2)") == "[5, 3, 1]")
        #expect(value(of: "range(0, 10, step: 5)") == "[0, 5]")
        #expect(value(of: "range(3, 1)") == "[]")
        #expect(errorMessage(of: "range(1, 2, 0)") == "range step must not be zero")
        #expect(errorMessage(of: "range(1e12)").hasPrefix("range of 1000000000000 elements is too long"))
        #expect(value(of: "append(push([1], 2), 3)") == "[1, 2, 3]")
        #expect(value(of: "keys({b: 1, a: 2})") == "[\"b\", \"a\"]")
        #expect(value(of: "values({b: 1, a: 2})") == "[1, 2]")
        #expect(value(of: "[has({a: 1}, \"a\"), has({a: 1}, \"b\")]") == "[true, false]")
        #expect(value(of: "[contains([1, [2]], [2]), contains(\"kan\", \"an\"), contains([1], 2)]") == "[true, true, false]")
        #expect(value(of: "map([1, 2], x -> x * 10)") == "[10, 20]")
        #expect(value(of: "filter(range(6), x -> x % 2 == 0)") == "[0, 2, 4]")
        #expect(value(of: "sort([3, 1, 2])") == "[1, 2, 3]")
        #expect(value(of: "sort([\"b\", \"a\"])") == "[\"a\", \"b\"]")
        #expect(value(of: "reverse([1, 2, 3])") == "[3, 2, 1]")
        #expect(value(of: "join([1, \"a\", 2], \", \")") == "\"1, a, 2\"")
        #expect(value(of: "split(\"a,b,,c\", \",\")") == "[\"a\", \"b\", \"\", \"c\"]")
        #expect(errorMessage(of: "pop([])") == "pop from an empty list")
        #expect(errorMessage(of: "sort([1, \"a\"])") == "sort needs a list of numbers or of strings")
        #expect(errorMessage(of: "filter([1], x -> 1)") == "filter function must return a boolean, got number")
    }

    @Test func assertionsAndErrors() {
        #expect(output(of: "assert(1 < 2)\nprint(\"ok\")") == "ok\n")
        #expect(output(of: "\n  assert(1 > 2, message: \"one is not above two\")") == """
            ERROR
            test.kan:2:9: error: one is not above two
              assert(1 > 2, message: "one is not above two")
                    ^

            """)
        #expect(output(of: "error(\"custom \" + str(42))") == "ERROR\ntest.kan:1:6: error: custom 42\nerror(\"custom \" + str(42))\n     ^\n")
    }

    @Test func registryChecksArguments() {
        #expect(output(of: "sqrt(\"four\")") == """
            ERROR
            test.kan:1:6: error: sqrt: argument 'x' must be expression, got string
            sqrt("four")
                 ^

            """)
        #expect(errorMessage(of: "sqrt()") == "sqrt: missing argument 'x'; expected sqrt(x: expression)")
        #expect(errorMessage(of: "sqrt(1, 2)") == "sqrt takes at most 1 argument")
        #expect(errorMessage(of: "sqrt(y: 1)") == "sqrt has no parameter named 'y'")
        #expect(errorMessage(of: "range(1.5)") == "range: argument 'start' must be integer, got number")
        #expect(errorMessage(of: "max(1, \"a\")") == "max: arguments must be number or list, got string")
        #expect(value(of: "range(3, nil)") == "[0, 1, 2]")
    }

    @Test func helpAndSignatures() throws {
        let registry = BuiltinRegistry(groups: PipelineHost.builtinGroups)
        #expect(registry.builtin(named: "range")?.signature == "range(start: integer, stop: integer = nil, step: integer = 1)")
        #expect(registry.builtin(named: "print")?.signature == "print(...values: any)")
        let help = try #require(registry.help(for: "join"))
        #expect(help.hasPrefix("join(list: list, separator: string = \"\")\n    The elements as text"))
        #expect(registry.help(for: "nonexistent") == nil)
        #expect(value(of: "help(sqrt)").hasPrefix("\"sqrt(x: expression)"))
        // Every builtin is documented.
        for name in registry.names {
            #expect(registry.builtin(named: name)?.doc.isEmpty == false, "\(name) has no doc")
        }
    }

    @Test func aGroupIsOneRegistration() throws {
        enum Extra: BuiltinGroup {
            static var builtins: [Builtin] {
                [Builtin("twice", [.required("x", .number), .optional("times", .integer, default: .number(2))],
                         group: "test", doc: "x times times.") { call in
                    .number(try call.number("x") * Double(try call.integer("times")))
                }]
            }
        }
        let capture = OutputCapture()
        let interpreter = makeInterpreter(capture) { $0.builtinGroups += [Extra.self] }
        #expect(try interpreter.evaluateLine("twice(4) + twice(1, times: 3)")?.description == "11")
        #expect(interpreter.completions(prefix: "twi") == ["twice"])
    }
}
