import Foundation
import Testing
@testable import FileIO

/// `readEntireFile` reads regular files and pipes, refuses folders, devices and sockets
/// without reading them, and never holds more than its limit.
@Suite struct FileReadingTests {
    @Test func readsARegularFileAndALinkToIt() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("x,y\n1,2\n".utf8).write(to: URL(fileURLWithPath: folder + "/a.csv"))
        symlink(folder + "/a.csv", folder + "/link.csv")
        #expect(try readEntireFile(atPath: folder + "/a.csv", limit: 100) == Array("x,y\n1,2\n".utf8))
        #expect(try readEntireFile(atPath: folder + "/link.csv", limit: 100) == Array("x,y\n1,2\n".utf8))
        // Exactly at the limit is fine; one byte past is refused before reading.
        #expect(try readEntireFile(atPath: folder + "/a.csv", limit: 8).count == 8)
        #expect(throws: FileReadError(path: folder + "/a.csv", kind: .tooLarge(limit: 7))) {
            try readEntireFile(atPath: folder + "/a.csv", limit: 7)
        }
    }

    @Test func missingFolderAndSocketAreRefused() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: FileReadError(path: folder + "/none", kind: .notFound)) { try readEntireFile(atPath: folder + "/none", limit: 10) }
        #expect(throws: FileReadError(path: folder, kind: .notReadable(.folder))) { try readEntireFile(atPath: folder, limit: 10) }
        #expect(FileReadError(path: "d", kind: .notReadable(.folder)).description == "cannot read 'd': it is a folder, not a file")
        mknod(folder + "/socket", S_IFSOCK | 0o644, 0)
        if FileKind(mode: linkStatus(folder + "/socket").st_mode) == .socket {
            #expect(throws: FileReadError(path: folder + "/socket", kind: .notReadable(.socket))) {
                try readEntireFile(atPath: folder + "/socket", limit: 10)
            }
        }
    }

    /// A character device that never ends (a node like /dev/zero, made in a temporary
    /// folder) is refused at once, directly and through a symbolic link.
    @Test func devicesAreRefusedWithoutReading() throws {
        guard canMakeDevices else {
            print("skipped: making device nodes with mknod needs root")
            return
        }
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let zero = folder + "/zero"
        #expect(mknod(zero, S_IFCHR | 0o666, dev_t((1 << 8) | 5)) == 0)
        symlink(zero, folder + "/data.csv")
        for path in [zero, folder + "/data.csv"] {
            #expect(throws: FileReadError(path: path, kind: .notReadable(.characterDevice))) {
                try readEntireFile(atPath: path, limit: 1 << 30)
            }
        }
        #expect(FileReadError(path: zero, kind: .notReadable(.characterDevice)).description
            == "cannot read '\(zero)': it is a character device, not a regular file or a pipe (kan reads only those, and standard input as -)")
        let disk = folder + "/disk"
        #expect(mknod(disk, S_IFBLK | 0o600, dev_t((7 << 8) | 0)) == 0)
        #expect(throws: FileReadError(path: disk, kind: .notReadable(.blockDevice))) { try readEntireFile(atPath: disk, limit: 10) }
    }

    @Test func aPipeIsReadAsAStream() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = folder + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let text = Array(String(repeating: "1,2\n", count: 50_000).utf8)  // 200 KB: more than one buffer
        feed(fifo, text)
        #expect(try readEntireFile(atPath: fifo, limit: 1 << 20) == text)
    }

    /// A pipe that never ends is read up to the limit and then refused, quickly.
    @Test func anEndlessPipeStopsAtTheLimit() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = folder + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        signal(SIGPIPE, SIG_IGN)
        feed(fifo, [UInt8](repeating: 0, count: 65536), repeating: true)
        let start = Date()
        #expect(throws: FileReadError(path: fifo, kind: .tooLarge(limit: 4 << 20))) {
            try readEntireFile(atPath: fifo, limit: 4 << 20)
        }
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(FileReadError(path: "p", kind: .tooLarge(limit: 4 << 20)).reason
            == "it holds more than 4 MiB, the most kan reads from such a file")
    }
}
