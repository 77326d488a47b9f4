import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A sweep's manifest: a TOML file of `[defaults]` and `[[job]]` rows (docs/sweeps.md).
///
///     [defaults]
///     time-limit = 30          # kan discover --time-limit
///     timeout = 120            # the sweep kills a job after this many seconds
///     seed = [0, 1, 2]         # one job per seed
///
///     [[job]]
///     data = "runs/*.csv"      # a glob: one job per file (and per seed)
///
///     [[job]]
///     name = "pendulum"
///     data = "pendulum.csv"
///     target = "T"
///
///     [[job]]
///     script = "fit.kan"       # kan fit.kan 3 data.csv
///     args = ["3", "data.csv"]
///
/// Relative paths resolve against the manifest's folder, where every job runs. Every
/// problem (an unknown key, a value of the wrong type, a glob matching nothing, two rows
/// that are the same job) is reported with the file and line before anything runs.
public struct Manifest: Sendable {
    /// The manifest's path as given.
    public var path: String
    /// The absolute folder the manifest is in.
    public var folder: String
    public var jobs: [Job]

    /// Reads and resolves the manifest at `path`.
    public static func load(path: String) throws(ManifestError) -> Manifest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ManifestError(path: path, line: nil, reason: "cannot read the manifest (no such file, or not readable)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ManifestError(path: path, line: nil, reason: "the manifest is not UTF-8 text")
        }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL
        return try Manifest(text: text, path: path, folder: absolute.deletingLastPathComponent().path)
    }

    /// Parses `text`; `folder` is where relative paths point (globs are matched there).
    public init(text: String, path: String, folder: String) throws(ManifestError) {
        self.path = path
        self.folder = folder
        let lines = ManifestLines(text: text)
        let document = try ManifestValue.parseTOML(text, path: path)
        var defaults = JobSettings()
        var rows: [[(key: String, value: ManifestValue)]] = []
        for (key, value) in document {
            switch key {
            case "defaults":
                guard case .table(let table) = value else {
                    throw ManifestError(path: path, line: lines.defaultsHeader, reason: "defaults must be a table ([defaults])")
                }
                defaults = try JobSettings(table: table, allowsName: false) { key, reason in
                    ManifestError(path: path, line: lines.key(key, inSectionAt: lines.defaultsHeader), reason: "[defaults]: \(reason)")
                }
            case "job":
                guard case .array(let items) = value else {
                    throw ManifestError(path: path, line: nil, reason: "job must be an array of tables: write each row as [[job]]")
                }
                for (index, item) in items.enumerated() {
                    guard case .table(let table) = item else {
                        throw ManifestError(path: path, line: lines.jobHeader(index), reason: "job \(index + 1) is not a table")
                    }
                    rows.append(table)
                }
            default:
                throw ManifestError(path: path, line: nil,
                                    reason: "unknown top-level key '\(key)': a manifest has [defaults] and [[job]] rows only")
            }
        }
        guard !rows.isEmpty else {
            throw ManifestError(path: path, line: nil, reason: "no jobs: add [[job]] rows (see docs/sweeps.md)")
        }
        var jobs: [Job] = []
        for (index, row) in rows.enumerated() {
            let header = lines.jobHeader(index)
            let problem = { (key: String, reason: String) in
                ManifestError(path: path, line: lines.key(key, inSectionAt: header), reason: "job \(index + 1): \(reason)")
            }
            let own = try JobSettings(table: row, allowsName: true, problem: problem)
            jobs += try Self.jobs(of: own.merged(over: defaults), own: own, line: header, folder: folder, problem: problem)
        }
        self.jobs = try Self.uniquelyNamed(jobs, path: path)
    }

    /// The jobs of one row: one per data file its glob matches and per seed. `settings` are
    /// the row's over the defaults', `own` the row's alone: a default that does not apply to
    /// the row's kind (a discover option, for a script row) is ignored; the row's own is an
    /// error.
    private static func jobs(of settings: JobSettings, own: JobSettings, line: Int?, folder: String,
                             problem: (String, String) -> ManifestError) throws(ManifestError) -> [Job] {
        switch (settings.data, settings.script) {
        case (nil, nil):
            throw problem("data", "a job needs data (a table for kan discover) or script (a KanLang file)")
        case (.some, .some):
            throw problem("script", "a job has data or script, not both")
        case (nil, .some(let script)):
            for (key, given) in [("target", own.target != nil), ("test", own.test != nil), ("seed", own.seeds != nil),
                                 ("time-limit", own.timeLimit != nil), ("stages", own.stages != nil),
                                 ("library", own.libraries != nil), ("missing", own.missing != nil),
                                 ("delimiter", own.delimiter != nil), ("drop-nonfinite", own.dropNonFinite != nil),
                                 ("options", own.options != nil)] where given {
                throw problem(key, "\(key) is an option of kan discover; a script job takes args (and timeout) only")
            }
            let name = settings.name ?? stem(script)
            return [Job(name: name, kind: .script, arguments: [normalized(script)] + (settings.arguments ?? []),
                        timeout: settings.timeout ?? 3600, directory: folder, line: line)]
        case (.some(let pattern), nil):
            if own.arguments != nil { throw problem("args", "args belong to a script job; a data job takes discover options") }
            let files = try expand(pattern, folder: folder, problem: problem)
            let seeds: [UInt64?] = settings.seeds.map { $0.map(Optional.some) } ?? [nil]
            var jobs: [Job] = []
            for file in files {
                for seed in seeds {
                    var name = settings.name ?? stem(file)
                    if files.count > 1 && settings.name != nil { name += " \(stem(file))" }
                    if let seed, seeds.count > 1 { name += " seed=\(seed)" }
                    jobs.append(Job(name: name, kind: .discover, arguments: discoverArguments(file, seed: seed, settings),
                                    timeout: settings.timeout ?? (settings.timeLimit ?? 60) + 60, directory: folder, line: line))
                }
            }
            return jobs
        }
    }

    /// `kan discover` with the row's options, in one fixed order (the order is part of the
    /// job's identity).
    private static func discoverArguments(_ data: String, seed: UInt64?, _ settings: JobSettings) -> [String] {
        var arguments = ["discover", data, "--format", "json", "--quiet"]
        if let target = settings.target { arguments += ["--target", target] }
        if let test = settings.test { arguments += ["--test", normalized(test)] }
        if let seed { arguments += ["--seed", "\(seed)"] }
        if let limit = settings.timeLimit { arguments += ["--time-limit", Job.number(limit)] }
        if let stages = settings.stages { arguments += ["--stages", stages] }
        for library in settings.libraries ?? [] { arguments += ["--library", normalized(library)] }
        if let missing = settings.missing { arguments += ["--missing", missing] }
        if let delimiter = settings.delimiter { arguments += ["--delimiter", delimiter] }
        if settings.dropNonFinite == true { arguments.append("--drop-nonfinite") }
        return arguments + (settings.options ?? [])
    }

    /// The files a data pattern names: itself when it has no wildcard (a missing file is the
    /// job's failure, recorded like any other), else the sorted matches, relative to the
    /// manifest's folder when the pattern is.
    private static func expand(_ pattern: String, folder: String,
                               problem: (String, String) -> ManifestError) throws(ManifestError) -> [String] {
        let path = normalized(pattern)
        guard path.contains(where: { "*?[".contains($0) }) else { return [path] }
        let absolute = path.hasPrefix("/")
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        var matches = glob_t()
        defer { globfree(&matches) }
        let status = glob(absolute ? path : prefix + path, 0, nil, &matches)
        guard status == 0 else { throw problem("data", "data pattern '\(pattern)' matches no file in \(folder)") }
        var files: [String] = []
        for index in 0..<Int(matches.gl_pathc) {
            guard let pointer = matches.gl_pathv[index] else { continue }
            let match = String(cString: pointer)
            files.append(absolute ? match : String(match.dropFirst(prefix.count)))
        }
        return files.sorted()
    }

    /// A path without leading `./`, so `./a.csv` and `a.csv` are the same job.
    static func normalized(_ path: String) -> String {
        var result = Substring(path)
        while result.hasPrefix("./") { result = result.dropFirst(2).drop { $0 == "/" } }
        return result.isEmpty ? "." : String(result)
    }

    private static func stem(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }

    /// Refuses two rows that resolve to the same job (they would share one result), and
    /// numbers repeated names (`fit`, `fit #2`) so every row of the summary is told apart.
    private static func uniquelyNamed(_ jobs: [Job], path: String) throws(ManifestError) -> [Job] {
        var seenIDs: [String: Job] = [:]
        var nameCounts: [String: Int] = [:]
        var result: [Job] = []
        for var job in jobs {
            if let earlier = seenIDs[job.id] {
                let place = earlier.line.map { " on line \($0)" } ?? ""
                throw ManifestError(path: path, line: job.line,
                                    reason: "job '\(job.name)' is the same job as '\(earlier.name)'\(place) (same command and timeout)")
            }
            seenIDs[job.id] = job
            let count = (nameCounts[job.name] ?? 0) + 1
            nameCounts[job.name] = count
            if count > 1 { job.name += " #\(count)" }
            result.append(job)
        }
        return result
    }
}
