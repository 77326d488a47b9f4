import Foundation
import Testing
@testable import FileIO

/// `writeAtomically` replaces only regular files: it follows a symbolic link to one
/// (keeping the link), keeps the replaced file's mode and owner, and refuses devices,
/// pipes, sockets, folders, links to nothing and hard-linked files, leaving them as they were.
@Suite struct AtomicFileWritingTests {
    func save(_ text: String, _ path: String) throws(FileWriteError) {
        try writeAtomically(Array(text.utf8), toPath: path)
    }

    func names(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test func aNewFileGets0644MinusTheUmask() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let old = umask(0o027)
        defer { umask(old) }
        try save("new\n", folder + "/new.csv")
        #expect(contents(folder + "/new.csv") == "new\n")
        #expect(linkStatus(folder + "/new.csv").st_mode & 0o777 == 0o640)
        #expect(names(folder) == ["new.csv"])
    }

    @Test func replacingKeepsTheMode() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/secret.json"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o600)
        try save("new", path)
        #expect(contents(path) == "new")
        #expect(linkStatus(path).st_mode & 0o7777 == 0o600)
        chmod(path, 0o751)
        try save("newer", path)
        #expect(linkStatus(path).st_mode & 0o7777 == 0o751)
    }

    /// As root, the replacement keeps the old file's owner and group.
    @Test func replacingAsRootKeepsTheOwner() throws {
        guard geteuid() == 0 else {
            print("skipped: only root can give a file to another owner")
            return
        }
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/theirs.csv"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        #expect(chown(path, 65534, 65534) == 0)
        try save("new", path)
        let status = linkStatus(path)
        #expect(status.st_uid == 65534 && status.st_gid == 65534)
        #expect(contents(path) == "new")
    }

    @Test func aSymbolicLinkIsFollowedAndKept() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/real", withIntermediateDirectories: true)
        let target = folder + "/real/model.json"
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        chmod(target, 0o600)
        #expect(symlink("real/model.json", folder + "/model.json") == 0)
        #expect(symlink(folder + "/model.json", folder + "/chain.json") == 0)
        try save("new", folder + "/model.json")
        #expect(FileKind(mode: linkStatus(folder + "/model.json").st_mode) == .symbolicLink)
        #expect(contents(target) == "new")
        #expect(linkStatus(target).st_mode & 0o777 == 0o600)
        try save("newer", folder + "/chain.json")
        #expect(FileKind(mode: linkStatus(folder + "/chain.json").st_mode) == .symbolicLink)
        #expect(contents(target) == "newer")
        // The temporary file was made beside the target, and is gone.
        #expect(names(folder + "/real") == ["model.json"])
    }

    @Test func aLinkToNothingIsRefused() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(symlink(folder + "/missing/x", folder + "/out.csv") == 0)
        #expect(throws: FileWriteError(path: folder + "/out.csv", kind: .danglingLink(target: folder + "/missing/x"))) {
            try save("new", folder + "/out.csv")
        }
        #expect(names(folder) == ["out.csv"])
    }

    @Test func aNamedPipeIsRefusedAndKept() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = folder + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        symlink(fifo, folder + "/link")
        for path in [fifo, folder + "/link"] {
            #expect(throws: FileWriteError(path: path, kind: .notRegular(.namedPipe))) { try save("x", path) }
        }
        #expect(FileKind(mode: linkStatus(fifo).st_mode) == .namedPipe)
        #expect(names(folder) == ["link", "pipe"])
        #expect(FileWriteError(path: fifo, kind: .notRegular(.namedPipe)).description
            == "cannot write '\(fifo)': it is a named pipe (FIFO), not a regular file; kan only replaces regular files; any previous file there is unchanged")
    }

    @Test func aFolderAndASocketAreRefused() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        #expect(throws: FileWriteError(path: folder + "/sub", kind: .notRegular(.folder))) { try save("x", folder + "/sub") }
        if mknod(folder + "/socket", S_IFSOCK | 0o644, 0) == 0 {
            #expect(throws: FileWriteError(path: folder + "/socket", kind: .notRegular(.socket))) { try save("x", folder + "/socket") }
        }
    }

    /// A device node like /dev/full, made in a temporary folder, stays a device.
    @Test func aDeviceIsRefusedAndKept() throws {
        guard canMakeDevices else {
            print("skipped: making device nodes with mknod needs root")
            return
        }
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let full = folder + "/full"
        #expect(mknod(full, S_IFCHR | 0o666, dev_t((1 << 8) | 7)) == 0)
        symlink(full, folder + "/model.json")
        for path in [full, folder + "/model.json"] {
            #expect(throws: FileWriteError(path: path, kind: .notRegular(.characterDevice))) { try save("x", path) }
        }
        #expect(FileKind(mode: linkStatus(full).st_mode) == .characterDevice)
        #expect(names(folder) == ["full", "model.json"])
    }

    @Test func aHardLinkedFileIsRefusedAndKept() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("old".utf8).write(to: URL(fileURLWithPath: folder + "/a.csv"))
        #expect(link(folder + "/a.csv", folder + "/b.csv") == 0)
        #expect(throws: FileWriteError(path: folder + "/a.csv", kind: .hardLinks(count: 2))) { try save("new", folder + "/a.csv") }
        #expect(contents(folder + "/a.csv") == "old" && contents(folder + "/b.csv") == "old")
        #expect(linkStatus(folder + "/a.csv").st_ino == linkStatus(folder + "/b.csv").st_ino)
        // With the other name gone, the file is an ordinary one again.
        unlink(folder + "/b.csv")
        try save("new", folder + "/a.csv")
        #expect(contents(folder + "/a.csv") == "new")
    }

    /// In a sticky world-writable folder (like /tmp), a link that belongs to another user
    /// is not followed, as the kernel's fs.protected_symlinks would not follow it.
    @Test func anotherUsersLinkInAStickyFolderIsRefused() throws {
        guard geteuid() == 0 else {
            print("skipped: giving a link to another user needs root")
            return
        }
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let shared = folder + "/shared"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        chmod(shared, 0o1777)
        try Data("precious".utf8).write(to: URL(fileURLWithPath: folder + "/precious"))
        #expect(symlink(folder + "/precious", shared + "/out.csv") == 0)
        #expect(lchown(shared + "/out.csv", 65534, 65534) == 0)
        #expect(throws: FileWriteError(path: shared + "/out.csv", kind: .foreignLink)) { try save("x", shared + "/out.csv") }
        #expect(contents(folder + "/precious") == "precious")
        // Our own link there is followed.
        #expect(lchown(shared + "/out.csv", 0, 0) == 0)
        try save("x", shared + "/out.csv")
        #expect(contents(folder + "/precious") == "x")
    }

    @Test func failuresNameTheCause() {
        #expect(FileWriteError(path: "o", kind: .systemError(ENOSPC)).reason == "the disk is full")
        #expect(FileWriteError(path: "o", kind: .hardLinks(count: 3)).reason.hasPrefix("the file has 3 hard links"))
        #expect(FileWriteError(path: "o", kind: .systemError(ENOENT)).description
            == "cannot write 'o': the folder does not exist; any previous file there is unchanged")
    }
}
