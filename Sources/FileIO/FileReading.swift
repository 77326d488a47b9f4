#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read, in words a user can act on.
public struct FileReadError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// Nothing is at the path (or a folder on the way is missing).
        case notFound
        /// Something is there, but it is not something kan reads: a folder, a device, a socket.
        case notReadable(FileKind)
        /// The file, or the stream, holds more than the limit.
        case tooLarge(limit: Int)
        /// The system refused (permission, an I/O error); `reason` says how.
        case systemError(Int32)
    }

    /// The path as the caller named it ("-" for standard input).
    public var path: String
    public var kind: Kind

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    /// Why, without the path: "it is a character device, not a regular file or a pipe ...".
    public var reason: String {
        switch kind {
        case .notFound:
            return "the file does not exist"
        case .notReadable(.folder):
            return "it is a folder, not a file"
        case .notReadable(let kind):
            return "it is \(kind.phrase), not a regular file or a pipe (kan reads only those, and standard input as -)"
        case .tooLarge(let limit):
            return "it holds more than \(ReadSizeLimit.describe(limit)), the most kan reads from such a file"
        case .systemError(let code):
            return describeErrno(code)
        }
    }

    /// "cannot read 'x.csv': the file does not exist".
    public var description: String { "cannot read '\(path)': \(reason)" }
}

/// The path that names standard input wherever kan reads a data file: `kan discover -`.
public let standardInputPath = "-"

/// The whole content of the file at `path`, or of standard input when `path` is `-`;
/// the one way kan reads a file a user names (data, scripts, libraries, checkpoints).
///
///     let bytes = try readEntireFile(atPath: "data.csv", limit: ReadSizeLimit.data)
///
/// - Regular files (through symbolic links too) are read whole; one larger than `limit`
///   is refused before a byte is read, so the buffer is allocated once, at its size.
/// - Pipes and standard input are read as a stream until their end, or refused as soon
///   as they hold more than `limit` bytes: a stream may never end.
/// - Folders, character and block devices (`/dev/zero`, a disk, a terminal) and sockets
///   are refused without being opened — opening a device can itself act (a tape rewinds)
///   and reading one may never end. Standard input is read whatever it is (a terminal
///   ends with Ctrl-D; `/dev/zero` redirected into it stops at `limit`).
public func readEntireFile(atPath path: String, limit: Int) throws(FileReadError) -> [UInt8] {
    if path == standardInputPath {
        return try readStream(STDIN_FILENO, path: path, limit: limit, sizeHint: 0)
    }
    var status = stat()
    guard stat(path, &status) == 0 else { throw openError(errno, path: path) }
    try requireReadable(FileKind(mode: status.st_mode), path: path)
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)
    guard descriptor >= 0 else { throw openError(errno, path: path) }
    defer { close(descriptor) }
    // The name may have been swapped for something else between stat and open.
    guard fstat(descriptor, &status) == 0 else { throw FileReadError(path: path, kind: .systemError(errno)) }
    let kind = FileKind(mode: status.st_mode)
    try requireReadable(kind, path: path)
    if kind == .regular, Int(status.st_size) > limit {
        throw FileReadError(path: path, kind: .tooLarge(limit: limit))
    }
    return try readStream(descriptor, path: path, limit: limit, sizeHint: kind == .regular ? Int(status.st_size) : 0)
}

/// Refuses what is not a regular file or a pipe.
private func requireReadable(_ kind: FileKind, path: String) throws(FileReadError) {
    guard kind == .regular || kind == .namedPipe else {
        throw FileReadError(path: path, kind: .notReadable(kind))
    }
}

private func openError(_ code: Int32, path: String) -> FileReadError {
    FileReadError(path: path, kind: code == ENOENT || code == ENOTDIR ? .notFound : .systemError(code))
}

/// Reads `descriptor` to its end. A regular file's size is only a hint (files can grow
/// while being read), so one byte more is asked for to see the end; a stream's buffer
/// doubles from 64 KiB, never past `limit` + 1.
private func readStream(_ descriptor: Int32, path: String, limit: Int, sizeHint: Int) throws(FileReadError) -> [UInt8] {
    var capacity = Swift.min(sizeHint > 0 ? sizeHint + 1 : 1 << 16, limit + 1)
    var bytes = [UInt8](repeating: 0, count: capacity)
    var count = 0
    while true {
        if count == capacity {
            guard capacity <= limit else { throw FileReadError(path: path, kind: .tooLarge(limit: limit)) }
            let grown = Swift.min(Swift.max(capacity * 2, 1 << 16), limit + 1)
            bytes.append(contentsOf: repeatElement(0, count: grown - capacity))
            capacity = grown
        }
        let result = bytes.withUnsafeMutableBytes { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            return read(descriptor, base + count, capacity - count)
        }
        if result < 0 {
            let code = errno
            if code == EINTR { continue }
            throw FileReadError(path: path, kind: code == EISDIR ? .notReadable(.folder) : .systemError(code))
        }
        if result == 0 { break }
        count += result
    }
    if count > limit { throw FileReadError(path: path, kind: .tooLarge(limit: limit)) }
    bytes.removeSubrange(count...)
    return bytes
}
