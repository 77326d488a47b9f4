import Foundation
import Testing
@testable import Sweep

@Suite("SweepTests: summary and Slurm array")
struct SummaryAndSlurmTests {
    func job(_ name: String, timeout: Double = 60) -> Job {
        Job(name: name, kind: .discover, arguments: ["discover", "\(name).csv", "--format", "json", "--quiet"],
            timeout: timeout, directory: "/tmp")
    }

    @Test func summaryCountsStatusesAndPendingJobs() throws {
        let jobs = [job("a"), job("b"), job("c, quoted")]
        let document = #"{"formula":"x*y","complexity":3,"r2":1,"exact":true,"latex":"x y","front":[]}"#
        let ok = JobRecord(job: jobs[0], exitCode: 0, signal: nil, timedOut: false, seconds: 2, stdout: document,
                           stderr: "", host: "h", finished: Date())
        let failed = JobRecord(job: jobs[1], exitCode: 1, signal: nil, timedOut: false, seconds: 0.5, stdout: "",
                               stderr: "b.csv: error: no such file", host: "h", finished: Date())
        let stale = JobRecord(job: job("gone"), exitCode: 0, signal: nil, timedOut: false, seconds: 1, stdout: document,
                              stderr: "", host: "h", finished: Date())
        let summary = SweepSummary(jobs: jobs, finished: [ok.id: ok, failed.id: failed, stale.id: stale])
        #expect(summary.totalsLine == "3 jobs: 1 ok, 1 failed, 0 timeout, 0 crashed, 1 pending; 2.5 s of job time; 1 results of jobs no longer in the manifest (not shown)")
        let text = summary.text
        #expect(text.contains("x*y"))
        #expect(text.contains("b.csv: error: no such file"))
        #expect(text.contains("pending"))
        let csv = summary.csv.split(separator: "\n")
        #expect(csv.count == 4)
        #expect(csv[0] == "name,id,status,seconds,complexity,r2,test_rmse,exact,formula,latex,sympy,error")
        #expect(csv[1].hasPrefix("a,\(jobs[0].id),ok,2.0,3,1,,true,x*y,x y,,"))
        #expect(csv[3].hasPrefix("\"c, quoted\",\(jobs[2].id),pending,"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(summary.json.utf8)) as? [String: Any])
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(totals["ok"] as? Int == 1)
        #expect(totals["failed"] as? Int == 1)
        #expect(totals["pending"] as? Int == 1)
        #expect(totals["jobs"] as? Int == 3)
        #expect((json["jobs"] as? [[String: Any]])?.map { $0["status"] as? String } == ["ok", "failed", "pending"])
    }

    @Test func arraysChunkJobsAndBoundEachTasksTime() {
        let jobs = (0..<5).map { job("j\($0)", timeout: 100) }
        var settings = SlurmArray.Settings()
        settings.chunk = 2
        settings.partition = "short"
        settings.account = "lab42"
        settings.maxRunning = 3
        settings.extraOptions = ["--mem=2G"]
        let array = SlurmArray(jobs: jobs, settings: settings)
        #expect(array.tasks.count == 3)
        #expect(array.tasks[2] == [jobs[4].id])
        #expect(array.taskSeconds == 200 + 300)
        #expect(SlurmArray.taskJobs(planText: array.planText, index: 1) == [jobs[2].id, jobs[3].id])
        #expect(SlurmArray.taskJobs(planText: array.planText, index: 3) == nil)
        let script = array.script(executable: "/opt/kan's/kan", manifest: "/data/c.toml", folder: SweepFolder(path: "/data/c.sweep"),
                                  plan: "/data/c.sweep/slurm/plan-1.txt", name: "c")
        #expect(script.hasPrefix("#!/bin/bash\n"))
        for line in ["#SBATCH --array=0-2%3", "#SBATCH --time=0-00:08:20", "#SBATCH --partition=short",
                     "#SBATCH --account=lab42", "#SBATCH --mem=2G", "#SBATCH --job-name=kan-sweep-c",
                     "#SBATCH --output=/data/c.sweep/slurm/logs/%A_%a.out",
                     "exec '/opt/kan'\\''s/kan' sweep '/data/c.toml' --output '/data/c.sweep' --slurm-task '/data/c.sweep/slurm/plan-1.txt' --jobs 1"] {
            #expect(script.contains(line + "\n"), "\(line) not in\n\(script)")
        }
        settings.taskTime = "00:30:00"
        settings.cpusPerTask = 4
        settings.chunk = 8
        let wide = SlurmArray(jobs: jobs, settings: settings)
        #expect(wide.tasks.count == 1)
        #expect(wide.taskSeconds == 125 + 300)
        let wideScript = wide.script(executable: "kan", manifest: "m", folder: SweepFolder(path: "o"), plan: "p", name: "n")
        #expect(wideScript.contains("#SBATCH --time=00:30:00\n"))
        #expect(wideScript.contains("#SBATCH --cpus-per-task=4\n"))
        #expect(wideScript.contains("--jobs 4\n"))
    }
}
