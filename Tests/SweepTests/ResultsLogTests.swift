import Foundation
import Testing
@testable import Sweep

@Suite("SweepTests: results log and records")
struct ResultsLogTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-log-\(UUID().uuidString)").path

    let job = Job(name: "fit", kind: .discover, arguments: ["discover", "a.csv", "--format", "json", "--quiet"],
                  timeout: 60, directory: "/tmp")

    func record(_ job: Job, exitCode: Int32? = 0, signal: Int32? = nil, timedOut: Bool = false,
                stdout: String = "", stderr: String = "") -> JobRecord {
        JobRecord(job: job, exitCode: exitCode, signal: signal, timedOut: timedOut, seconds: 1.25, stdout: stdout,
                  stderr: stderr, host: "node1", finished: Date(timeIntervalSince1970: 0))
    }

    static let document = #"{"formula":"2*x + 1","text":"2*x + 1","latex":"2 x + 1","complexity":5,"r2":1,"#
        + #""test_rmse":0,"train_rmse":0,"exact":true,"front":[{"chosen":true,"sympy":"2*x + 1"}]}"#

    @Test func statusesFollowHowTheProcessEnded() {
        let ok = record(job, stdout: "progress\n" + Self.document + "\n")
        #expect(ok.status == .ok)
        #expect(ok["formula"] as? String == "2*x + 1")
        #expect(ok["sympy"] as? String == "2*x + 1")
        #expect(ok["latex"] as? String == "2 x + 1")
        #expect((ok["result"] as? [String: Any])?["front"] != nil)
        #expect(ok["error"] is NSNull)
        let failed = record(job, exitCode: 1, stderr: "a.csv: error: no such file\n")
        #expect(failed.status == .failed)
        #expect(failed["error"] as? String == "a.csv: error: no such file")
        let silent = record(job, exitCode: 0, stdout: "u*v\n")
        #expect(silent.status == .failed)
        #expect((silent["error"] as? String)?.contains("no JSON document") == true)
        let timedOut = record(job, exitCode: nil, signal: nil, timedOut: true)
        #expect(timedOut.status == .timeout)
        #expect(timedOut["error"] as? String == "killed after its timeout of 60 s")
        let crashed = record(job, exitCode: nil, signal: SIGSEGV)
        #expect(crashed.status == .crashed)
        #expect(crashed["error"] as? String == "ended by signal 11 (SIGSEGV)")
        let script = Job(name: "s", kind: .script, arguments: ["s.kan"], timeout: 5, directory: "/tmp")
        let scriptOK = record(script, stdout: "1\n2\n42\n")
        #expect(scriptOK.status == .ok)
        #expect(scriptOK["stdout_tail"] as? String == "1\n2\n42")
    }

    @Test func theStandardErrorTailIsBounded() {
        let long = (1...100).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let tail = JobRecord.tail(long)
        #expect(tail.hasPrefix("line 81\n"))
        #expect(tail.hasSuffix("line 100"))
        #expect(JobRecord.tail(String(repeating: "x", count: 5000)).count == 2000)
    }

    @Test func linesRoundTripAndACutLineIsSkippedAndEnded() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/results.jsonl"
        let first = record(job, stdout: Self.document)
        do {
            let log = try ResultsLog(path: path)
            try log.append(first)
        }
        // A writer killed mid-line.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"id":"cut","name":"#.utf8))
        try handle.close()
        let other = Job(name: "other", kind: .discover, arguments: ["discover", "b.csv"], timeout: 60, directory: "/tmp")
        do {
            let log = try ResultsLog(path: path)
            try log.append(record(other, exitCode: 1, stderr: "boom"))
        }
        let read = ResultsLog.read(path: path)
        #expect(read.records.map(\.id) == [job.id, other.id])
        #expect(read.damagedLines == 1)
        #expect(read.records[0].status == .ok)
        #expect(read.records[0]["complexity"] as? Int == 5)
        #expect(read.records[1].status == .failed)
        #expect(read.records[0].seconds == 1.25)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count == 4)
    }

    @Test func folderFinishedReadsEveryResultsFileFirstLineWinning() throws {
        let sweep = SweepFolder(path: folder)
        try sweep.create(slurm: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let local = try ResultsLog(path: sweep.results)
            try local.append(record(job, stdout: Self.document))
            let task = try ResultsLog(path: sweep.slurmResults + "/task-7-0.jsonl")
            try task.append(record(job, exitCode: 1))
            let other = Job(name: "other", kind: .discover, arguments: ["discover", "b.csv"], timeout: 60, directory: "/tmp")
            try task.append(record(other, exitCode: 1))
        }
        let finished = sweep.finished()
        #expect(finished.records.count == 2)
        #expect(finished.records[job.id]?.status == .ok)
        #expect(try SweepCollect.merge(sweep) == 1)
        #expect(try SweepCollect.merge(sweep) == 0)
        #expect(ResultsLog.read(path: sweep.results).records.count == 2)
    }
}
