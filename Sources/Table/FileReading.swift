#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of the file at `path`, read with POSIX calls so that each failure maps to
/// a precise `TableError` (missing file, permission, a folder) rather than a platform's
/// generic error. `name` is how messages refer to the file.
func readFileBytes(path: String, name: String) throws -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
        let code = errno
        if code == ENOENT || code == ENOTDIR { throw TableError(.fileNotFound, file: name) }
        throw TableError(.unreadableFile(reason: describeErrno(code)), file: name)
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
        throw TableError(.unreadableFile(reason: describeErrno(errno)), file: name)
    }
    if (status.st_mode & S_IFMT) == S_IFDIR {
        throw TableError(.unreadableFile(reason: "it is a folder, not a file"), file: name)
    }
    // The size is a hint: pipes report 0 and files may grow while being read.
    var bytes = [UInt8](repeating: 0, count: Swift.max(Int(status.st_size), 0) + 1)
    var count = 0
    while true {
        if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: Swift.max(bytes.count, 65536))) }
        let result = bytes.withUnsafeMutableBytes { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            return read(descriptor, base + count, buffer.count - count)
        }
        if result < 0 {
            if errno == EINTR { continue }
            throw TableError(.unreadableFile(reason: describeErrno(errno)), file: name)
        }
        if result == 0 { break }
        count += result
    }
    bytes.removeSubrange(count...)
    return bytes
}

/// The C library's description of an `errno` value, such as "Permission denied".
func describeErrno(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}
