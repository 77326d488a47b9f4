import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Saves `bytes` to `path` so that the file under its final name is always complete: the
/// old one until the new one is whole, then the new one. The one way kan writes a file a
/// user names (CSV, checkpoints, SVG plots).
///
///     try writeAtomically(Array(text.utf8), toPath: "out.svg")
///
/// **Atomic.** The bytes go to a temporary file `.NAME.tmp-PID-N` in the destination's
/// folder (created with `O_EXCL`, so it is ours alone), are flushed with `fsync`, and the
/// temporary file is renamed over `NAME`: `rename(2)` replaces a name atomically within one
/// file system. A process killed at any point (even `kill -9`) leaves the old file or the
/// new one, never a mixture; at worst a temporary file stays behind, and the next save to
/// the same name removes those of processes that no longer run. On any failure (a full
/// disk, a file size limit, a read-only folder) the temporary file is removed and the old
/// file is untouched.
///
/// **Only regular files are replaced** (see `SaveDestination`): a symbolic link to a
/// regular file is followed, and the file it points to is replaced (the link stays);
/// folders, devices, named pipes, sockets, links to nothing and files with more than one
/// hard link are refused. The replacement keeps the replaced file's permission bits and,
/// when run as root, its owner and group. A new file gets mode 0644 minus the umask.
public func writeAtomically(_ bytes: some ContiguousBytes, toPath path: String) throws(FileWriteError) {
    let destination = try SaveDestination(path: path)
    let (folder, name) = splitPath(destination.path)
    removeAbandonedTemporaries(folder: folder, name: name)
    var descriptor: Int32 = -1
    var temporary = ""
    for attempt in 0..<100 {
        temporary = folder + ".\(name).tmp-\(getpid())-\(attempt)"
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if descriptor >= 0 || errno != EEXIST { break }
    }
    guard descriptor >= 0 else { throw FileWriteError(path: path, kind: .systemError(errno)) }
    var code: Int32 = 0
    if let existing = destination.existing {
        code = keepAttributes(of: existing, on: descriptor)
    }
    let pause = testPause()
    if code == 0 {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            if let pause { usleep(pause) }
            var written = 0
            while written < buffer.count {
                // Chunks bound each write(2), and let the test hook pause between chunks.
                let length = Swift.min(buffer.count - written, pause == nil ? 1 << 20 : 1 << 16)
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
    }
    // A full disk may refuse the data only when it is flushed.
    if code == 0, fsync(descriptor) != 0 { code = errno }
    if close(descriptor) != 0, code == 0 { code = errno }
    if code == 0, rename(temporary, destination.path) != 0 { code = errno }
    if code != 0 {
        unlink(temporary)
        throw FileWriteError(path: path, kind: .systemError(code))
    }
    // Makes the rename itself durable across a power failure; a failure here cannot
    // undo the save, so it is not reported.
    let folderDescriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if folderDescriptor >= 0 {
        _ = fsync(folderDescriptor)
        close(folderDescriptor)
    }
}

/// Gives the temporary file the permission bits of the file it will replace and, for
/// root (the only user POSIX lets give a file away), its owner and group. Set-user-ID,
/// set-group-ID and sticky bits are not carried over: kan writes data, not programs.
/// Returns 0 or the `errno` of the failure.
private func keepAttributes(of existing: stat, on descriptor: Int32) -> Int32 {
    if geteuid() == 0, fchown(descriptor, existing.st_uid, existing.st_gid) != 0 { return errno }
    if fchmod(descriptor, existing.st_mode & 0o777) != 0 { return errno }
    return 0
}

/// The folder (with its trailing slash, or empty) and the file name of `path`.
func splitPath(_ path: String) -> (folder: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return ("", path) }
    return (String(path[...slash]), String(path[path.index(after: slash)...]))
}

/// Removes `.NAME.tmp-PID-N` files of `name` whose process no longer runs: what a save
/// killed mid-write leaves behind. Files of live processes (a save in progress
/// elsewhere) are left alone.
func removeAbandonedTemporaries(folder: String, name: String) {
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

/// Test hook: `KAN_TEST_WRITE_PAUSE_US=N` writes in 64 KiB chunks with a pause of N
/// microseconds before the first and after each, so that a write lasts long enough for a
/// `kill -9` sent from outside to land inside it: at a random moment, or once the temporary
/// file has reached a given size (0, a multiple of 64 KiB, or whole before the rename).
/// It only slows a save down; unset in normal use.
private func testPause() -> useconds_t? {
    guard let value = getenv("KAN_TEST_WRITE_PAUSE_US") else { return nil }
    return UInt32(String(cString: value)).map { useconds_t(Swift.min($0, 1_000_000)) }
}
