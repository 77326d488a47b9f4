#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where saving to a path writes, decided before anything is written, and the file it
/// replaces. The rules, and why:
///
/// - **Nothing there**: a new file at the path.
/// - **A regular file**: replaced, keeping its mode (and owner and group, as root).
/// - **A symbolic link to a regular file**: the file it points to (through any chain of
///   links) is replaced and the link stays, as an editor saving through a link does: the
///   user named the link to mean its file. The one exception is the kernel's own rule for
///   shared folders (`fs.protected_symlinks`): in a sticky, world-writable folder such as
///   /tmp, a link owned by someone other than us and the folder's owner is not followed,
///   since that is how one user tricks another (or root) into overwriting their files.
/// - **A symbolic link to nothing**: refused. Creating a file wherever a dangling link
///   points is the other half of that trick, and rarely what a user means.
/// - **A folder, a device, a named pipe or a socket**: refused. Renaming over them would
///   put a regular file in place of `/dev/full` or a pipe another program reads.
/// - **A file with more than one hard link**: refused. A rename gives the name a new
///   file, so the other names would keep the old content — a silent split. Writing in
///   place would keep the links but lose atomicity (a kill mid-save would leave a
///   truncated file under every name), and kan never trades a complete file for that.
///
/// The check and the rename are two steps, so a name swapped between them by another
/// process is not caught; they guard against mistakes and planted links, not against a
/// race by a process that can already write to the folder.
struct SaveDestination {
    /// The path to rename over: the given one, or the regular file a link leads to.
    var path: String
    /// The status of the regular file being replaced, if there is one.
    var existing: stat?

    init(path given: String) throws(FileWriteError) {
        var status = stat()
        guard lstat(given, &status) == 0 else {
            let code = errno
            // Nothing there: a new file (a missing folder is reported by the write itself).
            guard code == ENOENT else { throw FileWriteError(path: given, kind: .systemError(code)) }
            path = given
            existing = nil
            return
        }
        path = given
        if FileKind(mode: status.st_mode) == .symbolicLink {
            try Self.requireFollowable(link: given, status: status)
            guard let resolved = realpath(given, nil) else {
                let code = errno
                guard code == ENOENT else { throw FileWriteError(path: given, kind: .systemError(code)) }
                throw FileWriteError(path: given, kind: .danglingLink(target: Self.linkTarget(given)))
            }
            path = String(cString: resolved)
            free(resolved)
            guard lstat(path, &status) == 0 else { throw FileWriteError(path: given, kind: .systemError(errno)) }
        }
        let kind = FileKind(mode: status.st_mode)
        guard kind == .regular else { throw FileWriteError(path: given, kind: .notRegular(kind)) }
        guard status.st_nlink <= 1 else { throw FileWriteError(path: given, kind: .hardLinks(count: Int(status.st_nlink))) }
        existing = status
    }

    /// Refuses a link the kernel would refuse to follow in a sticky world-writable folder.
    private static func requireFollowable(link: String, status: stat) throws(FileWriteError) {
        let (folder, _) = splitPath(link)
        var folderStatus = stat()
        guard stat(folder.isEmpty ? "." : folder, &folderStatus) == 0 else { return }
        let sharedSticky = folderStatus.st_mode & S_ISVTX != 0 && folderStatus.st_mode & S_IWOTH != 0
        if sharedSticky, status.st_uid != geteuid(), status.st_uid != folderStatus.st_uid {
            throw FileWriteError(path: link, kind: .foreignLink)
        }
    }

    /// Where the link at `path` points, as written in it.
    private static func linkTarget(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return "?" }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
