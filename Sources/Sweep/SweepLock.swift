import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on a sweep folder's lock file, held until the process ends.
///
/// Two local sweeps on one folder would both run every unfinished job and record each twice;
/// the second is refused instead. The kernel drops the lock when its holder ends, however it
/// ends (kill -9 too), so a stale lock never blocks a rerun. It is never released early: a
/// sweep holds it for its whole life.
public struct SweepLock {
    public let descriptor: Int32

    public init(path: String) throws {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SweepLockError(description: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            throw SweepLockError(description: "another kan sweep\(holder.isEmpty ? "" : " (pid \(holder))") is running on \(path.dropLast("/sweep.lock".count)); wait for it or stop it")
        }
        ftruncate(descriptor, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(descriptor, $0, strlen($0)) }
        self.descriptor = descriptor
    }
}

public struct SweepLockError: Error, CustomStringConvertible {
    public var description: String
}
