import Foundation
import Testing

/// End-to-end tests run the built `kan` binary as a user would.
@Suite struct VersionTests {
    @Test func printsVersion() throws {
        let result = try KanBinary.run(["--version"])
        #expect(result.status == 0)
        #expect(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }
}
