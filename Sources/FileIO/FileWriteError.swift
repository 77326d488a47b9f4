#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a save failed, in words a user can act on; whatever was at the path is unchanged.
public struct FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// The system refused (`errno`): a full disk, a read-only folder, a file size limit.
        case systemError(Int32)
        /// Something other than a regular file is at the path: kan replaces only regular files.
        case notRegular(FileKind)
        /// The path is a symbolic link to nothing; `target` is where it points.
        case danglingLink(target: String)
        /// The path is a symbolic link in a shared sticky folder (such as /tmp) that
        /// belongs to someone else, which the kernel's own rule for such links forbids following.
        case foreignLink
        /// The file has `count` names (hard links); replacing it would detach the others.
        case hardLinks(count: Int)
    }

    /// The path as the caller named it.
    public var path: String
    public var kind: Kind

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    /// Why, without the path: "the disk is full".
    public var reason: String {
        switch kind {
        case .systemError(let code): return Self.describe(code)
        case .notRegular(.folder): return "it is a folder, not a file"
        case .notRegular(let kind):
            return "it is \(kind.phrase), not a regular file; kan only replaces regular files"
        case .danglingLink(let target):
            return "it is a symbolic link to '\(target)', which does not exist; kan follows links only to existing regular files"
        case .foreignLink:
            return "it is a symbolic link owned by another user in a shared sticky folder; kan does not follow such links"
        case .hardLinks(let count):
            return "the file has \(count) hard links; replacing it would leave the other names with the old content (remove the other links or save under another name)"
        }
    }

    /// "cannot write 'out.csv': the disk is full; any previous file there is unchanged".
    public var description: String { "cannot write '\(path)': \(reason); any previous file there is unchanged" }

    /// The common causes of a failed write, in words.
    public static func describe(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied (is the folder read-only?)"
        case EROFS: return "the file system is read-only"
        case ENOSPC: return "the disk is full"
        case EDQUOT: return "the disk quota is exceeded"
        case EFBIG: return "the file is larger than the file size limit (ulimit -f)"
        case ENOENT: return "the folder does not exist"
        case ENOTDIR: return "a folder on the way is a file (Not a directory)"
        case EISDIR: return "it is a folder, not a file"
        default: return describeErrno(code)
        }
    }
}
