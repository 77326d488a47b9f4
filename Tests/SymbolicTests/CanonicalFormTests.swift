import Exact
import Testing
@testable import Symbolic

let x = Expr.symbol("x"), y = Expr.symbol("y"), z = Expr.symbol("z")

func q(_ n: Int, _ d: Int) -> Expr { (try? Rational(n, d)).map(Expr.number) ?? .undefined }

@Suite struct CanonicalFormTests {
    @Test func sumsCommute() { #expect(x + y == y + x) }
}
