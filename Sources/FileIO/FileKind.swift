#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a name in the file system is, as far as reading and saving care: kan reads
/// regular files and streams (pipes, standard input) and replaces only regular files.
///
///     FileKind(mode: status.st_mode) == .characterDevice   // /dev/zero, a terminal
public enum FileKind: Equatable, Sendable {
    case regular
    case folder
    case characterDevice
    case blockDevice
    case namedPipe
    case socket
    case symbolicLink
    case unknown

    /// The kind in the `S_IFMT` bits of a `stat` mode.
    public init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .folder
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFIFO: self = .namedPipe
        case S_IFSOCK: self = .socket
        case S_IFLNK: self = .symbolicLink
        default: self = .unknown
        }
    }

    /// "a character device", for messages such as "it is a character device, not a regular file".
    public var phrase: String {
        switch self {
        case .regular: return "a regular file"
        case .folder: return "a folder"
        case .characterDevice: return "a character device"
        case .blockDevice: return "a block device"
        case .namedPipe: return "a named pipe (FIFO)"
        case .socket: return "a socket"
        case .symbolicLink: return "a symbolic link"
        case .unknown: return "not a regular file"
        }
    }
}

/// The C library's description of an `errno` value, such as "Permission denied".
public func describeErrno(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}
