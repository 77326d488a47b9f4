import Foundation

/// The system's reason for a failed file-system operation of Foundation (creating a folder,
/// removing a file), without Foundation's long preamble: "Permission denied", not "You don't
/// have permission to save the file “x” in the folder “y”." Errors of kan's own readers and
/// writers say theirs in `FileReadError.reason` and `FileWriteError.reason`.
public func fileSystemReason(_ error: any Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
        return underlying.localizedDescription
    }
    return nsError.localizedDescription
}
