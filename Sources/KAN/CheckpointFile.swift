import FileIO
import Foundation

/// Reading and writing checkpoint bytes through FileIO, the one reader and the one atomic
/// writer of the files a user names, with their failures as `KANError.checkpointIO`.
///
/// Saving is atomic (a temporary file `.NAME.tmp-PID-N`, `fsync`, `rename`): a process
/// killed at any point, even by `kill -9`, leaves the old checkpoint or the new one, never
/// a mixture. Only regular files are replaced (a symbolic link's file, keeping its mode);
/// devices, pipes, folders and hard-linked files are refused. Reading refuses devices and
/// folders and anything larger than `ReadSizeLimit.checkpoint`. See FileIO's
/// `writeAtomically` and `readEntireFile` for the details.
enum CheckpointFile {
    /// Replaces the file at `path` with `bytes`, atomically.
    static func replace(_ path: String, with bytes: Data) throws {
        do {
            try writeAtomically(bytes, toPath: path)
        } catch {
            throw KANError.checkpointIO("cannot write \(path): \(error.reason); any previous file there is unchanged")
        }
    }

    /// The bytes of the checkpoint at `path`.
    static func read(_ path: String) throws -> Data {
        do {
            return Data(try readEntireFile(atPath: path, limit: ReadSizeLimit.checkpoint))
        } catch {
            throw KANError.checkpointIO("cannot read \(path): \(error.reason)")
        }
    }
}
