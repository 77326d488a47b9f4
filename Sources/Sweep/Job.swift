/// One job of a sweep, resolved: the exact `kan` command line it runs, where, and for how long.
///
/// Its `id` is the SHA-256 of what decides its result (the kind, the command line with the
/// paths as the manifest writes them, relative to the manifest's folder, and the timeout), not
/// of its name or its row's place: reordering or renaming rows, or moving the campaign's folder
/// with its results, keeps every finished job finished; editing one row's settings gives
/// that row (and only it) a new identity, so it runs again.
public struct Job: Equatable, Sendable {
    public enum Kind: String, Sendable {
        /// `kan discover DATA --format json --quiet ...`
        case discover
        /// `kan SCRIPT ARGS...`
        case script
    }

    public var name: String
    public var kind: Kind
    /// The arguments after the `kan` executable.
    public var arguments: [String]
    /// Seconds of wall-clock time before the job's processes are killed ("timeout").
    public var timeout: Double
    /// The working directory of the job's process: the manifest's folder, against which the
    /// manifest's relative paths (and a script's relative arguments) resolve.
    public var directory: String
    /// The manifest line of the job's row, for messages.
    public var line: Int?

    public init(name: String, kind: Kind, arguments: [String], timeout: Double, directory: String, line: Int? = nil) {
        self.name = name
        self.kind = kind
        self.arguments = arguments
        self.timeout = timeout
        self.directory = directory
        self.line = line
    }

    /// 16 hexadecimal digits (64 bits) of the SHA-256 of the job's kind, arguments and
    /// timeout: collisions are out of reach for any sweep, and the name stays short enough for
    /// log file names.
    public var id: String {
        let canonical = ([kind.rawValue, "timeout=\(Self.number(timeout))"] + arguments).joined(separator: "\u{1F}")
        return String(SHA256.hexDigest(canonical).prefix(16))
    }

    /// A number as a command line or an identity writes it: `2` for 2.0, `0.5` for 0.5.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
