import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs jobs as child processes, `workers` at a time, each killed at its timeout, and appends
/// each finished job's record to the results log as soon as it ends.
///
/// One thread does everything (start, poll, kill, record) on a short tick: with a handful of
/// workers the cost is nil, and nothing is shared between threads. When `shouldStop` turns
/// true (Ctrl-C, SIGTERM from Slurm), every running job is killed and recorded nowhere: it
/// has no line, so the next run of the same command runs it again; every finished job has
/// its one complete line.
public struct LocalRunner {
    /// The `kan` executable the jobs run (the sweep's own).
    public var executable: String
    public var workers: Int
    public var folder: SweepFolder
    public var host: String

    public init(executable: String, workers: Int, folder: SweepFolder, host: String) {
        self.executable = executable
        self.workers = max(1, workers)
        self.folder = folder
        self.host = host
    }

    public enum Outcome: Equatable {
        case completed
        /// Stopped with this many jobs not finished (those running were killed).
        case interrupted(unfinished: Int)
    }

    /// Runs `jobs` in order; `finished` sees each record after it is written.
    public func run(_ jobs: [Job], log: borrowing ResultsLog, shouldStop: () -> Bool,
                    finished: (JobRecord) -> Void) throws -> Outcome {
        var pending = jobs[...]
        var running: [(job: Job, process: ChildProcess)] = []
        while !pending.isEmpty || !running.isEmpty {
            if shouldStop() {
                for entry in running { _ = entry.process.kill() }
                return .interrupted(unfinished: pending.count + running.count)
            }
            while running.count < workers, let job = pending.first {
                pending = pending.dropFirst()
                let process = try ChildProcess(executable: executable, arguments: job.arguments, directory: job.directory,
                                               standardOutput: folder.standardOutput(of: job),
                                               standardError: folder.standardError(of: job))
                running.append((job, process))
            }
            var index = 0
            while index < running.count {
                let (job, process) = running[index]
                var ending = process.poll()
                var timedOut = false
                if ending == nil && Date().timeIntervalSince(process.started) >= job.timeout {
                    ending = process.kill()
                    timedOut = true
                }
                guard let ending else {
                    index += 1
                    continue
                }
                running.remove(at: index)
                let record = self.record(job, ending: ending, timedOut: timedOut,
                                         seconds: Date().timeIntervalSince(process.started))
                try log.append(record)
                finished(record)
            }
            usleep(20_000)
        }
        return .completed
    }

    private func record(_ job: Job, ending: ChildProcess.Ending, timedOut: Bool, seconds: Double) -> JobRecord {
        let stdout = FileManager.default.contents(atPath: folder.standardOutput(of: job)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let stderr = FileManager.default.contents(atPath: folder.standardError(of: job)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        var exitCode: Int32?
        var signal: Int32?
        switch ending {
        case .exited(let code): exitCode = code
        case .signalled(let number): signal = number
        }
        return JobRecord(job: job, exitCode: exitCode, signal: timedOut ? nil : signal, timedOut: timedOut,
                         seconds: seconds, stdout: stdout, stderr: stderr, host: host, finished: Date())
    }
}
