import Foundation

/// One line of a sweep's results: a finished job, whatever its end.
///
/// The line is one JSON object with sorted keys: the job's `id`, `name`, `kind` and `command`
/// (the arguments after `kan`), `status` (`JobStatus`), `exit_code` or `signal`, `seconds` of
/// wall time, `timeout`, `finished` (UTC, ISO 8601), `host`, `error` (why it failed, timed out
/// or crashed), `stderr_tail`, and for a discover job that answered: `result` (kan discover's
/// whole JSON document) and the chosen formula's `formula`, `text`, `latex`, `sympy`,
/// `complexity`, `train_rmse`, `test_rmse`, `r2` and `exact` at the top level; for a script
/// job, `stdout_tail` (and `result` when its last line of output is a JSON object).
public struct JobRecord: @unchecked Sendable {
    public var id: String
    public var name: String
    public var status: JobStatus
    public var seconds: Double
    /// The whole object as written (or read), for everything else: JSONSerialization's
    /// values, which are immutable once made (hence `@unchecked Sendable`).
    public var fields: [String: Any]

    /// The record of a finished process. `stdout` is the job's standard output, `stderr` its
    /// standard error; `timedOut` says the sweep killed it at its timeout.
    public init(job: Job, exitCode: Int32?, signal: Int32?, timedOut: Bool, seconds: Double,
                stdout: String, stderr: String, host: String, finished: Date) {
        id = job.id
        name = job.name
        self.seconds = seconds
        var fields: [String: Any] = [
            "id": job.id, "name": job.name, "kind": job.kind.rawValue, "command": job.arguments,
            "seconds": Self.rounded(seconds), "timeout": job.timeout, "host": host,
            "finished": Self.timestamp(finished), "stderr_tail": Self.tail(stderr),
            "exit_code": exitCode.map { Int($0) as Any } ?? NSNull(),
            "signal": signal.map { Int($0) as Any } ?? NSNull(),
        ]
        let document = Self.lastJSONObject(stdout)
        var status: JobStatus
        var error: String?
        if timedOut {
            status = .timeout
            error = "killed after its timeout of \(Job.number(job.timeout)) s"
        } else if let signal {
            status = .crashed
            error = "ended by signal \(signal) (\(Self.signalName(signal)))"
        } else if exitCode != 0 {
            status = .failed
            error = Self.lastLine(stderr) ?? "exit status \(exitCode.map(String.init) ?? "?")"
        } else if job.kind == .discover && (document?["formula"] == nil) {
            status = .failed
            error = "no JSON document with a formula on standard output"
        } else {
            status = .ok
        }
        if let document {
            fields["result"] = document
            if job.kind == .discover {
                for key in ["formula", "text", "latex", "complexity", "train_rmse", "test_rmse", "r2", "exact"] {
                    if let value = document[key] { fields[key] = value }
                }
                let front = document["front"] as? [[String: Any]] ?? []
                if let chosen = front.first(where: { $0["chosen"] as? Bool == true }), let sympy = chosen["sympy"] {
                    fields["sympy"] = sympy
                }
            }
        }
        if job.kind == .script { fields["stdout_tail"] = Self.tail(stdout) }
        fields["status"] = status.rawValue
        fields["error"] = error ?? NSNull()
        self.status = status
        self.fields = fields
    }

    /// Reads one line of a results file; nil for a line that is not a complete record (the
    /// last line of a log whose writer was killed mid-write).
    public init?(line: Substring) {
        guard let data = line.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let id = object["id"] as? String, let name = object["name"] as? String,
              let statusName = object["status"] as? String, let status = JobStatus(rawValue: statusName) else { return nil }
        self.id = id
        self.name = name
        self.status = status
        seconds = (object["seconds"] as? NSNumber)?.doubleValue ?? 0
        fields = object
    }

    /// The record as one line of JSON (no line break), keys sorted.
    public var line: String {
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes]),
              let text = String(data: data, encoding: .utf8) else {
            return "{\"id\":\"\(id)\",\"status\":\"\(status.rawValue)\"}"
        }
        return text
    }

    public subscript(key: String) -> Any? { fields[key] }

    /// The last 20 lines (at most 2,000 characters) of a stream: where the reason for a
    /// failure is, without a log's worth of progress.
    static func tail(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var tail = lines.suffix(21).joined(separator: "\n")
        if tail.hasSuffix("\n") { tail.removeLast() }
        if tail.count > 2000 { tail = "…" + String(tail.suffix(1999)) }
        return tail
    }

    private static func lastLine(_ text: String) -> String? {
        text.split(separator: "\n").last { !$0.allSatisfy(\.isWhitespace) }.map { String($0.prefix(500)) }
    }

    private static func lastJSONObject(_ stdout: String) -> [String: Any]? {
        for line in stdout.split(separator: "\n").reversed() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("{") else { continue }
            guard let data = trimmed.data(using: .utf8),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
            return object
        }
        return nil
    }

    private static func rounded(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGKILL: "SIGKILL"
        case SIGSEGV: "SIGSEGV"
        case SIGABRT: "SIGABRT"
        case SIGBUS: "SIGBUS"
        case SIGILL: "SIGILL"
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGFPE: "SIGFPE"
        case SIGTRAP: "SIGTRAP"
        default: "signal \(signal)"
        }
    }
}
