import Foundation

/// The state of a sweep over its manifest: each job's record (or none yet) and the totals,
/// as a table, JSON or CSV.
public struct SweepSummary {
    public struct Row {
        public var job: Job
        /// Nil while the job has not finished.
        public var record: JobRecord?
    }

    public var rows: [Row]
    /// Records in the results whose jobs the manifest no longer has (rows since edited).
    public var staleRecords: Int
    /// Lines of the results files that were not complete records.
    public var damagedLines: Int

    public init(jobs: [Job], finished: [String: JobRecord], damagedLines: Int = 0) {
        rows = jobs.map { Row(job: $0, record: finished[$0.id]) }
        let ids = Set(jobs.map(\.id))
        staleRecords = finished.keys.filter { !ids.contains($0) }.count
        self.damagedLines = damagedLines
    }

    public enum Format: String, CaseIterable, Sendable {
        case text, json, csv
    }

    /// How many jobs ended with each status, and how many have not finished.
    public var counts: (byStatus: [JobStatus: Int], pending: Int) {
        var byStatus: [JobStatus: Int] = [:]
        var pending = 0
        for row in rows {
            if let record = row.record { byStatus[record.status, default: 0] += 1 } else { pending += 1 }
        }
        return (byStatus, pending)
    }

    /// The seconds of wall time the finished jobs took, added up.
    public var jobSeconds: Double { rows.compactMap { $0.record?.seconds }.reduce(0, +) }

    /// One line: `10 jobs: 7 ok, 1 failed, 1 timeout, 0 crashed, 1 pending; 25.3 s of job time`.
    public var totalsLine: String {
        let (byStatus, pending) = counts
        let parts = JobStatus.allCases.map { "\(byStatus[$0] ?? 0) \($0.rawValue)" } + ["\(pending) pending"]
        var line = "\(rows.count) jobs: \(parts.joined(separator: ", ")); \(String(format: "%.1f", jobSeconds)) s of job time"
        if staleRecords > 0 { line += "; \(staleRecords) results of jobs no longer in the manifest (not shown)" }
        if damagedLines > 0 { line += "; \(damagedLines) incomplete lines in the results (ignored)" }
        return line
    }

    public func rendered(_ format: Format) -> String {
        switch format {
        case .text: text
        case .json: json
        case .csv: csv
        }
    }

    static let csvColumns = ["name", "id", "status", "seconds", "complexity", "r2", "test_rmse", "exact", "formula",
                             "latex", "sympy", "error"]

    /// The cells of a row, by column name; empty for what the job does not have.
    private func cells(_ row: Row) -> [String: String] {
        var cells = ["name": row.job.name, "id": row.job.id, "status": row.record?.status.rawValue ?? "pending"]
        guard let record = row.record else { return cells }
        cells["seconds"] = String(format: "%.1f", record.seconds)
        for key in ["complexity", "r2", "test_rmse", "exact", "formula", "latex", "sympy", "error"] {
            if let value = record[key], !(value is NSNull) { cells[key] = Self.text(value) }
        }
        if record.status == .ok, cells["formula"] == nil, let output = record["stdout_tail"] as? String {
            cells["formula"] = output.split(separator: "\n").last.map(String.init)
        }
        return cells
    }

    /// The table: one line per job, then the totals.
    public var text: String {
        let header = ["job", "status", "seconds", "complexity", "r2", "formula / error"]
        var lines: [[String]] = [header]
        for row in rows {
            let cells = cells(row)
            let last = cells["status"] == "ok" ? cells["formula"] : cells["error"]
            lines.append([cells["name"] ?? "", cells["status"] ?? "", cells["seconds"] ?? "", cells["complexity"] ?? "",
                          cells["r2"].map(Self.shortNumber) ?? "", last ?? ""])
        }
        var widths = Array(repeating: 0, count: header.count)
        for line in lines {
            for (column, cell) in line.enumerated() where column < header.count - 1 {
                widths[column] = min(max(widths[column], cell.count), 40)
            }
        }
        var output = lines.map { line in
            line.enumerated().map { column, cell in
                column == header.count - 1 ? cell : Self.padded(cell, widths[column], right: column == 2)
            }.joined(separator: "  ")
        }
        output.append(totalsLine)
        return output.joined(separator: "\n") + "\n"
    }

    /// `{"jobs": [...], "totals": {...}}`: each job's record (or `{"name", "id", "status":
    /// "pending"}`), and the counts.
    public var json: String {
        let (byStatus, pending) = counts
        var totals: [String: Any] = ["jobs": rows.count, "pending": pending, "seconds": jobSeconds,
                                     "stale_records": staleRecords, "damaged_lines": damagedLines]
        for status in JobStatus.allCases { totals[status.rawValue] = byStatus[status] ?? 0 }
        let jobs: [[String: Any]] = rows.map { row in
            row.record?.fields ?? ["name": row.job.name, "id": row.job.id, "status": "pending", "command": row.job.arguments]
        }
        let object: [String: Any] = ["jobs": jobs, "totals": totals]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]),
              let text = String(data: data, encoding: .utf8) else { return "{}\n" }
        return text + "\n"
    }

    /// One row per job (`csvColumns`), cells quoted as RFC 4180 asks.
    public var csv: String {
        var lines = [Self.csvColumns.joined(separator: ",")]
        for row in rows {
            let cells = cells(row)
            lines.append(Self.csvColumns.map { Self.csvCell(cells[$0] ?? "") }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func text(_ value: Any) -> String {
        switch value {
        case let string as String: string
        case let number as NSNumber:
            String(cString: number.objCType) == "c" ? (number.boolValue ? "true" : "false") : "\(number)"
        default: "\(value)"
        }
    }

    private static func shortNumber(_ text: String) -> String {
        guard let value = Double(text) else { return text }
        return String(format: "%.6g", value)
    }

    private static func padded(_ text: String, _ width: Int, right: Bool) -> String {
        let cut = text.count > width ? String(text.prefix(max(width - 1, 0))) + "…" : text
        let padding = String(repeating: " ", count: max(0, width - cut.count))
        return right ? padding + cut : cut + padding
    }

    private static func csvCell(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
