import FileIO

/// The error for a failed save, in words for the common causes (FileIO's), as a
/// `TableError` that names the file.
func writeError(_ failure: FileWriteError, name: String) -> TableError {
    TableError(.writeFailed(reason: failure.reason), file: name)
}

/// The error for a write the system refused with `code`.
func writeError(_ code: Int32, name: String) -> TableError {
    writeError(FileWriteError(path: name, kind: .systemError(code)), name: name)
}

extension TableError {
    /// Why a write failed, in words ("the disk is full"); nil for other errors. For
    /// callers that name the file themselves.
    public var writeFailureReason: String? {
        if case .writeFailed(let reason) = kind { return reason }
        return nil
    }
}
