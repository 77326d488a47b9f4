import ArgumentParser
import Foundation
import Sweep

/// `kan sweep MANIFEST`: many `kan discover` runs (or scripts) at once, locally or as a Slurm
/// job array, resumable. The logic is in the Sweep module; this file parses the command line
/// and prints.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run every job of a manifest: locally with N workers, or as a Slurm job array.",
        discussion: """
            MANIFEST.toml has a [defaults] table and [[job]] rows. Each row is a data file for kan discover (a glob gives one job per file, and seed = [0, 1, 2] one job per seed) or a KanLang script with args. Relative paths resolve against the manifest's folder, where every job runs. For example:

              [defaults]
              time-limit = 30   # kan discover --time-limit
              timeout = 120     # kill a job after this: "timeout"
              [[job]]
              data = "runs/*.csv"
              [[job]]
              name = "pendulum"
              data = "pendulum.csv"
              target = "T"
              seed = [0, 1]

            Each job runs as its own process (kan discover ... --format json). As soon as it ends, its result is appended to OUTPUT/results.jsonl as one JSON line (the formula in every format, errors, complexity, seconds, exit status, stderr tail); a job that fails, crashes or times out is recorded as such, and the sweep goes on.

            Running the same command again runs only the jobs without a line: after Ctrl-C (running jobs are killed, and run again next time) or a crash, nothing finished runs twice. Editing a row reruns that row only.

            --slurm submits the unfinished jobs as a Slurm job array (sbatch --array) with the same per-job timeouts; its tasks write under OUTPUT/slurm/. --status reports progress and --collect merges the tasks' results into OUTPUT/results.jsonl; both print the summary.

            Exit status: 0 when every job has a result and all are ok, 1 when some job failed, timed out or crashed, 130 when interrupted, 64 for a bad manifest. See docs/sweeps.md.
            """
    )

    @ArgumentParser.Argument(help: ArgumentHelp("The manifest (TOML).", valueName: "MANIFEST.toml"))
    var manifest: String

    @Option(name: .customLong("output"), help: ArgumentHelp(
        "The results folder (default: MANIFEST.sweep beside the manifest).", valueName: "DIR"))
    var output: String?

    @Option(name: .customLong("jobs"), help: ArgumentHelp(
        "Jobs run at once (default: the number of cores). Timed benchmarks should use 1.", valueName: "N"))
    var workers: Int?

    @Option(help: ArgumentHelp("The summary's form: text (a table), json or csv.", valueName: "FORMAT"))
    var format: SweepSummary.Format = .text

    @Flag(help: "Print the progress and the summary so far; run nothing.")
    var status = false

    @Flag(help: "Merge the Slurm tasks' results into OUTPUT/results.jsonl and print the summary; run nothing.")
    var collect = false

    @Flag(help: "Submit the unfinished jobs to Slurm as a job array instead of running them here.")
    var slurm = false

    @Option(help: ArgumentHelp("The Slurm partition (--slurm).", valueName: "NAME"))
    var partition: String?

    @Option(help: ArgumentHelp("The Slurm account to charge (--slurm).", valueName: "NAME"))
    var account: String?

    @Option(help: ArgumentHelp("Jobs per array task (--slurm).", valueName: "N"))
    var chunk: Int = 1

    @Option(name: .customLong("task-time"), help: ArgumentHelp(
        "Slurm --time of each task (default: its jobs' timeouts added up, over its CPUs, plus 5 minutes).",
        valueName: "TIME"))
    var taskTime: String?

    @Option(name: .customLong("cpus-per-task"), help: ArgumentHelp(
        "CPUs of each task, which runs that many jobs at once (--slurm).", valueName: "N"))
    var cpusPerTask: Int = 1

    @Option(name: .customLong("max-running"), help: ArgumentHelp(
        "At most N array tasks running at once (--slurm).", valueName: "N"))
    var maxRunning: Int?

    @Option(name: .customLong("sbatch-option"), help: ArgumentHelp(
        "A further #SBATCH option, as written (repeatable; --slurm), e.g. --sbatch-option=--mem=4G.", valueName: "OPTION"))
    var sbatchOptions: [String] = []

    @Flag(name: .customLong("no-submit"), help: "With --slurm: write the batch script and plan, and print how to submit them.")
    var noSubmit = false

    @Flag(help: "Print no progress lines (the summary only).")
    var quiet = false

    @Option(name: .customLong("slurm-task"), help: .hidden)
    var slurmTask: String?

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--jobs must be at least 1, not \(workers)") }
        if chunk < 1 { throw ValidationError("--chunk must be at least 1, not \(chunk)") }
        if cpusPerTask < 1 { throw ValidationError("--cpus-per-task must be at least 1, not \(cpusPerTask)") }
        if let maxRunning, maxRunning < 1 { throw ValidationError("--max-running must be at least 1, not \(maxRunning)") }
        let modes = [status, collect, slurm, slurmTask != nil].filter { $0 }.count
        if modes > 1 { throw ValidationError("--status, --collect, --slurm and --slurm-task exclude each other") }
        if !slurm && (partition != nil || account != nil || taskTime != nil || maxRunning != nil || !sbatchOptions.isEmpty || noSubmit) {
            throw ValidationError("--partition, --account, --task-time, --max-running, --sbatch-option and --no-submit go with --slurm")
        }
    }

    func run() throws {
        let loaded: Manifest
        do {
            loaded = try Manifest.load(path: manifest)
        } catch {
            StandardError.write("\(error)\n")
            throw ExitCode.validationFailure
        }
        let folder = SweepFolder(path: output ?? SweepFolder.defaultPath(forManifest: manifest))
        if status || collect {
            try report(loaded, folder: folder)
        } else if slurm {
            try submit(loaded, folder: folder)
        } else {
            try runHere(loaded, folder: folder)
        }
    }

    /// Runs the unfinished jobs here (all of them, or one Slurm task's), then prints the summary.
    private func runHere(_ manifest: Manifest, folder: SweepFolder) throws {
        var jobs = manifest.jobs
        var resultsPath = folder.results
        if let slurmTask {
            guard let selected = try taskJobs(manifest, plan: slurmTask) else { return }
            jobs = selected
            let arrayJob = ProcessInfo.processInfo.environment["SLURM_ARRAY_JOB_ID"] ?? "local"
            let task = ProcessInfo.processInfo.environment["SLURM_ARRAY_TASK_ID"] ?? "0"
            try folder.create(slurm: true)
            resultsPath = "\(folder.slurmResults)/task-\(arrayJob)-\(task).jsonl"
        } else {
            try folder.create()
            do {
                // Held until this process ends (see SweepLock).
                _ = try SweepLock(path: folder.lock)
            } catch {
                StandardError.write("kan sweep: error: \(error)\n")
                throw ExitCode.failure
            }
        }
        let (finished, damaged) = folder.finished()
        let unfinished = jobs.filter { finished[$0.id] == nil }
        if !quiet && unfinished.count < jobs.count {
            StandardError.write("kan sweep: \(jobs.count - unfinished.count) of \(jobs.count) jobs already have results in \(folder.path); running \(unfinished.count)\n")
        }
        let log = try ResultsLog(path: resultsPath)
        let runner = LocalRunner(executable: try Self.executablePath(), workers: workers ?? ProcessInfo.processInfo.activeProcessorCount,
                                 folder: folder, host: ProcessInfo.processInfo.hostName)
        StopSignal.install()
        var done = jobs.count - unfinished.count
        let outcome = try runner.run(unfinished, log: log, shouldStop: { StopSignal.signal != nil }) { record in
            done += 1
            guard !quiet else { return }
            let detail = record.status == .ok
                ? (record["formula"] as? String).map { ": \($0)" } ?? ""
                : (record["error"] as? String).map { ": \($0)" } ?? ""
            StandardError.write("[\(done)/\(jobs.count)] \(record.name): \(record.status.rawValue) in \(String(format: "%.1f", record.seconds)) s\(detail)\n")
        }
        if case .interrupted(let unfinishedCount) = outcome {
            StandardError.write("kan sweep: interrupted; \(unfinishedCount) jobs have no result yet: run the same command again to run them\n")
            throw ExitCode.interrupted
        }
        let all = folder.finished()
        let summary = SweepSummary(jobs: jobs, finished: all.records, damagedLines: max(damaged, all.damagedLines))
        if slurmTask == nil || !quiet { print(summary.rendered(format), terminator: "") }
        if summary.rows.contains(where: { $0.record?.status != .ok }) { throw ExitCode.failure }
    }

    /// The jobs of this array task: its line of the plan, found in the manifest by id.
    private func taskJobs(_ manifest: Manifest, plan: String) throws -> [Job]? {
        guard let text = try? String(contentsOfFile: plan, encoding: .utf8) else {
            StandardError.write("kan sweep: error: cannot read the plan \(plan)\n")
            throw ExitCode.failure
        }
        guard let indexText = ProcessInfo.processInfo.environment["SLURM_ARRAY_TASK_ID"], let index = Int(indexText) else {
            StandardError.write("kan sweep: error: --slurm-task runs inside a Slurm array task (SLURM_ARRAY_TASK_ID is not set)\n")
            throw ExitCode.failure
        }
        guard let ids = SlurmArray.taskJobs(planText: text, index: index) else {
            StandardError.write("kan sweep: task \(index) has no line in \(plan): nothing to run\n")
            return nil
        }
        let byID = Dictionary(manifest.jobs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let missing = ids.filter { byID[$0] == nil }
        if !missing.isEmpty {
            StandardError.write("kan sweep: warning: \(missing.count) jobs of task \(index) are no longer in \(manifest.path) (edited since the submission): skipped\n")
        }
        return ids.compactMap { byID[$0] }
    }

    /// Writes the job array's plan and script for the unfinished jobs, and submits it.
    private func submit(_ manifest: Manifest, folder: SweepFolder) throws {
        try folder.create(slurm: true)
        let finished = folder.finished().records
        let unfinished = manifest.jobs.filter { finished[$0.id] == nil }
        guard !unfinished.isEmpty else {
            StandardError.write("kan sweep: every job of \(manifest.path) has a result in \(folder.path): nothing to submit\n")
            return
        }
        var settings = SlurmArray.Settings()
        settings.partition = partition
        settings.account = account
        settings.chunk = chunk
        settings.taskTime = taskTime
        settings.cpusPerTask = cpusPerTask
        settings.maxRunning = maxRunning
        settings.extraOptions = sbatchOptions
        let array = SlurmArray(jobs: unfinished, settings: settings)
        let absoluteFolder = SweepFolder(path: URL(fileURLWithPath: folder.path).standardizedFileURL.path)
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: folder.slurm)) ?? []
        let number = existing.filter { $0.hasPrefix("plan-") }.count + 1
        let plan = "\(absoluteFolder.slurm)/plan-\(number).txt"
        let scriptPath = "\(absoluteFolder.slurm)/sweep-\(number).sbatch"
        let manifestPath = URL(fileURLWithPath: manifest.path).standardizedFileURL.path
        let name = URL(fileURLWithPath: manifest.path).deletingPathExtension().lastPathComponent
        do {
            try array.save(plan: plan, script: scriptPath, executable: try Self.executablePath(), manifest: manifestPath,
                           folder: absoluteFolder, name: name)
        } catch {
            StandardError.write("kan sweep: error: \(error)\n")
            throw ExitCode.failure
        }
        let summary = "\(unfinished.count) jobs in \(array.tasks.count) array tasks"
        if noSubmit {
            print("kan sweep: wrote \(scriptPath) (\(summary)); submit it with: sbatch \(scriptPath)")
            return
        }
        let submission: String
        do {
            submission = try Self.sbatch(scriptPath)
        } catch {
            StandardError.write("kan sweep: error: \(error); the script is \(scriptPath)\n")
            throw ExitCode.failure
        }
        let jobID = submission.split(separator: ";").first.map(String.init) ?? submission
        let handle = FileHandle(forWritingAtPath: absoluteFolder.submitted) ?? {
            _ = FileManager.default.createFile(atPath: absoluteFolder.submitted, contents: nil)
            return FileHandle(forWritingAtPath: absoluteFolder.submitted)
        }()
        handle?.seekToEndOfFile()
        handle?.write(Data("\(jobID)\n".utf8))
        try? handle?.close()
        print("kan sweep: submitted Slurm job \(jobID): \(summary); follow it with kan sweep \(self.manifest) --status\(output.map { " --output \($0)" } ?? "")")
    }

    /// `--status` and `--collect`: the summary of the results so far (merged first for
    /// --collect), and, when jobs were submitted, Slurm's view of their tasks.
    private func report(_ manifest: Manifest, folder: SweepFolder) throws {
        if collect {
            let merged = try SweepCollect.merge(folder)
            if !quiet { StandardError.write("kan sweep: merged \(merged) results of Slurm tasks into \(folder.results)\n") }
        }
        let (finished, damaged) = folder.finished()
        let summary = SweepSummary(jobs: manifest.jobs, finished: finished, damagedLines: damaged)
        if status, format == .text {
            print(summary.totalsLine)
            if let queue = Self.slurmQueue(folder) { print("slurm: \(queue)") }
        } else {
            print(summary.rendered(format), terminator: "")
        }
    }

    /// The states of the submitted arrays' tasks still known to `squeue` ("3 RUNNING, 5
    /// PENDING"), or nil without submissions or without squeue.
    private static func slurmQueue(_ folder: SweepFolder) -> String? {
        guard let text = try? String(contentsOfFile: folder.submitted, encoding: .utf8) else { return nil }
        let ids = text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        guard !ids.isEmpty else { return nil }
        guard let states = try? run("squeue", ["-h", "-r", "-o", "%T", "-j", ids.joined(separator: ",")]) else {
            return "jobs \(ids.joined(separator: ", ")) submitted; squeue is not available here"
        }
        var counts: [String: Int] = [:]
        for state in states.split(separator: "\n") where !state.isEmpty { counts[String(state), default: 0] += 1 }
        if counts.isEmpty { return "jobs \(ids.joined(separator: ", ")): no task queued or running" }
        return "jobs \(ids.joined(separator: ", ")): " + counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
    }

    /// `sbatch --parsable SCRIPT`'s answer: the job id (and cluster).
    private static func sbatch(_ script: String) throws -> String {
        try run("sbatch", ["--parsable", script]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs a Slurm command found on PATH; its standard output, or an error with its stderr.
    private static func run(_ command: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw SweepCommandError("\(command) failed (exit status \(process.terminationStatus))\(message.isEmpty ? "" : ": \(message)")")
        }
        return String(decoding: outData, as: UTF8.self)
    }

    /// This process's own executable, which every job runs (/proc/self/exe, resolved).
    private static func executablePath() throws -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}

/// An error of the sweep command with its message as is.
struct SweepCommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension SweepSummary.Format: ExpressibleByArgument {}
