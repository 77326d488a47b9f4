import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A results file: JSON lines, appended one complete line per finished job.
///
/// Each line goes out in one `write(2)` on a descriptor opened with `O_APPEND`, then
/// `fsync`: a sweep killed at any point (even `kill -9`) leaves every line it wrote whole,
/// and at worst the one being written cut short. A reader skips a line that is not a
/// complete record (counted as damaged), and the next writer first ends such a line, so the
/// next record starts on a line of its own.
public struct ResultsLog: ~Copyable {
    private let descriptor: Int32
    public let path: String

    /// Opens (creating) `path` for appending.
    public init(path: String) throws {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey:
                "\(path): cannot open the results file: \(String(cString: strerror(errno)))"])
        }
        if Self.endsMidLine(path: path) {
            do {
                try Self.write("\n", to: descriptor, path: path)
            } catch {
                close(descriptor)
                throw error
            }
        }
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Appends `record` as one line and flushes it to the disk.
    public func append(_ record: JobRecord) throws {
        try Self.write(record.line + "\n", to: descriptor, path: path)
        _ = fsync(descriptor)
    }

    private static func write(_ text: String, to descriptor: Int32, path: String) throws {
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.write(descriptor, base + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey:
                    "\(path): cannot append a result: \(String(cString: strerror(errno)))"])
            }
            written += result
        }
    }

    /// Whether the file's last byte is not a line break (a line cut short).
    private static func endsMidLine(path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let size = lseek(descriptor, 0, SEEK_END)
        guard size > 0, lseek(descriptor, size - 1, SEEK_SET) == size - 1 else { return false }
        var byte: UInt8 = 0
        return Glibc.read(descriptor, &byte, 1) == 1 && byte != UInt8(ascii: "\n")
    }

    /// The complete records of a results file (none when it does not exist), and how many
    /// non-empty lines were not complete records.
    public static func read(path: String) -> (records: [JobRecord], damagedLines: Int) {
        guard let data = FileManager.default.contents(atPath: path) else { return ([], 0) }
        let text = String(decoding: data, as: UTF8.self)
        var records: [JobRecord] = []
        var damaged = 0
        for line in text.split(separator: "\n") where !line.allSatisfy(\.isWhitespace) {
            if let record = JobRecord(line: line) { records.append(record) } else { damaged += 1 }
        }
        return (records, damaged)
    }
}
