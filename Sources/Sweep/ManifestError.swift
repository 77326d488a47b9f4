/// A manifest that cannot be run, with where and why: `campaign.toml:12: error: ...`.
///
/// Every problem of a manifest is found before any job starts, so a typo in row 40 does not
/// surface an hour into a sweep.
public struct ManifestError: Error, CustomStringConvertible, Equatable {
    public var path: String
    /// The 1-based line the problem is on, when known.
    public var line: Int?
    public var reason: String

    public init(path: String, line: Int?, reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
    }

    public var description: String {
        if let line { return "\(path):\(line): error: \(reason)" }
        return "\(path): error: \(reason)"
    }
}
