import Foundation

/// A fresh folder for one test's files; the caller removes it.
func scratchFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("FileIOTests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The text of a file, or nil.
func contents(_ path: String) -> String? {
    (try? Data(contentsOf: URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) }
}

/// The status of the name itself (not what a link points to).
func linkStatus(_ path: String) -> stat {
    var status = stat()
    _ = lstat(path, &status)
    return status
}

/// True when this process may create device nodes (root, outside a user namespace that forbids it).
let canMakeDevices: Bool = geteuid() == 0

/// Writes `bytes` into the FIFO at `path` from another thread (opening blocks until a
/// reader opens it), then closes it; `repeating` writes the bytes again and again until
/// the reader goes away (EPIPE), standing in for a stream that never ends.
func feed(_ path: String, _ bytes: [UInt8], repeating: Bool = false) {
    Thread.detachNewThread {
        let descriptor = open(path, O_WRONLY)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        repeat {
            let result = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 { return }
        } while repeating
    }
}
