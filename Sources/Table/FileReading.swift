import FileIO

/// The bytes of the file at `path` (`-`: standard input) through FileIO's one reader,
/// with its refusals (devices, folders, more than `limit` bytes) as `TableError`s.
/// `name` is how messages refer to the file.
func readFileBytes(path: String, name: String, limit: Int = ReadSizeLimit.data) throws -> [UInt8] {
    do {
        return try readEntireFile(atPath: path, limit: limit)
    } catch {
        if error.kind == .notFound { throw TableError(.fileNotFound, file: name) }
        throw TableError(.unreadableFile(reason: error.reason), file: name)
    }
}
