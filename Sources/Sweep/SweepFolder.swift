import Foundation

/// The layout of a sweep's output folder, the one place its results live:
///
///     results.jsonl          one line per finished job (local runs, and --collect's merge)
///     logs/ID.out, ID.err    each job's standard output and error, whole
///     sweep.lock             held by the one local sweep running on the folder
///     slurm/sweep.sbatch     the job array script --slurm submitted
///     slurm/plan-N.txt       which jobs each array task runs (one line of ids per task)
///     slurm/submitted        the Slurm job ids of the submissions, one a line
///     slurm/results/*.jsonl  the tasks' result lines, one file per task (never shared)
///     slurm/logs/            the tasks' own standard output and error
public struct SweepFolder: Sendable {
    public var path: String

    public init(path: String) {
        self.path = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
    }

    /// The default folder of a manifest: `campaign.sweep` beside `campaign.toml`.
    public static func defaultPath(forManifest manifest: String) -> String {
        let url = URL(fileURLWithPath: manifest)
        return url.deletingPathExtension().path + ".sweep"
    }

    public var results: String { path + "/results.jsonl" }
    public var logs: String { path + "/logs" }
    public var lock: String { path + "/sweep.lock" }
    public var slurm: String { path + "/slurm" }
    public var slurmResults: String { slurm + "/results" }
    public var slurmLogs: String { slurm + "/logs" }
    public var submitted: String { slurm + "/submitted" }

    public func standardOutput(of job: Job) -> String { "\(logs)/\(job.id).out" }
    public func standardError(of job: Job) -> String { "\(logs)/\(job.id).err" }

    /// Creates the folder and its subfolders (those that exist are kept).
    public func create(slurm withSlurm: Bool = false) throws {
        var folders = [path, logs]
        if withSlurm { folders += [slurm, slurmResults, slurmLogs] }
        for folder in folders {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
    }

    /// Every results file: the local log, then the Slurm tasks' files in name order.
    public var resultFiles: [String] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: slurmResults)) ?? []
        return [results] + tasks.filter { $0.hasSuffix(".jsonl") }.sorted().map { "\(slurmResults)/\($0)" }
    }

    /// The finished jobs' records by id, from every results file. A job has one line (a
    /// finished job is never run again); should two writers ever have recorded the same job,
    /// the first line read counts.
    public func finished() -> (records: [String: JobRecord], damagedLines: Int) {
        var records: [String: JobRecord] = [:]
        var damaged = 0
        for file in resultFiles {
            let read = ResultsLog.read(path: file)
            damaged += read.damagedLines
            for record in read.records where records[record.id] == nil {
                records[record.id] = record
            }
        }
        return (records, damaged)
    }
}
