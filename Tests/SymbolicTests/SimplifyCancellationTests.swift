import Exact
import Testing
@testable import Symbolic

/// `simplified(shouldStop:)` and `expanded(shouldStop:)`: the checks that let Ctrl-C abandon
/// a huge simplification or expansion.
@Suite struct SimplifyCancellationTests {
    /// A sum of expanded powers: hundreds of nodes, each rewritten in turn.
    var large: Expr {
        var terms: [Expr] = []
        for i in 1...30 {
            let n = Expr.number(Rational(i))
            terms.append(pow(x + n * y + z, 4) * pow(y - n * z + 1, 3))
        }
        return Expr.sum(terms)
    }

    @Test func neverStoppedItIsTheOrdinarySimplification() throws {
        let e = pow(x + y, 2) / 4 - pow(x - y, 2) / 4
        #expect(try e.simplified(shouldStop: { false }) == x * y)
        #expect(try large.simplified(shouldStop: { false }) == large.simplified())
    }

    @Test func stoppedAtOnceItThrows() {
        #expect(throws: SimplificationInterrupted()) { try large.simplified(shouldStop: { true }) }
    }

    /// Stopped after a number of checks, at every point from the first node to late in
    /// the work, it throws there and goes no further.
    @Test(arguments: [1, 2, 10, 50, 200])
    func stoppedPartWayItThrowsWithoutFinishing(after checks: Int) {
        let count = Counter()
        let e = large
        #expect(throws: SimplificationInterrupted()) {
            try e.simplified(shouldStop: { count.value += 1; return count.value > checks })
        }
        #expect(count.value == checks + 1)
    }

    @Test func theCheckRunsOncePerNode() throws {
        let count = Counter()
        let e = large
        _ = try e.simplified(shouldStop: { count.value += 1; return false })
        #expect(count.value >= e.complexity)
    }

    @Test func expansionNeverStoppedIsTheOrdinaryExpansion() throws {
        #expect(try large.expanded(shouldStop: { false }) == large.expanded())
        #expect(try pow(x + 1, 2).expanded(shouldStop: { false }) == pow(x, 2) + 2 * x + 1)
    }

    @Test(arguments: [0, 1, 10, 100])
    func expansionStoppedPartWayThrowsWithoutFinishing(after checks: Int) {
        let count = Counter()
        let e = large
        #expect(throws: SimplificationInterrupted()) {
            try e.expanded(shouldStop: { count.value += 1; return count.value > checks })
        }
        #expect(count.value == checks + 1)
    }

    final class Counter: @unchecked Sendable { var value = 0 }
}
