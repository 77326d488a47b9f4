import FileIO
import Foundation

/// A Slurm job array for a sweep's unfinished jobs: which jobs each array task runs (the
/// plan), and the batch script that `sbatch` submits.
///
/// Each task runs `kan sweep MANIFEST --output DIR --slurm-task PLAN` on a node: it reads its
/// line of the plan (`SLURM_ARRAY_TASK_ID`), runs those jobs with the same per-job timeouts as
/// a local sweep, skips any that some results file already has, and appends its records to a
/// file of its own under `DIR/slurm/results/` (appends to one shared file are not atomic on
/// NFS). The plan is fixed at submission: editing the manifest afterwards cannot shift which
/// task runs which job. Slurm is the scheduler; kan only writes what it schedules.
public struct SlurmArray {
    public struct Settings: Sendable {
        public var partition: String?
        public var account: String?
        /// Jobs per array task (1: one task per job).
        public var chunk: Int = 1
        /// Slurm's `--time` for each task; by default the sum of the timeouts of the task's
        /// jobs divided among its CPUs, plus 5 minutes for starting and recording.
        public var taskTime: String?
        /// CPUs per task, and so jobs run at once within a task.
        public var cpusPerTask: Int = 1
        /// At most this many tasks running at once (`--array=...%N`).
        public var maxRunning: Int?
        /// Further `#SBATCH` options, as written (`--mem=4G`, `--qos=short`).
        public var extraOptions: [String] = []

        public init() {}
    }

    /// The ids of each task's jobs.
    public var tasks: [[String]]
    public var settings: Settings
    /// Each task's time limit in seconds, the largest over the tasks (used when
    /// `settings.taskTime` is nil).
    public var taskSeconds: Int

    public init(jobs: [Job], settings: Settings) {
        self.settings = settings
        let chunk = max(1, settings.chunk)
        tasks = stride(from: 0, to: jobs.count, by: chunk).map { start in
            jobs[start..<min(start + chunk, jobs.count)].map(\.id)
        }
        let cpus = Double(max(1, settings.cpusPerTask))
        let longest = stride(from: 0, to: jobs.count, by: chunk).map { start in
            let timeouts = jobs[start..<min(start + chunk, jobs.count)].map(\.timeout)
            // Jobs run `cpus` at a time, each within its timeout: the task needs at most the
            // sum of its timeouts over its CPUs, and at least its longest timeout.
            return max(timeouts.reduce(0, +) / cpus, timeouts.max() ?? 0)
        }.max() ?? 0
        taskSeconds = Int(longest.rounded(.up)) + 300
    }

    /// The plan file: one line per task, its job ids separated by spaces.
    public var planText: String { tasks.map { $0.joined(separator: " ") }.joined(separator: "\n") + "\n" }

    /// `D-HH:MM:SS` for Slurm's `--time`.
    static func slurmTime(_ seconds: Int) -> String {
        let days = seconds / 86400, hours = seconds % 86400 / 3600, minutes = seconds % 3600 / 60
        return String(format: "%d-%02d:%02d:%02d", days, hours, minutes, seconds % 60)
    }

    /// The batch script: `#SBATCH` options, then the task's `kan sweep` command.
    public func script(executable: String, manifest: String, folder: SweepFolder, plan: String, name: String) -> String {
        var array = "0-\(max(tasks.count - 1, 0))"
        if let maxRunning = settings.maxRunning { array += "%\(maxRunning)" }
        var lines = [
            "#!/bin/bash",
            "# Written by kan sweep --slurm: one array task per line of \(plan).",
            "#SBATCH --job-name=\(Self.safeName(name))",
            "#SBATCH --array=\(array)",
            "#SBATCH --ntasks=1",
            "#SBATCH --cpus-per-task=\(max(1, settings.cpusPerTask))",
            "#SBATCH --time=\(settings.taskTime ?? Self.slurmTime(taskSeconds))",
            "#SBATCH --output=\(folder.slurmLogs)/%A_%a.out",
            "#SBATCH --error=\(folder.slurmLogs)/%A_%a.err",
        ]
        if let partition = settings.partition { lines.append("#SBATCH --partition=\(partition)") }
        if let account = settings.account { lines.append("#SBATCH --account=\(account)") }
        lines += settings.extraOptions.map { "#SBATCH \($0)" }
        lines.append("exec \(Self.quoted(executable)) sweep \(Self.quoted(manifest)) --output \(Self.quoted(folder.path))"
                     + " --slurm-task \(Self.quoted(plan)) --jobs \(max(1, settings.cpusPerTask))")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the plan to `plan` and the batch script to `script`, each atomically (FileIO's
    /// one writer): a submission never reads half a plan.
    public func save(plan: String, script: String, executable: String, manifest: String, folder: SweepFolder,
                     name: String) throws(FileWriteError) {
        try writeAtomically(Array(planText.utf8), toPath: plan)
        let text = self.script(executable: executable, manifest: manifest, folder: folder, plan: plan, name: name)
        try writeAtomically(Array(text.utf8), toPath: script)
    }

    /// The ids of task `index` in a plan file's text; nil when the plan has no such task.
    public static func taskJobs(planText: String, index: Int) -> [String]? {
        let lines = planText.split(separator: "\n", omittingEmptySubsequences: false)
        guard index >= 0, index < lines.count, !lines[index].isEmpty else { return nil }
        return lines[index].split(separator: " ").map(String.init)
    }

    /// A word for the shell, in single quotes.
    static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static func safeName(_ name: String) -> String {
        let allowed = name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "-" }
        return "kan-sweep-" + String(allowed.prefix(40))
    }
}
