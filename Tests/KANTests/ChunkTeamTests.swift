import Foundation
import Synchronization
import Testing
@testable import KAN

/// The team runs every chunk of every job exactly once, whoever claims it, and its helpers
/// never run a chunk of a job that has already returned.
@Suite struct ChunkTeamTests {
    @Test(arguments: [1, 3])
    func everyChunkRunsOnceInEveryJob(helpers: Int) throws {
        let team = try #require(ChunkTeam(helpers: helpers))
        defer { team.shutDown() }
        for job in 0..<2_000 {
            let chunks = 1 + job % 17
            let counts = UnsafeMutablePointer<Int>.allocate(capacity: chunks)
            counts.initialize(repeating: 0, count: chunks)
            let total = Atomic<Int>(0)
            team.run(chunks) { c in
                counts[c] += 1  // each chunk by exactly one thread: no race on a slot
                total.add(job, ordering: .relaxed)
            }
            #expect((0..<chunks).allSatisfy { counts[$0] == 1 }, "job \(job)")
            #expect(total.load(ordering: .relaxed) == job * chunks)
            counts.deallocate()
        }
    }

    @Test func helpersThatSleptWakeForTheNextJob() throws {
        let team = try #require(ChunkTeam(helpers: 1))
        defer { team.shutDown() }
        for _ in 0..<5 {
            // Long enough between jobs for the helper to stop spinning and sleep.
            var slept = 0.0
            for k in 0..<3_000_000 { slept += Double(k & 7) }
            let ran = Atomic<Int>(0)
            team.run(64) { _ in ran.add(1, ordering: .relaxed) }
            #expect(ran.load(ordering: .relaxed) == 64)
            #expect(slept > 0)
        }
    }

    /// Helpers that hold up the caller (here: every chunk a helper runs takes 20 ms, the
    /// caller's take 0.1 ms, so the caller waits far longer than it works) are benched: the
    /// following jobs run on the caller alone.
    @Test func stallingHelpersAreBenched() throws {
        let team = try #require(ChunkTeam(helpers: 1))
        defer { team.shutDown() }
        let caller = pthread_self()
        let offThread = Atomic<Int>(0)
        for _ in 0..<40 {
            team.run(16) { _ in
                if pthread_equal(pthread_self(), caller) != 0 {
                    usleep(100)
                } else {
                    offThread.add(1, ordering: .relaxed)
                    usleep(20_000)
                }
            }
        }
        #expect(offThread.load(ordering: .relaxed) > 0, "the helper never took a chunk")
        offThread.store(0, ordering: .relaxed)
        team.run(16) { _ in
            if pthread_equal(pthread_self(), caller) == 0 { offThread.add(1, ordering: .relaxed) }
        }
        #expect(offThread.load(ordering: .relaxed) == 0)
    }

    @Test func aTeamCanBeShutDownRightAfterStarting() throws {
        for _ in 0..<50 {
            let team = try #require(ChunkTeam(helpers: 2))
            team.shutDown()
        }
    }
}
