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

    /// --slurm --no-submit writes the array's script and plan; each task, run as Slurm would
    /// (SLURM_ARRAY_TASK_ID), writes its own results file; --collect merges them.
    @Test func slurmTasksRunTheirLineOfThePlanAndCollectMergesThem() throws {
        try write("print(args[0])\n", "echo.kan")
        try write("[[job]]\nscript = \"echo.kan\"\nargs = [\"1\"]\n[[job]]\nscript = \"echo.kan\"\nargs = [\"2\"]\n"
                  + "[[job]]\nscript = \"echo.kan\"\nargs = [\"3\"]\n", "campaign.toml")
        let manifest = folder.appendingPathComponent("campaign.toml").path
        let written = try KanBinary.run(["sweep", manifest, "--slurm", "--no-submit", "--partition", "short",
                                         "--account", "lab42", "--chunk", "2", "--sbatch-option=--mem=1G"])
        #expect(written.status == 0, "\(written.standardError)")
        let slurm = folder.appendingPathComponent("campaign.sweep/slurm")
        let script = try String(contentsOf: slurm.appendingPathComponent("sweep-1.sbatch"), encoding: .utf8)
        for line in ["#SBATCH --array=0-1", "#SBATCH --partition=short", "#SBATCH --account=lab42", "#SBATCH --mem=1G",
                     "#SBATCH --time=0-02:05:00"] {
            #expect(script.contains(line + "\n"), "\(line) not in\n\(script)")
        }
        #expect(script.contains(" sweep '\(manifest)' --output '\(folder.path)/campaign.sweep' --slurm-task '\(slurm.path)/plan-1.txt' --jobs 1\n"),
                "\(script)")
        let plan = try String(contentsOf: slurm.appendingPathComponent("plan-1.txt"), encoding: .utf8)
        #expect(plan.split(separator: "\n").map { $0.split(separator: " ").count } == [2, 1])

        for task in ["0", "1", "2"] {
            let run = try KanBinary.run(["sweep", manifest, "--output", folder.path + "/campaign.sweep",
                                         "--slurm-task", slurm.path + "/plan-1.txt", "--jobs", "1"],
                                        environment: ["SLURM_ARRAY_JOB_ID": "77", "SLURM_ARRAY_TASK_ID": task])
            #expect(run.status == 0, "task \(task): \(run.standardError)")
            if task == "2" { #expect(run.standardError.contains("task 2 has no line")) }
        }
        let taskFiles = try FileManager.default.contentsOfDirectory(atPath: slurm.path + "/results").sorted()
        #expect(taskFiles == ["task-77-0.jsonl", "task-77-1.jsonl"])
        let status = try KanBinary.run(["sweep", manifest, "--status"])
        #expect(status.standardOutput.hasPrefix("3 jobs: 3 ok, 0 failed"), "\(status.standardOutput)")
        #expect(lines().isEmpty)
        let collected = try KanBinary.run(["sweep", manifest, "--collect", "--format", "csv"])
        #expect(collected.status == 0)
        #expect(collected.standardError.contains("merged 3 results"), "\(collected.standardError)")
        #expect(lines().count == 3)
        _ = try KanBinary.run(["sweep", manifest, "--collect"])
        #expect(lines().count == 3)
        let again = try KanBinary.run(["sweep", manifest, "--slurm", "--no-submit"])
        #expect(again.standardError.contains("nothing to submit"), "\(again.standardError)")
    }

    /// A second local sweep on the folder of a running one is refused, not run twice.
    @Test func aSecondSweepOnTheSameFolderIsRefused() throws {
        try write("let n = 0\nwhile true { n = n + 1 }\n", "loop.kan")
        try write("[[job]]\nscript = \"loop.kan\"\ntimeout = 20\n", "campaign.toml")
        let manifest = folder.appendingPathComponent("campaign.toml").path
        let first = try RunningKan(["sweep", manifest])
        #expect(RunningKan.wait(timeout: 20) { !jobsStillRunning().isEmpty })
        let second = try KanBinary.run(["sweep", manifest])
        #expect(second.status == 1)
        #expect(second.standardError.contains("another kan sweep (pid \(first.process.processIdentifier)) is running"),
                "\(second.standardError)")
        first.send(SIGINT)
        #expect(first.waitForExit(timeout: 10) != nil)
        #expect(first.exitStatus == 130)
        #expect(lines().isEmpty)
    }
}
