/// The settings of one manifest row, or of `[defaults]`: every key a manifest may give.
///
/// A row's settings are its own keys over the defaults' (`merged(over:)`); nil means "not
/// given", so `kan discover`'s own default applies and nothing is passed for it.
struct JobSettings: Equatable {
    /// The job's name in the summary (rows only; default: the data or script file's stem).
    var name: String?
    /// A table for `kan discover`, relative to the manifest's folder; may be a glob.
    var data: String?
    /// A KanLang script run as `kan SCRIPT ARGS...` instead of `kan discover`.
    var script: String?
    /// The script's arguments.
    var arguments: [String]?
    var target: String?
    var test: String?
    /// One seed, or several: a row with several seeds is one job per seed.
    var seeds: [UInt64]?
    /// `kan discover --time-limit`: the search's own budget, after which it answers.
    var timeLimit: Double?
    /// The sweep's wall-clock limit for the job's process, after which it is killed and
    /// recorded as "timeout".
    var timeout: Double?
    var stages: String?
    var libraries: [String]?
    var missing: String?
    var delimiter: String?
    var dropNonFinite: Bool?
    /// Further `kan discover` arguments, passed as written.
    var options: [String]?

    /// The manifest keys, in the order the documentation lists them.
    static let keys = ["name", "data", "script", "args", "target", "test", "seed", "time-limit", "timeout",
                       "stages", "library", "missing", "delimiter", "drop-nonfinite", "options"]

    /// `self`'s settings where given, else `defaults`'. A row that names a script does not
    /// inherit a default data file, and the reverse.
    func merged(over defaults: JobSettings) -> JobSettings {
        var result = self
        if data == nil && script == nil {
            result.data = defaults.data
            result.script = defaults.script
        }
        result.arguments = arguments ?? defaults.arguments
        result.target = target ?? defaults.target
        result.test = test ?? defaults.test
        result.seeds = seeds ?? defaults.seeds
        result.timeLimit = timeLimit ?? defaults.timeLimit
        result.timeout = timeout ?? defaults.timeout
        result.stages = stages ?? defaults.stages
        result.libraries = libraries ?? defaults.libraries
        result.missing = missing ?? defaults.missing
        result.delimiter = delimiter ?? defaults.delimiter
        result.dropNonFinite = dropNonFinite ?? defaults.dropNonFinite
        result.options = options ?? defaults.options
        return result
    }
}

extension JobSettings {
    /// Reads a `[defaults]` or `[[job]]` table; `problem` reports a key's error with its line.
    init(table: [(key: String, value: ManifestValue)], allowsName: Bool,
         problem: (String, String) -> ManifestError) throws(ManifestError) {
        for (key, value) in table {
            switch key {
            case "name":
                guard allowsName else { throw problem(key, "a name belongs to one job, not to [defaults]") }
                name = try Self.string(value, key, problem)
            case "data": data = try Self.string(value, key, problem)
            case "script": script = try Self.string(value, key, problem)
            case "args": arguments = try Self.strings(value, key, problem, allowsOne: false)
            case "target": target = try Self.string(value, key, problem)
            case "test": test = try Self.string(value, key, problem)
            case "seed": seeds = try Self.seeds(value, problem)
            case "time-limit": timeLimit = try Self.seconds(value, key, problem)
            case "timeout": timeout = try Self.seconds(value, key, problem)
            case "stages": stages = try Self.string(value, key, problem)
            case "library": libraries = try Self.strings(value, key, problem, allowsOne: true)
            case "missing":
                let policy = try Self.string(value, key, problem)
                guard policy == "drop" || policy == "error" else {
                    throw problem(key, "missing must be \"drop\" or \"error\", not \"\(policy)\"")
                }
                missing = policy
            case "delimiter": delimiter = try Self.string(value, key, problem)
            case "drop-nonfinite":
                guard case .bool(let flag) = value else { throw problem(key, "drop-nonfinite must be true or false, not \(value.kindName)") }
                dropNonFinite = flag
            case "options": options = try Self.strings(value, key, problem, allowsOne: false)
            default:
                throw problem(key, "unknown key '\(key)' (known: \(Self.keys.joined(separator: ", ")))")
            }
        }
    }

    private static func string(_ value: ManifestValue, _ key: String,
                               _ problem: (String, String) -> ManifestError) throws(ManifestError) -> String {
        guard case .string(let text) = value else { throw problem(key, "\(key) must be a string, not \(value.kindName)") }
        guard !text.isEmpty else { throw problem(key, "\(key) is empty") }
        return text
    }

    private static func strings(_ value: ManifestValue, _ key: String, _ problem: (String, String) -> ManifestError,
                                allowsOne: Bool) throws(ManifestError) -> [String] {
        if allowsOne, case .string(let text) = value { return [text] }
        guard case .array(let items) = value else {
            throw problem(key, "\(key) must be an array of strings\(allowsOne ? " or a string" : ""), not \(value.kindName)")
        }
        var result: [String] = []
        for item in items {
            guard case .string(let text) = item else { throw problem(key, "\(key) must hold strings only, not \(item.kindName)") }
            result.append(text)
        }
        return result
    }

    private static func seeds(_ value: ManifestValue,
                              _ problem: (String, String) -> ManifestError) throws(ManifestError) -> [UInt64] {
        let items: [ManifestValue]
        if case .array(let array) = value { items = array } else { items = [value] }
        guard !items.isEmpty else { throw problem("seed", "seed is an empty array") }
        var result: [UInt64] = []
        for item in items {
            guard case .integer(let seed) = item, seed >= 0 else {
                throw problem("seed", "seed must be an integer >= 0 or an array of them, not \(item.kindName == "an integer" ? "a negative integer" : item.kindName)")
            }
            result.append(UInt64(seed))
        }
        return result
    }

    private static func seconds(_ value: ManifestValue, _ key: String,
                                _ problem: (String, String) -> ManifestError) throws(ManifestError) -> Double {
        let number: Double
        switch value {
        case .integer(let integer): number = Double(integer)
        case .double(let double): number = double
        default: throw problem(key, "\(key) must be a number of seconds, not \(value.kindName)")
        }
        guard number.isFinite, number > 0 else { throw problem(key, "\(key) must be a positive number of seconds, not \(number)") }
        return number
    }
}
