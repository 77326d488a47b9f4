import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing checkpoint bytes so that the file under its final name is always a complete
/// checkpoint: the old one until the new one is whole, then the new one.
///
/// The bytes go to a temporary file `.NAME.tmp-PID-N` in the target's folder (created
/// with `O_EXCL`, so it is ours alone), are flushed with `fsync`, and the temporary file is
/// renamed over `NAME` — `rename(2)` replaces a name atomically within one file system.
/// A process killed at any point (even `kill -9`) therefore leaves either the old file or
/// the new one, never a mixture; at worst a temporary file stays behind. Loading never
/// reads temporary files, and the next save to the same name removes those left by
/// processes that no longer run.
///
/// A full disk (`ENOSPC`), a file size limit (`EFBIG`), a read-only folder (`EROFS`,
/// `EACCES`) and the like are reported with the file's name and the system's reason, after
/// the temporary file is removed; the old file is untouched.
enum CheckpointFile {
    /// Replaces the file at `path` with `bytes`, atomically (see above).
    static func replace(_ path: String, with bytes: Data) throws {
        let (folder, name) = split(path)
        removeAbandonedTemporaries(folder: folder, name: name)
        var descriptor: Int32 = -1
        var temporary = ""
        for attempt in 0..<100 {
            temporary = folder + ".\(name).tmp-\(getpid())-\(attempt)"
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw failure(errno, path: path) }
        let killPoint = testKillPoint()
        let pause = testPause()
        var code: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var written = 0
            while written < buffer.count {
                // Chunks bound each write(2), and let the test hooks stop at an exact byte
                // or pause between chunks.
                var length = Swift.min(buffer.count - written, pause == nil ? 1 << 20 : 1 << 16)
                if let killPoint, killPoint >= written, killPoint < written + length {
                    length = killPoint - written
                    if length == 0 { kill(getpid(), SIGKILL) }
                }
                let result = write(descriptor, base + written, length)
                if result < 0 {
                    if errno == EINTR { continue }
                    code = errno
                    return
                }
                written += result
                if let pause { usleep(pause) }
            }
        }
        // A full disk may refuse the data only when it is flushed.
        if code == 0, fsync(descriptor) != 0 { code = errno }
        if close(descriptor) != 0, code == 0 { code = errno }
        if code == 0, let killPoint, killPoint >= bytes.count { kill(getpid(), SIGKILL) }
        if code == 0, rename(temporary, path) != 0 { code = errno }
        if code != 0 {
            unlink(temporary)
            throw failure(code, path: path)
        }
        // Makes the rename itself durable across a power failure; a failure here cannot
        // undo the save, so it is not reported.
        let folderDescriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            _ = fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    /// "cannot save the checkpoint m.json: No space left on device (the previous file is unchanged)".
    static func failure(_ code: Int32, path: String) -> KANError {
        var reason = String(cString: strerror(code))
        switch code {
        case EACCES, EPERM: reason += " (is the folder read-only?)"
        case EFBIG: reason += " (the file size limit, ulimit -f, is too small)"
        case ENOENT, ENOTDIR: reason += " (the folder does not exist)"
        default: break
        }
        return .checkpointIO("cannot write \(path): \(reason); any previous file there is unchanged")
    }

    /// The folder (with its trailing slash, or empty) and the file name of `path`.
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }

    /// Removes `.NAME.tmp-PID-N` files of `name` whose process no longer runs: what a
    /// save killed mid-write leaves behind. Files of live processes (a save in progress
    /// elsewhere) are left alone.
    static func removeAbandonedTemporaries(folder: String, name: String) {
        let prefix = ".\(name).tmp-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            let fields = entry.dropFirst(prefix.count).split(separator: "-")
            guard fields.count == 2, let pid = pid_t(fields[0]), Int(fields[1]) != nil, pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink(folder + entry)
            }
        }
    }

    /// Test hook: `KAN_TEST_KILL_WRITE_AT=N` makes the process kill itself with SIGKILL once
    /// N bytes of the temporary file are written (N at or past the end: after the last byte
    /// and the flush, just before the rename), so that tests can interrupt a save at exact
    /// points. Unset in normal use.
    static func testKillPoint() -> Int? {
        guard let value = getenv("KAN_TEST_KILL_WRITE_AT") else { return nil }
        return Int(String(cString: value)).flatMap { $0 >= 0 ? $0 : nil }
    }

    /// Test hook: `KAN_TEST_WRITE_PAUSE_US=N` writes in 64 KiB chunks with a pause of N
    /// microseconds after each, so that a write lasts long enough for a `kill -9` sent from
    /// outside at a random moment to land inside it. Unset in normal use.
    static func testPause() -> useconds_t? {
        guard let value = getenv("KAN_TEST_WRITE_PAUSE_US") else { return nil }
        return UInt32(String(cString: value)).map { useconds_t(Swift.min($0, 1_000_000)) }
    }
}
