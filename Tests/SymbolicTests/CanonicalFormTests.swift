import Exact
import Testing
@testable import Symbolic

let x = Expr.symbol("x"), y = Expr.symbol("y"), z = Expr.symbol("z")

/// The exact number n/d.
func q(_ n: Int, _ d: Int) -> Expr { (try? Rational(n, d)).map(Expr.number) ?? .undefined }

/// Parses, or fails the test and gives `.undefined`.
func p(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Expr {
    do { return try Expr(parsing: text) } catch {
        Issue.record("\(text): \(error)", sourceLocation: sourceLocation)
        return .undefined
    }
}

@Suite struct CanonicalFormTests {
    @Test func sumsFlattenAndCommute() {
        #expect(x + y == y + x)
        #expect((x + y) + z == x + (y + z))
        #expect(Expr.sum([x, Expr.sum([y, z])]) == Expr.sum([z, y, x]))
    }

    @Test func likeTermsCombine() {
        #expect(2 * x + x == 3 * x)
        #expect(x - x == 0)
        #expect(x * y + 2 * (y * x) == 3 * x * y)
        #expect(q(1, 2) * x + q(1, 3) * x == q(5, 6) * x)
    }

    @Test func likePowersCombine() {
        #expect(x * x == pow(x, 2))
        #expect(x * pow(x, 2) == pow(x, 3))
        #expect(Expr.sqrt(x) * Expr.sqrt(x) == x)
        #expect(x / x == 1)
        #expect((x * y) / y == x)
    }

    @Test func numbersFoldExactly() {
        #expect(Expr(2) + Expr(3) == 5)
        #expect(q(1, 3) + q(1, 6) == q(1, 2))
        #expect(Expr(2) / Expr(4) == q(1, 2))
        #expect(pow(Expr(2), 10) == 1024)
        #expect(Expr.sqrt(Expr(4)) == 2)
        #expect(Expr.power(q(9, 4), Rational.threeHalves) == q(27, 8))
        #expect(Expr.sqrt(Expr(8)) == 2 * Expr.sqrt(Expr(2)))
        #expect(Expr.sqrt(Expr(2)) * Expr.sqrt(Expr(2)) == 2)
    }

    @Test func identities() {
        #expect(0 * x == 0)
        #expect(1 * x == x)
        #expect(pow(x, 0) == 1)
        #expect(pow(x, 1) == x)
        #expect(x + 0 == x)
    }

    @Test func powersOfPowersAndProducts() {
        #expect(pow(pow(x, 2), 3) == pow(x, 6))
        #expect(Expr.power(Expr.sqrt(x), Rational(2)) == x)
        // (x^2)^(1/2) = |x|, not x: the nesting stays.
        #expect(Expr.sqrt(pow(x, 2)) != x)
        #expect(pow(x * y, 2) == pow(x, 2) * pow(y, 2))
        #expect(Expr.power(Expr.exp(x), Rational(3)) == Expr.exp(3 * x))
    }

    @Test func numberTimesSumDistributes() {
        #expect(q(1, 2) * (2 * x + 1) == x + q(1, 2))
        #expect(-(x - y) == y - x)
    }

    @Test func divisionByZeroIsUndefined() {
        #expect(x / 0 == .undefined)
        #expect(Expr(1) / Expr(0) == .undefined)
        #expect(Expr.log(0) == .undefined)
        #expect((x / 0 + y).isUndefined)
        #expect((0 * (x / 0)).isUndefined)
        #expect((x / 0).evaluate(["x": 1]).isNaN)
    }

    @Test func orderIsTotalAndDeterministic() {
        let items: [Expr] = [x, y, pow(x, 2), .pi, 3, Expr.sin(x), x * y, x + y, Expr.sqrt(x), .e]
        for a in items {
            for b in items {
                let ab = Expr.compare(a, b), ba = Expr.compare(b, a)
                #expect(ab == -ba)
                #expect((ab == 0) == (a == b))
            }
        }
        #expect(Expr.sum(items) == Expr.sum(items.reversed()))
        #expect(Expr.product(items) == Expr.product(items.reversed()))
    }

    @Test func oddAndEvenFunctions() {
        #expect(Expr.sin(-x) == -Expr.sin(x))
        #expect(Expr.cos(-x) == Expr.cos(x))
        #expect(Expr.tan(y - x) == -Expr.tan(x - y))
        #expect(Expr.abs(-2 * x) == Expr.abs(2 * x))
        #expect(Expr.atanh(-x) == -Expr.atanh(x))
    }

    @Test func exactFunctionValues() {
        #expect(Expr.exp(0) == 1)
        #expect(Expr.log(1) == 0)
        #expect(Expr.log(Expr.e) == 1)
        #expect(Expr.abs(-3) == 3)
        #expect(Expr.sign(q(-1, 2)) == -1)
        #expect(Expr.asin(q(1, 2)) == .pi / 6)
        #expect(Expr.acos(0) == .pi / 2)
        #expect(Expr.atan(1) == .pi / 4)
        #expect(Expr.tan(Expr.atan(x)) == x)
        #expect(Expr.sin(Expr.asin(x + 1)) == x + 1)
        #expect(Expr.tanh(Expr.atanh(x)) == x)
        #expect(Expr.atan(Expr.tan(x)) != x)
    }

    @Test func numericFactorsLeaveFractionalPowers() {
        #expect(Expr.sqrt(4 * x) == 2 * Expr.sqrt(x))
        #expect(Expr.sqrt(-4 * x) == 2 * Expr.sqrt(-x))
        #expect(Expr.power(8 * pow(x, 3), Rational.third) == 2 * Expr.power(pow(x, 3), Rational.third))
    }

    @Test func trigonometryAtRationalMultiplesOfPi() {
        #expect(Expr.sin(.pi / 6) == q(1, 2))
        #expect(Expr.cos(.pi) == -1)
        #expect(Expr.sin(.pi) == 0)
        #expect(Expr.cos(.pi / 3) == q(1, 2))
        #expect(Expr.sin(.pi / 4) == Expr.sqrt(2) / 2)
        #expect(Expr.sin(7 * .pi / 6) == q(-1, 2))
        #expect(Expr.cos(-2 * .pi / 3) == q(-1, 2))
        #expect(Expr.tan(.pi / 3) == Expr.sqrt(3))
        #expect(Expr.tan(.pi / 2) == .undefined)
        #expect(Expr.sin(x + 2 * .pi) == Expr.sin(x))
        #expect(Expr.sin(x + .pi / 2) == Expr.cos(x))
        #expect(Expr.cos(x + .pi) == -Expr.cos(x))
        #expect(Expr.sin(.pi - x) == Expr.sin(x))
        #expect(Expr.sin(13 * .pi / 5) == Expr.sin(2 * .pi / 5))
        #expect(Expr.sin(x - .pi / 5).text == "sin(x - pi/5)")
        #expect(Expr.sin(x + 9 * .pi / 5) == Expr.sin(x - .pi / 5))
        #expect(Expr.sin(x - .pi / 2) == -Expr.cos(x))
        #expect(Expr.cos(x + 3 * .pi / 2) == Expr.sin(x))
        #expect(Expr.tan(x + .pi) == Expr.tan(x))
    }

    @Test func symbolicExponents() {
        #expect(pow(Expr.e, x) == Expr.exp(x))
        #expect(pow(x, y) == Expr.exp(y * Expr.log(x)))
    }
}
