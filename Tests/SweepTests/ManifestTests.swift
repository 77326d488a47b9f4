import Foundation
import Testing
@testable import Sweep

@Suite("SweepTests: manifest")
struct ManifestTests {
    func parse(_ text: String, folder: String = "/campaign") throws(ManifestError) -> Manifest {
        try Manifest(text: text, path: "campaign.toml", folder: folder)
    }

    func error(_ text: String, folder: String = "/campaign") -> ManifestError? {
        do {
            _ = try parse(text, folder: folder)
            return nil
        } catch {
            return error
        }
    }

    @Test func defaultsApplyToRowsAndRowsOverrideThem() throws {
        let manifest = try parse("""
            [defaults]
            time-limit = 30
            target = "y"
            library = "extra.kan"

            [[job]]
            data = "./a.csv"

            [[job]]
            name = "b with seeds"
            data = "b.csv"
            target = "z"
            seed = [1, 2]
            timeout = 10
            options = ["--drop-nonfinite"]
            """)
        #expect(manifest.jobs.map(\.name) == ["a", "b with seeds seed=1", "b with seeds seed=2"])
        #expect(manifest.jobs[0].arguments == ["discover", "a.csv", "--format", "json", "--quiet", "--target", "y",
                                               "--time-limit", "30", "--library", "extra.kan"])
        #expect(manifest.jobs[0].timeout == 90)
        #expect(manifest.jobs[0].directory == "/campaign")
        #expect(manifest.jobs[0].line == 6)
        #expect(manifest.jobs[2].arguments == ["discover", "b.csv", "--format", "json", "--quiet", "--target", "z",
                                               "--seed", "2", "--time-limit", "30", "--library", "extra.kan",
                                               "--drop-nonfinite"])
        #expect(manifest.jobs[2].timeout == 10)
    }

    @Test func scriptJobsTakeArgumentsAndAnHourByDefault() throws {
        let manifest = try parse("""
            [[job]]
            script = "fit.kan"
            args = ["3", "data.csv"]
            """)
        #expect(manifest.jobs.count == 1)
        #expect(manifest.jobs[0].kind == .script)
        #expect(manifest.jobs[0].name == "fit")
        #expect(manifest.jobs[0].arguments == ["fit.kan", "3", "data.csv"])
        #expect(manifest.jobs[0].timeout == 3600)
    }

    /// Renaming or reordering rows keeps every identity; editing a row changes its own only.
    @Test func identitiesFollowTheJobNotItsRow() throws {
        let first = try parse("""
            [[job]]
            data = "a.csv"
            [[job]]
            data = "b.csv"
            seed = 3
            """)
        let reordered = try parse("""
            [[job]]
            name = "renamed"
            data = "b.csv"
            seed = 3
            [[job]]
            data = "./a.csv"
            """, folder: "/elsewhere")
        #expect(Set(first.jobs.map(\.id)) == Set(reordered.jobs.map(\.id)))
        let edited = try parse("""
            [[job]]
            data = "a.csv"
            [[job]]
            data = "b.csv"
            seed = 4
            """)
        #expect(edited.jobs[0].id == first.jobs[0].id)
        #expect(edited.jobs[1].id != first.jobs[1].id)
        #expect(first.jobs[0].id.count == 16)
        // A timeout decides the result too.
        let longer = try parse("[[job]]\ndata = \"a.csv\"\ntimeout = 500\n")
        #expect(longer.jobs[0].id != first.jobs[0].id)
    }

    @Test func globsExpandToSortedFilesRelativeToTheManifest() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-glob-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("runs"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["b.csv", "a.csv", "notes.txt"] {
            try "x,y\n1,2\n".write(to: folder.appendingPathComponent("runs/\(name)"), atomically: true, encoding: .utf8)
        }
        let manifest = try parse("[[job]]\ndata = \"runs/*.csv\"\nseed = [0, 1]\n", folder: folder.path)
        #expect(manifest.jobs.map(\.name) == ["a seed=0", "a seed=1", "b seed=0", "b seed=1"])
        #expect(manifest.jobs.map { $0.arguments[1] } == ["runs/a.csv", "runs/a.csv", "runs/b.csv", "runs/b.csv"])
        let none = error("[[job]]\ndata = \"runs/*.tsv\"\n", folder: folder.path)
        #expect(none?.line == 2)
        #expect(none?.reason.contains("matches no file") == true)
    }

    @Test func repeatedNamesAreNumbered() throws {
        let manifest = try parse("""
            [[job]]
            name = "fit"
            data = "a.csv"
            [[job]]
            name = "fit"
            data = "b.csv"
            """)
        #expect(manifest.jobs.map(\.name) == ["fit", "fit #2"])
    }

    @Test func errorsNameTheLineAndTheReason() {
        let unknown = error("""
            [defaults]
            time-limit = 5

            [[job]]
            data = "a.csv"

            [[job]]
            data = "b.csv"
            sed = 3
            """)
        #expect(unknown?.description.hasPrefix("campaign.toml:9: error: job 2: unknown key 'sed'") == true, "\(String(describing: unknown))")
        let wrongType = error("[defaults]\nseed = \"one\"\n[[job]]\ndata = \"a.csv\"\n")
        #expect(wrongType?.line == 2)
        #expect(wrongType?.reason.contains("seed must be an integer") == true)
        let negative = error("[[job]]\ndata = \"a.csv\"\ntime-limit = -1\n")
        #expect(negative?.line == 3)
        #expect(negative?.reason.contains("positive") == true)
        let both = error("[[job]]\ndata = \"a.csv\"\nscript = \"s.kan\"\n")
        #expect(both?.reason.contains("data or script, not both") == true)
        let neither = error("[[job]]\nname = \"x\"\n")
        #expect(neither?.line == 1)
        #expect(neither?.reason.contains("needs data") == true)
        let syntax = error("[[job]]\ndata = \"a.csv\"\ntarget = \n")
        #expect(syntax?.line == 3)
        #expect(syntax?.reason.hasPrefix("not valid TOML") == true)
        let empty = error("[defaults]\ntime-limit = 3\n")
        #expect(empty?.reason.contains("no jobs") == true)
        // A discover default does not reach a script row; the row's own is an error.
        let mixed = try? parse("[defaults]\nseed = [1, 2]\ntime-limit = 3\n[[job]]\nscript = \"s.kan\"\n[[job]]\ndata = \"a.csv\"\n")
        #expect(mixed?.jobs.map(\.arguments.count) == [1, 9, 9])
        let scriptWithSeed = error("[[job]]\nscript = \"s.kan\"\nseed = 1\n")
        #expect(scriptWithSeed?.line == 3)
        #expect(scriptWithSeed?.reason.contains("seed is an option of kan discover") == true)
        let nameInDefaults = error("[defaults]\nname = \"x\"\n[[job]]\ndata = \"a.csv\"\n")
        #expect(nameInDefaults?.line == 2)
        let topLevel = error("jobs = 3\n[[job]]\ndata = \"a.csv\"\n")
        #expect(topLevel?.reason.contains("unknown top-level key 'jobs'") == true)
        let missing = error("[[job]]\ndata = \"a.csv\"\nmissing = \"skip\"\n")
        #expect(missing?.reason.contains("\"drop\" or \"error\"") == true)
    }

    @Test func theSameJobTwiceIsRefused() {
        let twice = error("""
            [[job]]
            data = "a.csv"

            [[job]]
            name = "again"
            data = "./a.csv"
            """)
        #expect(twice?.line == 4)
        #expect(twice?.reason.contains("same job as 'a' on line 1") == true, "\(String(describing: twice))")
    }

    @Test func anUnreadableManifestSaysSo() {
        #expect(throws: ManifestError.self) { try Manifest.load(path: "/nonexistent/campaign.toml") }
    }
}
