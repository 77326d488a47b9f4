import Discovery
import Foundation
import KAN
import Testing

/// `EdgeMatching.suggest(shouldStop:)`: Ctrl-C during matching skips the remaining fits.
@Suite struct EdgeMatchingCancellationTests {
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        /// Counts a check; true from the `limit`-th on.
        func check(limit: Int) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            count += 1
            return count > limit
        }
        var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    }

    @Test func neverStoppedItMatchesAsBefore() throws {
        let network = try TrainedNetworks.oneEdge({ sin(.pi * $0) }, range: -1...1)
        let plain = try EdgeMatching.suggest(network, library: .standard, topK: 5)
        let checked = try EdgeMatching.suggest(network, library: .standard, topK: 5, shouldStop: { false })
        #expect(plain.map { $0.candidates.map(\.fit) } == checked.map { $0.candidates.map(\.fit) })
    }

    @Test(arguments: [0, 1, 5, 20])
    func stoppedItThrowsAndSkipsTheRest(after checks: Int) throws {
        let network = try TrainedNetworks.hello().network
        let counter = Counter()
        #expect(throws: MatchingInterrupted()) {
            try EdgeMatching.suggest(network, library: .standard, shouldStop: { counter.check(limit: checks) })
        }
        // One check per edge while sampling (stopping there at once), then one per
        // (edge, primitive) fit, each skipped once stopped, then the final one.
        let edges = network.splineEdges.count
        let expected = checks < edges ? checks + 1 : edges + edges * FunctionLibrary.standard.count + 1
        #expect(counter.value == expected)
    }
}
