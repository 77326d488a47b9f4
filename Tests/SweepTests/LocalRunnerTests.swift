import Foundation
import Testing
@testable import Sweep

/// The runner with /bin/sh as its executable: real processes, ended every way a job can end.
@Suite("SweepTests: local runner")
struct LocalRunnerTests {
    let folder = SweepFolder(path: FileManager.default.temporaryDirectory
        .appendingPathComponent("sweep-runner-\(UUID().uuidString)").path)

    func shell(_ name: String, _ command: String, timeout: Double = 30) -> Job {
        Job(name: name, kind: .script, arguments: ["-c", command], timeout: timeout, directory: "/tmp")
    }

    @Test func recordsEveryEndingAndGoesOn() throws {
        try folder.create()
        defer { try? FileManager.default.removeItem(atPath: folder.path) }
        let jobs = [
            shell("ok", "pwd; echo 42"),
            shell("fails", "echo 'bad input' >&2; exit 3"),
            shell("hangs", "sleep 30", timeout: 0.5),
            shell("crashes", "kill -SEGV $$"),
            shell("ok too", "echo done"),
        ]
        let runner = LocalRunner(executable: "/bin/sh", workers: 2, folder: folder, host: "here")
        var seen: [String] = []
        let started = Date()
        let outcome = try runner.run(jobs, log: ResultsLog(path: folder.results), shouldStop: { false }) { seen.append($0.name) }
        #expect(outcome == .completed)
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(Set(seen) == Set(jobs.map(\.name)))
        let records = Dictionary(uniqueKeysWithValues: ResultsLog.read(path: folder.results).records.map { ($0.name, $0) })
        #expect(records["ok"]?.status == .ok)
        #expect(records["ok"]?["stdout_tail"] as? String == "/tmp\n42")
        #expect(records["fails"]?.status == .failed)
        #expect(records["fails"]?["exit_code"] as? Int == 3)
        #expect(records["fails"]?["error"] as? String == "bad input")
        #expect(records["hangs"]?.status == .timeout)
        #expect((records["hangs"]?.seconds ?? 99) < 5)
        #expect(records["crashes"]?.status == .crashed)
        #expect(records["crashes"]?["signal"] as? Int == Int(SIGSEGV))
        #expect(records["ok too"]?.status == .ok)
    }

    /// Stopping kills the running jobs and records none of them; the finished keep their line.
    @Test func stoppingKillsRunningJobsAndRecordsOnlyFinishedOnes() throws {
        try folder.create()
        defer { try? FileManager.default.removeItem(atPath: folder.path) }
        let jobs = [shell("quick", "true"), shell("slow 1", "sleep 30"), shell("slow 2", "sleep 30"), shell("never", "true")]
        let runner = LocalRunner(executable: "/bin/sh", workers: 2, folder: folder, host: "here")
        var finishedCount = 0
        let started = Date()
        let outcome = try runner.run(jobs, log: ResultsLog(path: folder.results),
                                     shouldStop: { finishedCount >= 1 && Date().timeIntervalSince(started) > 1 }) { _ in
            finishedCount += 1
        }
        #expect(outcome == .interrupted(unfinished: 3))
        #expect(Date().timeIntervalSince(started) < 10)
        let records = ResultsLog.read(path: folder.results).records
        #expect(records.map(\.name) == ["quick"])
    }

    @Test func aMissingExecutableIsAnError() throws {
        try folder.create()
        defer { try? FileManager.default.removeItem(atPath: folder.path) }
        let runner = LocalRunner(executable: "/nonexistent/kan", workers: 1, folder: folder, host: "here")
        #expect(throws: (any Error).self) {
            _ = try runner.run([shell("x", "true")], log: ResultsLog(path: folder.results), shouldStop: { false }) { _ in }
        }
    }
}
