import Foundation

/// The folders that `import "FILE.kan"` searches after the importing script's own folder:
/// the `KAN_LIBRARY_PATH` environment variable (folders separated by `:`), then the
/// conventional install location `/usr/local/share/kan/library`.
///
/// The standard library is not searched for: it is built into kan (`StandardLibrary`).
/// No folder is derived from the current folder or from `argv[0]` — run by name from
/// PATH, `argv[0]` is just `kan`, which made kan look for `library/std.kan` under the
/// current folder and run whatever it found there.
enum LibraryLocator {
    static func searchPaths() -> [String] {
        var paths: [String] = []
        if let variable = ProcessInfo.processInfo.environment["KAN_LIBRARY_PATH"] {
            paths += variable.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        paths.append("/usr/local/share/kan/library")
        return paths
    }
}
