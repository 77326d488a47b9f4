import Foundation
import Testing

/// What `kan` reads and saves when the path is not an ordinary file: devices are refused
/// at once, pipes and standard input are read as streams with a size cap, and saving
/// replaces only regular files (a symbolic link's file, keeping the link and the mode).
/// Device nodes are made in a temporary folder with mknod, never taken from /dev.
@Suite struct HostileFileTests {
    let folder = ScratchFolder.make("kan-hostile")

    static let hello = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/examples/hello.csv")

    /// A character device like /dev/zero, or nil (with a message) when not root.
    func zeroDevice() -> String? {
        guard geteuid() == 0 else {
            print("skipped: making device nodes with mknod needs root")
            return nil
        }
        let path = folder.appendingPathComponent("zero").path
        return mknod(path, S_IFCHR | 0o666, dev_t((1 << 8) | 5)) == 0 ? path : nil
    }

    @Test func readingADeviceIsRefusedAtOnce() throws {
        guard let zero = zeroDevice() else { return }
        let link = folder.appendingPathComponent("data.csv").path
        symlink(zero, link)
        let script = try ScratchFolder.write("load_csv(args[0])\n", to: "load.kan", in: folder)
        let runs: [[String]] = [["discover", zero], ["discover", link], ["discover", Self.hello.path, "--test", zero],
                                [script, zero], [zero], ["--library", zero, "-e", "1"], ["-e", "load_model(\"\(zero)\")"]]
        for arguments in runs {
            let start = Date()
            let result = try KanBinary.run(arguments)
            #expect(result.status == 1, "\(arguments): \(result.status) \(result.standardError)")
            #expect(result.standardError.contains("character device"), "\(arguments): \(result.standardError)")
            #expect(Date().timeIntervalSince(start) < 20, "\(arguments)")
        }
    }

    @Test func discoverReadsStandardInputAndAPipe() throws {
        let text = try String(contentsOf: Self.hello, encoding: .utf8)
        let fromInput = try KanBinary.run(["discover", "-", "--quiet"], input: text)
        #expect(fromInput.status == 0, "\(fromInput.standardError)")
        #expect(fromInput.standardOutput.contains("exp("), "\(fromInput.standardOutput)")
        let fifo = folder.appendingPathComponent("data.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        Thread.detachNewThread {
            let handle = FileHandle(forWritingAtPath: fifo)
            handle?.write(Data(text.utf8))
            try? handle?.close()
        }
        let fromPipe = try KanBinary.run(["discover", fifo, "--quiet"])
        #expect(fromPipe.status == 0, "\(fromPipe.standardError)")
        #expect(fromPipe.standardOutput == fromInput.standardOutput)
    }

    /// A script pipe that never ends stops at the 16 MiB cap on source files.
    @Test func anEndlessScriptStopsAtTheCap() throws {
        let fifo = folder.appendingPathComponent("endless.kan").path
        #expect(mkfifo(fifo, 0o600) == 0)
        Thread.detachNewThread {
            signal(SIGPIPE, SIG_IGN)
            let descriptor = open(fifo, O_WRONLY)
            guard descriptor >= 0 else { return }
            let line = [UInt8]("let a = 1\n".utf8)
            let block = [UInt8]((0..<6554).flatMap { _ in line })
            while block.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) > 0 {}
            close(descriptor)
        }
        let result = try KanBinary.run([fifo])
        #expect(result.status == 1)
        #expect(result.standardError.contains("holds more than 16 MiB"), "\(result.standardError)")
    }

    static let writers: [(name: String, code: String)] = [
        ("save_model", "save_model(kan([1, 1, 1], grid: 3), args[0])"),
        ("save_csv", "symbols x\nsave_csv(dataset(x, ranges: {x: [0, 1]}, n: 5), args[0])"),
        ("plot", "symbols x\nplot(train(kan([1, 2, 1], grid: 3), dataset(x, ranges: {x: [0, 1]}, n: 20), steps: 1), args[0])"),
    ]

    func runWriter(_ writer: (name: String, code: String), _ target: String) throws -> KanBinary.Result {
        let script = try ScratchFolder.write(writer.code + "\n", to: "\(writer.name).kan", in: folder)
        return try KanBinary.run([script, target])
    }

    @Test func savingThroughALinkKeepsTheLinkAndTheMode() throws {
        for writer in Self.writers {
            let target = folder.appendingPathComponent("real-\(writer.name)").path
            try Data("old".utf8).write(to: URL(fileURLWithPath: target))
            chmod(target, 0o600)
            let link = folder.appendingPathComponent("link-\(writer.name)").path
            symlink(target, link)
            let result = try runWriter(writer, link)
            #expect(result.status == 0, "\(writer.name): \(result.standardError)")
            let saved = try String(contentsOfFile: target, encoding: .utf8)
            #expect(saved != "old" && !saved.isEmpty, "\(writer.name)")
            var status = stat()
            lstat(link, &status)
            #expect(status.st_mode & S_IFMT == S_IFLNK, "\(writer.name): the link was replaced")
            stat(target, &status)
            #expect(status.st_mode & 0o777 == 0o600, "\(writer.name): mode \(String(status.st_mode & 0o777, radix: 8))")
        }
    }

    @Test func savingOverAPipeOrADeviceIsRefused() throws {
        let fifo = folder.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        var targets = [(fifo, "named pipe", S_IFIFO)]
        if geteuid() == 0 {
            let full = folder.appendingPathComponent("full").path
            if mknod(full, S_IFCHR | 0o666, dev_t((1 << 8) | 7)) == 0 { targets.append((full, "character device", S_IFCHR)) }
        } else {
            print("skipped: the device case needs root for mknod")
        }
        for writer in Self.writers {
            for (target, words, type) in targets {
                let result = try runWriter(writer, target)
                #expect(result.status == 1, "\(writer.name) to \(words)")
                #expect(result.standardError.contains(target) && result.standardError.contains(words), "\(writer.name): \(result.standardError)")
                var status = stat()
                lstat(target, &status)
                #expect(status.st_mode & S_IFMT == type, "\(writer.name) replaced the \(words)")
            }
        }
    }

    @Test func discoverPlotRefusesAPipeInsideItsFolder() throws {
        let plots = folder.appendingPathComponent("plots")
        try FileManager.default.createDirectory(at: plots, withIntermediateDirectories: true)
        let blocked = plots.appendingPathComponent("pareto.svg").path
        #expect(mkfifo(blocked, 0o600) == 0)
        let result = try KanBinary.run(["discover", Self.hello.path, "--quiet", "--plot", plots.path])
        #expect(result.standardError.contains("named pipe"), "\(result.standardError)")
        var status = stat()
        lstat(blocked, &status)
        #expect(status.st_mode & S_IFMT == S_IFIFO)
    }
}
