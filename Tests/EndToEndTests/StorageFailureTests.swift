import Foundation
import Testing

/// Saving where the file cannot be written — past the file size limit, on a full disk,
/// in a read-only or forbidden folder — reports the file and the reason, exits with
/// status 1, and leaves the file that was there untouched, with no temporary file behind.
///
/// The tests run as root in CI, where permissions do not stop writes, so each failure is
/// made real by other means: `ulimit -f` (EFBIG), a small tmpfs (ENOSPC) and a read-only
/// bind mount (EROFS) in a private mount namespace (`unshare -m`), and running `kan` as
/// the unprivileged user `nobody` (EACCES).
@Suite struct StorageFailureTests {
    let directory: URL = {
        let url = ScratchFolder.make("kan-storage")
        _ = chmod(url.path, 0o755)
        return url
    }()

    /// One of the commands that write a file, and what it writes larger than the limits below.
    struct Writer: CustomStringConvertible {
        var name: String
        var code: String
        var description: String { name }
    }

    static let writers = [
        Writer(name: "save_model", code: "save_model(kan([8, 40, 40, 1], grid: 30), args[0])"),
        Writer(name: "save_csv", code: """
            symbols x, y
            save_csv(dataset(x + y, ranges: {x: [-1, 1], y: [-1, 1]}, n: 20000), args[0])
            """),
        Writer(name: "plot", code: """
            symbols x, y
            let d = dataset(x * y, ranges: {x: [-1, 1], y: [-1, 1]}, n: 100)
            plot(train(kan([2, 8, 8, 1]), d, steps: 1), args[0])
            """),
    ]

    static let oldContent = Data("the previous file\n".utf8)

    /// A fresh folder holding `out` with the old content; returns the folder and the script.
    func prepare(_ writer: Writer, _ label: String) throws -> (folder: URL, target: URL, script: String) {
        let folder = directory.appendingPathComponent("\(label)-\(writer.name)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = chmod(folder.path, 0o755)
        let target = folder.appendingPathComponent("out")
        try Self.oldContent.write(to: target)
        let script = directory.appendingPathComponent("\(writer.name).kan")
        try (writer.code + "\n").write(to: script, atomically: true, encoding: .utf8)
        _ = chmod(script.path, 0o644)
        return (folder, target, script.path)
    }

    /// Status 1 and a message naming the file and one of the `reasons`.
    func expectReported(_ status: Int32, _ standardError: String, target: String, reasons: [String], _ writer: Writer) {
        #expect(status == 1, "\(writer): status \(status), \(standardError)")
        #expect(standardError.contains(target), "\(writer): the message does not name \(target): \(standardError)")
        #expect(reasons.contains { standardError.lowercased().contains($0) }, "\(writer): expected one of \(reasons) in \(standardError)")
    }

    func expectUntouched(_ folder: URL, _ writer: Writer) throws {
        #expect(try Data(contentsOf: folder.appendingPathComponent("out")) == Self.oldContent, "\(writer): the old file changed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out"], "\(writer): files left behind")
    }

    @Test(arguments: writers) func pastTheFileSizeLimit(_ writer: Writer) throws {
        let (folder, target, script) = try prepare(writer, "efbig")
        // 64 blocks of 512 or 1024 bytes (by shell): every write above is larger.
        let result = try KanBinary.run([script, target.path], launcher: ["sh", "-c", "ulimit -f 64; exec \"$0\" \"$@\""])
        #expect(result.signal == nil, "\(writer): killed by signal \(result.status) (SIGXFSZ must be ignored)")
        expectReported(result.status, result.standardError, target: target.path, reasons: ["file size limit"], writer)
        try expectUntouched(folder, writer)
    }

    @Test(arguments: writers) func inAFolderThatIsNotWritable(_ writer: Writer) throws {
        let (folder, target, script) = try prepare(writer, "eacces")
        _ = chmod(folder.path, 0o555)
        defer { _ = chmod(folder.path, 0o755) }
        let result = try KanBinary.run([script, target.path], environment: ["HOME": "/tmp"],
                                       launcher: ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
        expectReported(result.status, result.standardError, target: target.path, reasons: ["permission denied"], writer)
        try expectUntouched(folder, writer)
    }

    /// Runs `kan` in a private mount namespace where `prepare` mounts something over the
    /// folder; `check` runs there too, so its findings are reported back through files.
    func confined(_ writer: Writer, _ label: String, mount: String) throws -> (status: Int32, error: String, after: Data, names: [String], target: String) {
        let (folder, target, script) = try prepare(writer, label)
        let report = directory.appendingPathComponent("\(label)-\(writer.name)-report")
        try FileManager.default.createDirectory(at: report, withIntermediateDirectories: true)
        let shell = """
            set -e
            dir="$1"; report="$2"; shift 2
            \(mount)
            set +e
            "$@" > /dev/null 2> "$report/stderr"
            echo $? > "$report/status"
            cp "$dir/out" "$report/after"
            ls -A "$dir" > "$report/names"
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["-m", "sh", "-c", shell, "sh", folder.path, report.path, KanBinary.url.path, script, target.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let read = { (name: String) in (try? String(contentsOf: report.appendingPathComponent(name), encoding: .utf8)) ?? "" }
        return (Int32(read("status").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1, read("stderr"),
                (try? Data(contentsOf: report.appendingPathComponent("after"))) ?? Data(),
                read("names").split(separator: "\n").map(String.init), target.path)
    }

    static let mountNamespaces: Bool = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        probe.arguments = ["-m", "sh", "-c", "mount -t tmpfs -o size=16k kan-probe /mnt"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    @Test(.enabled(if: mountNamespaces, "needs unshare -m and mount (root in a private mount namespace)"), arguments: writers)
    func onAFullDisk(_ writer: Writer) throws {
        // A 64 KiB tmpfs over the folder, holding only the old file.
        let result = try confined(writer, "enospc", mount: """
            mount -t tmpfs -o size=64k kan-full "$dir"
            printf 'the previous file\\n' > "$dir/out"
            """)
        expectReported(result.status, result.error, target: result.target, reasons: ["no space left on device", "the disk is full"], writer)
        #expect(result.after == Self.oldContent, "\(writer): the old file changed")
        #expect(result.names == ["out"], "\(writer): files left behind: \(result.names)")
    }

    @Test(.enabled(if: mountNamespaces, "needs unshare -m and mount (root in a private mount namespace)"), arguments: writers)
    func onAReadOnlyFileSystem(_ writer: Writer) throws {
        let result = try confined(writer, "erofs", mount: """
            mount --bind "$dir" "$dir"
            mount -o remount,bind,ro "$dir"
            """)
        expectReported(result.status, result.error, target: result.target, reasons: ["read-only"], writer)
        #expect(result.after == Self.oldContent, "\(writer): the old file changed")
        #expect(result.names == ["out"], "\(writer): files left behind: \(result.names)")
    }
}
