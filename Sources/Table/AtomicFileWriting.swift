#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename,
/// which is atomic on POSIX file systems when both names are in one folder. Failures map
/// to `TableError.Kind.writeFailed` with a reason a user can act on; the temporary file
/// is removed on failure, and any file already at `path` stays as it was. `name` is how
/// messages refer to the file. Public for kan's other text files (SVG plots), so that
/// every file kan writes fails the same way.
public func writeAtomically(_ bytes: [UInt8], path: String, name: String) throws {
    let folderEnd = path.lastIndex(of: "/")
    let folder = folderEnd.map { String(path[...$0]) } ?? ""
    let base = folderEnd.map { String(path[path.index(after: $0)...]) } ?? path
    var descriptor: Int32 = -1
    var temporary = ""
    // O_EXCL makes the name ours alone; retry on the rare clash with another writer.
    for attempt in 0..<100 {
        temporary = folder + ".\(base).\(getpid()).\(attempt).tmp"
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        if descriptor >= 0 || errno != EEXIST { break }
    }
    guard descriptor >= 0 else { throw writeError(errno, name: name) }
    var failure: Int32 = 0
    var written = 0
    bytes.withUnsafeBytes { buffer in
        guard let base = buffer.baseAddress else { return }
        while written < buffer.count {
            let result = write(descriptor, base + written, buffer.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                failure = errno
                return
            }
            written += result
        }
    }
    // Data a full disk refuses may surface only at fsync or close.
    if failure == 0, fsync(descriptor) != 0 { failure = errno }
    if close(descriptor) != 0, failure == 0 { failure = errno }
    if failure == 0, rename(temporary, path) != 0 { failure = errno }
    if failure != 0 {
        unlink(temporary)
        throw writeError(failure, name: name)
    }
}

/// The error for a failed write, in words for the common causes.
func writeError(_ code: Int32, name: String) -> TableError {
    let reason: String
    switch code {
    case EACCES, EPERM: reason = "permission denied (is the folder read-only?)"
    case EROFS: reason = "the file system is read-only"
    case ENOSPC: reason = "the disk is full"
    case EDQUOT: reason = "the disk quota is exceeded"
    case EFBIG: reason = "the file is larger than the file size limit (ulimit -f)"
    case ENOENT, ENOTDIR: reason = "the folder does not exist"
    case EISDIR: reason = "it is a folder, not a file"
    default: reason = describeErrno(code)
    }
    return TableError(.writeFailed(reason: reason), file: name)
}

extension TableError {
    /// Why a write failed, in words ("the disk is full"); nil for other errors. For
    /// callers that name the file themselves.
    public var writeFailureReason: String? {
        if case .writeFailed(let reason) = kind { return reason }
        return nil
    }
}
