import Foundation

/// Finds the folder of KanLang library files (`library/`, holding `std.kan`).
///
/// In order: the `KAN_LIBRARY_PATH` environment variable (folders separated by
/// `:`), then a `library/` folder beside the executable or in any folder above it —
/// which finds the repository's `library/` for `.build/release/kan` — then the
/// conventional install location `/usr/local/share/kan/library`.
enum LibraryLocator {
    static func searchPaths() -> [String] {
        var paths: [String] = []
        if let variable = ProcessInfo.processInfo.environment["KAN_LIBRARY_PATH"] {
            paths += variable.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("library")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("std.kan").path) {
                paths.append(candidate.path)
                break
            }
            directory = directory.deletingLastPathComponent()
        }
        paths.append("/usr/local/share/kan/library")
        return paths
    }
}
