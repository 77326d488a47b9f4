import Foundation
import Testing

/// `kan --memory-limit SIZE` and `KAN_MEMORY_LIMIT`: a program whose values outgrow the
/// limit stops with a located error and status 1 (docs/language.md §8).
@Suite struct MemoryLimitTests {
    static let growing = "let l = []\nwhile true { push(l, range(1000)) }\nprint(\"finished\")"

    @Test func theOptionStopsAGrowingProgram() throws {
        let started = Date()
        let result = try KanBinary.run(["--memory-limit", "64M", "-e", Self.growing])
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("<-e>:2:"), "\(result.standardError)")
        #expect(result.standardError.contains(": error: memory limit of 64 MB reached"), "\(result.standardError)")
        #expect(!result.standardOutput.contains("finished"))
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test func theEnvironmentVariableSetsTheLimitAndTheOptionWins() throws {
        let environment = ["KAN_MEMORY_LIMIT": "32M"]
        let fromEnvironment = try KanBinary.run(["-e", Self.growing], environment: environment)
        #expect(fromEnvironment.status == 1)
        #expect(fromEnvironment.standardError.contains("memory limit of 32 MB reached"), "\(fromEnvironment.standardError)")
        let fromOption = try KanBinary.run(["--memory-limit", "48M", "-e", Self.growing], environment: environment)
        #expect(fromOption.standardError.contains("memory limit of 48 MB reached"), "\(fromOption.standardError)")
    }

    @Test func badSizesAreRefused() throws {
        let option = try KanBinary.run(["--memory-limit", "lots", "-e", "1"])
        #expect(option.status == 1)
        #expect(option.standardError.contains("--memory-limit 'lots' is not a size"), "\(option.standardError)")
        let variable = try KanBinary.run(["-e", "1"], environment: ["KAN_MEMORY_LIMIT": "0"])
        #expect(variable.status == 1)
        #expect(variable.standardError.contains("KAN_MEMORY_LIMIT '0' is not a size"), "\(variable.standardError)")
    }
}
