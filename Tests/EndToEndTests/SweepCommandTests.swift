import Foundation
import Testing

/// `kan sweep MANIFEST`: the real binary running real jobs, failing, timing out, interrupted
/// and resumed.
@Suite("SweepCommandTests")
struct SweepCommandTests {
    let folder = ScratchFolder.make("kan-sweep")

    var results: URL { folder.appendingPathComponent("campaign.sweep/results.jsonl") }

    /// The results file's lines, each parsed (nil for a line that does not parse).
    func lines() -> [[String: Any]?] {
        let text = (try? String(contentsOf: results, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    func write(_ text: String, _ name: String) throws {
        _ = try ScratchFolder.write(text, to: name, in: folder)
    }

    /// 40 rows of y = 2x + 1.
    func writeLinearTable() throws {
        var text = "x,y\n"
        for index in 0..<40 {
            let x = Double(index) / 10 - 2
            text += "\(x),\(2 * x + 1)\n"
        }
        try write(text, "linear.csv")
    }

    /// Processes whose working directory is the scratch folder: the jobs of a sweep there.
    func jobsStillRunning() -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { entry in
            guard Int(entry) != nil,
                  let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(entry)/cwd") else { return false }
            return cwd == folder.path
        }
    }

    @Test func aSweepRecordsFailuresAndTimeoutsAndGoesOn() throws {
        try writeLinearTable()
        try write("x,y\n1,2\n3,abc\n", "malformed.csv")
        try write("let n = 0\nwhile true { n = n + 1 }\n", "loop.kan")
        try write("print(args[0] + \"!\")\n", "hello.kan")
        try write("""
            [defaults]
            time-limit = 2
            timeout = 60

            [[job]]
            data = "linear.csv"

            [[job]]
            data = "missing.csv"

            [[job]]
            data = "malformed.csv"

            [[job]]
            name = "endless"
            script = "loop.kan"
            timeout = 2

            [[job]]
            script = "hello.kan"
            args = ["hi"]
            """, "campaign.toml")
        let manifest = folder.appendingPathComponent("campaign.toml").path
        let started = Date()
        let run = try KanBinary.run(["sweep", manifest, "--jobs", "2", "--format", "json"])
        #expect(run.status == 1, "\(run.standardError)")
        #expect(Date().timeIntervalSince(started) < 40)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any],
                                   "\(run.standardOutput)\n\(run.standardError)")
        let jobs = try #require(summary["jobs"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: jobs.compactMap { job in (job["name"] as? String).map { ($0, job) } })
        #expect(byName["linear"]?["status"] as? String == "ok", "\(String(describing: byName["linear"]))")
        #expect((byName["linear"]?["formula"] as? String)?.contains("x") == true)
        for key in ["latex", "sympy", "text", "complexity", "r2", "seconds", "stderr_tail", "exit_code"] {
            #expect(byName["linear"]?[key] != nil, "missing \(key)")
        }
        #expect(byName["missing"]?["status"] as? String == "failed")
        #expect((byName["missing"]?["error"] as? String)?.contains("missing.csv") == true, "\(String(describing: byName["missing"]))")
        #expect(byName["malformed"]?["status"] as? String == "failed")
        #expect((byName["malformed"]?["stderr_tail"] as? String)?.isEmpty == false)
        #expect(byName["endless"]?["status"] as? String == "timeout")
        #expect(((byName["endless"]?["seconds"] as? Double) ?? 99) < 10)
        #expect(byName["hello"]?["status"] as? String == "ok")
        #expect(byName["hello"]?["stdout_tail"] as? String == "hi!")
        let totals = try #require(summary["totals"] as? [String: Any])
        #expect(totals["ok"] as? Int == 2)
        #expect(totals["failed"] as? Int == 2)
        #expect(totals["timeout"] as? Int == 1)
        #expect(lines().count == 5)
        #expect(jobsStillRunning().isEmpty)

        // The same command again runs nothing and prints the same results.
        let again = try KanBinary.run(["sweep", manifest])
        #expect(again.status == 1)
        #expect(again.standardError.contains("5 of 5 jobs already have results"), "\(again.standardError)")
        #expect(again.standardOutput.contains("5 jobs: 2 ok, 2 failed, 1 timeout, 0 crashed, 0 pending"), "\(again.standardOutput)")
        #expect(lines().count == 5)
        let status = try KanBinary.run(["sweep", manifest, "--status"])
        #expect(status.status == 0)
        #expect(status.standardOutput.hasPrefix("5 jobs: 2 ok, 2 failed, 1 timeout"), "\(status.standardOutput)")
        let csv = try KanBinary.run(["sweep", manifest, "--status", "--format", "csv"])
        #expect(csv.standardOutput.split(separator: "\n").count == 6)

        // Editing one row reruns that row only.
        let edited = try String(contentsOfFile: manifest, encoding: .utf8).replacingOccurrences(of: "args = [\"hi\"]", with: "args = [\"ho\"]")
        try edited.write(toFile: manifest, atomically: true, encoding: .utf8)
        let rerun = try KanBinary.run(["sweep", manifest, "--format", "csv"])
        #expect(rerun.standardError.contains("4 of 5 jobs already have results"), "\(rerun.standardError)")
        #expect(rerun.standardOutput.contains("ho!"))
        #expect(lines().count == 6)
    }

    @Test func aBadManifestSaysWhereAndRunsNothing() throws {
        try write("[[job]]\ndata = \"a.csv\"\nseeds = 3\n", "campaign.toml")
        let run = try KanBinary.run(["sweep", folder.appendingPathComponent("campaign.toml").path])
        #expect(run.status == 64)
        #expect(run.standardError.contains("campaign.toml:3: error: job 1: unknown key 'seeds'"), "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: results.path))
    }

    /// Ctrl-C, then kill -9, midway; each rerun goes on where the last stopped: every job ends
    /// with exactly one line, and no finished job runs twice.
    @Test func resumesAfterControlCAndAfterKill() throws {
        try write("let n = 0\nwhile true { n = n + 1 }\n", "loop.kan")
        // Eight jobs of 1.5 s each (each times out), one at a time.
        try write("[defaults]\ntimeout = 1.5\n" + (1...8).map { "[[job]]\nscript = \"loop.kan\"\nargs = [\"\($0)\"]\n" }.joined(),
                  "campaign.toml")
        let manifest = folder.appendingPathComponent("campaign.toml").path

        let first = try RunningKan(["sweep", manifest, "--jobs", "1"])
        #expect(RunningKan.wait(timeout: 30) { lines().count >= 2 })
        first.send(SIGINT)
        #expect(first.waitForExit(timeout: 10) != nil)
        #expect(first.exitStatus == 130, "\(first.standardError)")
        #expect(first.standardError.contains("interrupted"), "\(first.standardError)")
        let afterInterrupt = lines()
        #expect(afterInterrupt.count >= 2 && afterInterrupt.count < 8)
        #expect(afterInterrupt.allSatisfy { $0 != nil })
        #expect(RunningKan.wait(timeout: 5) { jobsStillRunning().isEmpty })

        let second = try RunningKan(["sweep", manifest, "--jobs", "1"])
        #expect(RunningKan.wait(timeout: 30) { lines().count >= afterInterrupt.count + 2 })
        second.send(SIGKILL)
        second.waitForExit(timeout: 10)
        // The job it was running watches its parent and ends within a second or two.
        #expect(RunningKan.wait(timeout: 5) { jobsStillRunning().isEmpty }, "orphaned jobs: \(jobsStillRunning())")
        let afterKill = lines()
        #expect(afterKill.count < 8)

        let third = try KanBinary.run(["sweep", manifest, "--jobs", "1"])
        #expect(third.standardError.contains("\(afterKill.count) of 8 jobs already have results"), "\(third.standardError)")
        let final = lines()
        #expect(final.count == 8)
        let ids = final.compactMap { $0?["id"] as? String }
        #expect(Set(ids).count == 8, "a job was recorded twice: \(ids)")
        // What the earlier runs wrote is still there, unchanged, first.
        #expect(ids.prefix(afterKill.count) == afterKill.compactMap { $0?["id"] as? String }[...])
        #expect(final.allSatisfy { $0?["status"] as? String == "timeout" })
    }
}
