import Foundation

/// A fresh folder under the temporary directory for one test's files (scripts, tables,
/// checkpoints), so that tests running in parallel never see each other's files.
enum ScratchFolder {
    /// Creates `TMPDIR/PREFIX-UUID` and returns it.
    static func make(_ prefix: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to `name` in `folder` and returns its path.
    static func write(_ text: String, to name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}
