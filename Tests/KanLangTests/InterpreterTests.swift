import Testing
@testable import KanLang
@testable import KanLangCore

@Suite("Interpreter semantics")
struct InterpreterTests {
    @Test func arithmeticAndPrecedence() {
        #expect(value(of: "1 + 2 * 3") == "7")
        #expect(value(of: "-2^2") == "-4")
        #expect(value(of: "2^3^2") == "512")
        #expect(value(of: "2^-1") == "0.5")
        #expect(value(of: "(1 + 2) * 3") == "9")
        #expect(value(of: "7 % 3") == "1")
        #expect(value(of: "-7 % 3") == "2")
        #expect(value(of: "1 / 4") == "0.25")
        #expect(value(of: "10 - 2 - 3") == "5")
        #expect(value(of: "1 < 2 and 2 < 3") == "true")
        #expect(value(of: "not true or true") == "true")
        #expect(value(of: "!(1 == 1)") == "false")
        #expect(value(of: "1 != 2 && 3 >= 3") == "true")
        #expect(value(of: "\"a\" + \"b\"") == "\"ab\"")
        #expect(value(of: "[1] + [2, 3]") == "[1, 2, 3]")
        #expect(value(of: "1_000 + 1e3 + .5") == "2000.5")
    }

    @Test func variablesAndScopes() {
        #expect(output(of: """
            let x = 1
            {
                let x = 2
                print(x)
            }
            print(x)
            x = 3
            print(x)
            """) == "2\n1\n3\n")
        #expect(errorMessage(of: "y = 1") == "undefined variable 'y'; declare it with 'let y = ...'")
        #expect(errorMessage(of: "print(z)") == "undefined variable 'z'")
    }

    @Test func closuresCaptureTheirScope() {
        #expect(output(of: """
            fn counter() {
                let n = 0
                return () -> {
                    n = n + 1
                    return n
                }
            }
            let c = counter()
            c()
            c()
            print(c())
            let d = counter()
            print(d())
            let adders = []
            for i in range(3) { push(adders, y -> y + i) }
            print(map(adders, f -> f(10)))
            """) == "3\n1\n[10, 11, 12]\n")
    }

    @Test func recursionAndDefaults() {
        #expect(output(of: """
            fn fib(n) {
                if n < 2 { return n }
                return fib(n - 1) + fib(n - 2)
            }
            print(fib(15))
            fn greet(name, greeting = "hello", mark = "!") { return greeting + " " + name + mark }
            print(greet("a"))
            print(greet("b", mark: "?"))
            print(greet(greeting: "hi", name: "c"))
            fn scale(x, factor = x * 2) { return factor }
            print(scale(3))
            """) == "610\nhello a!\nhello b?\nhi c!\n6\n")
        #expect(errorMessage(of: "fn f(a) { return a }\nf(b: 1)") == "f has no parameter named 'b'")
        #expect(errorMessage(of: "fn f(a) { return a }\nf()") == "f: missing argument 'a'")
        #expect(errorMessage(of: "fn f(a) { return a }\nf(1, 2)") == "f takes 1 argument, got 2")
    }

    @Test func controlFlow() {
        #expect(output(of: """
            let i = 0
            let total = 0
            while true {
                i = i + 1
                if i > 10 { break }
                if i % 2 == 0 { continue }
                total = total + i
            }
            print(total)
            for c in "abc" { print(c) }
            for k in {a: 1, b: 2} { print(k) }
            fn sign(x) {
                if x < 0 { return -1 } else if x == 0 { return 0 }
                else { return 1 }
            }
            print(sign(-3), sign(0), sign(5))
            fn nothing() { }
            print(nothing())
            """) == "25\na\nb\nc\na\nb\n-1 0 1\nnil\n")
        #expect(errorMessage(of: "if 1 { }") == "condition must be a boolean, got number")
        #expect(errorMessage(of: "for x in 3 { }") == "cannot iterate over a number")
    }

    @Test func listsAndRecords() {
        #expect(output(of: """
            let xs = [1, 2, 3]
            xs[0] = 10
            push(xs, 4)
            print(xs, xs[-1], len(xs))
            let alias = xs
            pop(alias)
            print(xs)
            let r = {name: "kan", "two words": 2}
            r.version = 1
            r["name"] = "KAN"
            print(r, r.name, r["two words"])
            let nested = {inner: {list: [1, [2]]}}
            nested.inner.list[1][0] = 3
            print(nested)
            print([1, [2]] == [1, [2]], {a: 1} == {a: 1}, {a: 1} == {a: 2})
            """) == "[10, 2, 3, 4] 4 4\n[10, 2, 3]\n{name: \"KAN\", \"two words\": 2, version: 1} KAN 2\n{inner: {list: [1, [3]]}}\ntrue true false\n")
        #expect(errorMessage(of: "[1, 2][5]") == "index 5 out of range for length 2")
        #expect(errorMessage(of: "[1, 2][0.5]") == "index must be an integer, got 0.5")
        #expect(errorMessage(of: "let r = {a: 1}\nr.b") == "record has no field 'b'")
        #expect(errorMessage(of: "1(2)") == "cannot call a number")
        #expect(errorMessage(of: "1 + \"a\"") == "operator '+' cannot be applied to number and string")
    }

    @Test func selfContainingListsPrint() {
        #expect(output(of: "let a = [1]\npush(a, a)\nprint(a)\nprint(a == a)") == "[1, [...]]\ntrue\n")
    }

    @Test func recursionDepthIsAnError() {
        let text = output(of: "fn f(n) { return f(n + 1) }\nf(0)")
        #expect(text.contains("error: recursion too deep (more than 10000 nested calls)"))
        let limited = output(of: "fn f(n) { if n == 0 { return 0 } return 1 + f(n - 1) }\nprint(f(1500))")
        #expect(limited == "1500\n")
    }

    @Test func stepBudget() {
        let text = output(of: "while true { }") { $0.maxSteps = 1000 }
        #expect(text.contains("error: step limit of 1000 exceeded"))
    }

    @Test func argumentsAreVisible() {
        #expect(output(of: "print(args)") { $0.arguments = ["a", "2"] } == "[\"a\", \"2\"]\n")
    }

    @Test func stateSurvivesBetweenInputs() throws {
        let interpreter = makeInterpreter(OutputCapture())
        _ = try interpreter.evaluateLine("let a = 2")
        _ = try interpreter.evaluateLine("fn double(x) { return 2 * x }")
        #expect(try interpreter.evaluateLine("double(a)")?.description == "4")
        #expect(try interpreter.evaluateLine("print(1)") == nil)
        #expect(try interpreter.evaluateLine("let b = 1") == nil)
    }
}
