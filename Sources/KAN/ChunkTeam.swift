#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Persistent helper threads that share the chunks of one evaluation with the calling thread.
///
/// Training calls the evaluator about 25 times per optimiser step, and on a batch of a
/// thousand samples one call is a few hundred microseconds of work in three phases (forward,
/// statistics, backward). `DispatchQueue.concurrentPerform` wakes a pool thread per phase,
/// which costs about as much as it saves at this size, so such batches used to stay on one
/// core. The team keeps its helpers spinning briefly between phases instead, so a phase can
/// start on both cores at once.
///
/// Every participant — the caller included — claims chunks one at a time from a shared
/// ticket, so a helper that is descheduled (a busy machine) never holds up work it has not
/// claimed: the caller takes the rest. Chunks write disjoint buffers that the evaluator
/// reduces in chunk order, so results do not depend on who ran which chunk.
///
/// On a busy machine a helper can be descheduled while it holds a chunk, and the caller then
/// waits for it longer than the chunk would have taken it: the team notices (a job whose
/// wait for the helpers' chunks exceeds the caller's own share of the work is a stall) and,
/// when at least a quarter of a window of jobs stalled, runs the next jobs on the calling
/// thread alone before it tries the helpers again (the scheduler's view, as it happens, not a
/// load average from the last minute).
///
/// The ticket packs the job's generation, its chunk count and the next chunk into one atomic
/// word; a helper claims chunk `next` of generation `g` by compare-and-exchange, which fails
/// once the caller has moved on to another job. A successful claim keeps the caller waiting
/// (for that chunk to finish) and so keeps the job's closure alive while the helper runs it.
final class ChunkTeam: @unchecked Sendable {
    /// Bits of the ticket: generation (high), chunk count, next chunk (low).
    private static let chunkBits: UInt64 = 20
    private static let chunkMask: UInt64 = (1 << chunkBits) - 1
    /// The largest job the ticket can describe.
    static let maximumChunks = Int(chunkMask)
    /// How long an idle helper polls for the next job before it sleeps, in loop iterations:
    /// chosen to outlast the optimiser's work between two evaluations (docs/kan-bench.md).
    private static let spinIterations = 20_000

    /// Jobs per window of the stall count, stalls per window that bench the helpers, and
    /// how many jobs they sit out.
    private static let window = 32
    private static let stallsToBench = 8
    private static let benchedJobs = 1_024

    private var jobsInWindow = 0
    private var stallsInWindow = 0
    private var serialJobsLeft = 0

    private let ticket = Atomic<UInt64>(0)
    private let finished = Atomic<Int>(0)
    private let parked = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    /// The current job's body; written by the caller before the ticket publishes the job.
    private var job: ((Int) -> Void)? = nil
    // Heap-allocated: pthread objects must not move.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wakeUp = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var threads: [pthread_t] = []

    /// A team of `helpers` threads besides the caller, or nil when threads cannot be started
    /// (the evaluator then runs on the calling thread alone).
    init?(helpers: Int) {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(wakeUp, nil)
        for _ in 0..<max(helpers, 0) {
            let context = Unmanaged.passRetained(HelperContext(team: self))
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, { raw in
                guard let raw else { return nil }
                let context = Unmanaged<HelperContext>.fromOpaque(raw).takeRetainedValue()
                context.team.helperLoop()
                return nil
            }, context.toOpaque())
            if status != 0 {
                context.release()
                shutDown()
                return nil
            }
            threads.append(thread)
        }
    }

    deinit {
        pthread_cond_destroy(wakeUp)
        pthread_mutex_destroy(mutex)
        wakeUp.deallocate()
        mutex.deallocate()
    }

    /// Runs `body(c)` for every c in 0..<chunks on the caller and the helpers; returns when all
    /// chunks are done. Not reentrant: one job at a time, from one calling thread.
    func run(_ chunks: Int, _ body: (Int) -> Void) {
        guard chunks > 1, chunks <= ChunkTeam.maximumChunks, !threads.isEmpty, serialJobsLeft == 0 else {
            if serialJobsLeft > 0 { serialJobsLeft -= 1 }
            for c in 0..<chunks { body(c) }
            return
        }
        let start = ChunkTeam.now()
        withoutActuallyEscaping(body) { escaping in
            job = escaping
            finished.store(0, ordering: .relaxed)
            let generation = (ticket.load(ordering: .relaxed) >> (2 * ChunkTeam.chunkBits)) &+ 1
            ticket.store(
                (generation << (2 * ChunkTeam.chunkBits)) | (UInt64(chunks) << ChunkTeam.chunkBits),
                ordering: .sequentiallyConsistent)
            if parked.load(ordering: .sequentiallyConsistent) > 0 {
                pthread_mutex_lock(mutex)
                pthread_cond_broadcast(wakeUp)
                pthread_mutex_unlock(mutex)
            }
            let published = ticket.load(ordering: .relaxed)
            work(on: published, body: escaping)
            let ownWorkDone = ChunkTeam.now()
            // Wait for chunks the helpers claimed; yield the core to them after a while.
            var spins = 0
            while finished.load(ordering: .acquiring) < chunks {
                spins += 1
                if spins > 2_000 { sched_yield() }
            }
            job = nil
            let end = ChunkTeam.now()
            noteJob(stalled: end - ownWorkDone > ownWorkDone - start)
        }
    }

    private func noteJob(stalled: Bool) {
        jobsInWindow += 1
        if stalled { stallsInWindow += 1 }
        guard jobsInWindow == ChunkTeam.window else { return }
        if stallsInWindow >= ChunkTeam.stallsToBench { serialJobsLeft = ChunkTeam.benchedJobs }
        jobsInWindow = 0
        stallsInWindow = 0
    }

    /// Monotonic nanoseconds (vDSO: tens of nanoseconds per call).
    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }

    /// Claims and runs chunks of the job `published` until none are left or it is replaced.
    /// Helpers pass a body that reads `job` when called, i.e. only after a successful claim.
    private func work(on published: UInt64, body: (Int) -> Void) {
        let generation = published >> (2 * ChunkTeam.chunkBits)
        let chunks = (published >> ChunkTeam.chunkBits) & ChunkTeam.chunkMask
        var current = published
        while current >> (2 * ChunkTeam.chunkBits) == generation {
            let next = current & ChunkTeam.chunkMask
            guard next < chunks else { return }
            let (exchanged, original) = ticket.compareExchange(
                expected: current, desired: current + 1, ordering: .acquiringAndReleasing)
            if exchanged {
                body(Int(next))
                finished.add(1, ordering: .releasing)
                current = current + 1
            } else {
                current = original
            }
        }
    }

    private func helperLoop() {
        var seen = ticket.load(ordering: .acquiring) >> (2 * ChunkTeam.chunkBits)
        while !stopping.load(ordering: .acquiring) {
            var current = ticket.load(ordering: .acquiring)
            var spins = 0
            while current >> (2 * ChunkTeam.chunkBits) == seen && spins < ChunkTeam.spinIterations {
                spins += 1
                current = ticket.load(ordering: .acquiring)
            }
            if current >> (2 * ChunkTeam.chunkBits) == seen {
                // Idle: sleep until the caller publishes a job (or the team shuts down).
                pthread_mutex_lock(mutex)
                parked.add(1, ordering: .sequentiallyConsistent)
                while ticket.load(ordering: .sequentiallyConsistent) >> (2 * ChunkTeam.chunkBits) == seen
                        && !stopping.load(ordering: .sequentiallyConsistent) {
                    pthread_cond_wait(wakeUp, mutex)
                }
                parked.subtract(1, ordering: .sequentiallyConsistent)
                pthread_mutex_unlock(mutex)
                continue
            }
            seen = current >> (2 * ChunkTeam.chunkBits)
            // A claimed chunk keeps `job` set until the chunk has finished (see the type's comment).
            work(on: current) { c in self.job?(c) }
        }
    }

    /// Stops and joins the helpers. The owner must call it: the helpers hold the team.
    func shutDown() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        pthread_mutex_lock(mutex)
        pthread_cond_broadcast(wakeUp)
        pthread_mutex_unlock(mutex)
        for thread in threads { pthread_join(thread, nil) }
        threads = []
    }
}

/// What a helper thread is started with.
private final class HelperContext {
    let team: ChunkTeam
    init(team: ChunkTeam) { self.team = team }
}
