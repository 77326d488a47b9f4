import Exact
import Foundation
import Symbolic
import Testing
@testable import KanLang
@testable import KanLangCore

/// Numbers' exact forms: literals read exactly, rational arithmetic and integer powers
/// kept exact, and the bound past which only the Double remains.
@Suite("Exact numbers")
struct ExactNumberTests {
    func show(_ code: String) -> String {
        output(of: "symbols x\nprint(\(code))").trimmingCharacters(in: .newlines)
    }

    /// The number a one-line program leaves in `name`.
    func number(_ name: String, after source: String) throws -> Number {
        let interpreter = makeInterpreter(OutputCapture())
        try interpreter.run(source: source, fileName: "test.kan")
        guard case .number(let number)? = try interpreter.evaluateLine(name) else {
            Issue.record("\(name) is not a number")
            return Number(.nan)
        }
        return number
    }

    @Test func integerLiteralsBeyondADoubleStayExact() {
        #expect(show("123456789012345678901234567890*x") == "123456789012345678901234567890*x")
        #expect(show("-98765432109876543210987654321*x + 1") == "1 - 98765432109876543210987654321*x")
        // Arithmetic still uses the Double.
        #expect(show("123456789012345678901234567890") == "1.2345678901234568e+29")
    }

    @Test func decimalLiteralsAreExactRationals() {
        #expect(show("0.1*x") == "x/10")
        #expect(show("1_000.5_5*x") == "20011*x/20")
        #expect(show("1.5e-30*x == 3/2*10^-30*x") == "true")
        #expect(show("2.5E+2*x") == "250*x")
        // 0.1 + 0.2 is 3/10 exactly, though its Double is not 0.3's.
        #expect(show("(0.1 + 0.2)*x == 3/10*x") == "true")
        #expect(show("(0.1 + 0.2)*x") == "3*x/10")
        #expect(show("0.1 + 0.2 == 0.3") == "false")
        // Below the smallest Double: 0 for arithmetic, exact in an expression.
        #expect(show("1e-400") == "0")
        #expect(show("1e-400*x == 10^-400*x") == "true")
    }

    @Test func powersOfRationalsStayExact() {
        #expect(show("x*(1/3)^40") == "x/12157665459056928801")
        #expect(show("(2/3)^5*x") == "32*x/243")
        #expect(show("(-2/3)^-3*x") == "-27*x/8")
        #expect(show("(-1)^1001*x") == "-x")
        // Past Symbolic's own limit on exponents (512), within the bound.
        #expect(show("2^600*x == 2^300*2^300*x") == "true")
        #expect(show("2^600*x").hasPrefix("4149515568880992958512407863691161151012446232242436899995657329690652811412908146399707048947103794288197886611300789182395151075411775307886874834113963687061181803401509523685376*x"))
        // Non-integer exponents are left to Symbolic.
        #expect(show("2^0.5*x") == "sqrt(2)*x")
        #expect(show("8^(1/3)*x") == "2*x")
    }

    @Test func theBoundIsOnBits() throws {
        let bits = Number.maximumExactBits
        let within = Rational(try BigInteger(2).power(bits - 1))  // `bits` bits
        #expect(Number(1, exact: .number(within)).exact != nil)
        #expect(Number(1, exact: .number(within * 2)).exact == nil)
        #expect(Number(1, exact: .number(try #require(try? within.reciprocal()))).exact != nil)
        // A literal with more digits than the bound holds is read as its Double.
        let long = "0." + String(repeating: "3", count: 1300)
        #expect(show("\(long)*x") == "0.3333333333333333*x")
        let shorter = "0." + String(repeating: "3", count: 1000)
        #expect(show("\(shorter)*x") == "\(shorter)*x")  // exact, printed as the decimal it is
        #expect(show("\(shorter)*x == (1 - 10^-1000)/3*x") == "true")
    }

    @Test func repeatedSquaringDropsTheExactFormAndStaysFast() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let doubled = try number("x", after: "let x = 2\nfor i in range(10000) { x = x*x }")
        #expect(doubled.value == .infinity)
        #expect(doubled.exact == nil)

        let logistic = try number("y", after: "let y = 0.3\nfor i in range(100000) { y = 3.5*y*(1 - y) }")
        var y = 0.3
        for _ in 0..<100_000 { y = 3.5 * y * (1 - y) }
        #expect(logistic.value == y)  // the Double, computed exactly as without exact forms
        #expect(logistic.exact == nil)
        #expect(clock.now - start < .seconds(20))
    }

    @Test func literalDiagnosticsAreUnchanged() {
        #expect(errorLocation(of: "let a = -1e400") == "test.kan:1:10: number literal '1e400' is too large")
        #expect(errorLocation(of: "symbols x\nlet f = 1e400*x") == "test.kan:2:9: number literal '1e400' is too large")
        #expect(errorLocation(of: "print(1.2.3)") == "test.kan:1:10: expected ')' after the arguments, found '.3'")
        #expect(errorLocation(of: "print(0x10)") == "test.kan:1:8: expected ')' after the arguments, found 'x10'")
    }

    func errorLocation(of source: String) -> String {
        let interpreter = makeInterpreter(OutputCapture())
        do {
            try interpreter.run(source: source, fileName: "test.kan")
            return "no error"
        } catch {
            guard let first = error.items.first else { return "?" }
            return "\(first.location.map(\.description) ?? "?"): \(first.message)"
        }
    }
}
