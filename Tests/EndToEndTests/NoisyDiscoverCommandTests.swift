import Foundation
import Testing

/// `kan discover` on noisy tables: the verdict in JSON and the warning on standard error.
@Suite struct NoisyDiscoverCommandTests {
    let directory = ScratchFolder.make("kan-discover-noise")

    /// A CSV of `rows` rows x1, x2, y with y = `law` plus Gaussian noise of `noise` (absolute).
    func table(_ name: String, rows: Int, noise: Double, _ law: (Double, Double) -> Double) throws -> String {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        func normal() -> Double {
            (-2 * log(max(uniform(), 1e-300))).squareRoot() * cos(2 * .pi * uniform())
        }
        var text = "x1,x2,y\n"
        for _ in 0..<rows {
            let x1 = 1 + 4 * uniform(), x2 = 1 + 4 * uniform()
            text += "\(x1),\(x2),\(law(x1, x2) + noise * normal())\n"
        }
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func json(_ output: String) throws -> [String: Any] {
        let last = output.split(separator: "\n").last.map(String.init) ?? ""
        return try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
    }

    @Test func pureNoiseIsReportedAsNoLaw() throws {
        let data = try table("noise.csv", rows: 500, noise: 0.5) { _, _ in 3 }
        let result = try KanBinary.run(["discover", data, "--format", "json", "--quiet", "--time-limit", "30"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.split(separator: "\n").count == 1, "\(result.standardOutput)")
        #expect(result.standardError.contains("no law found"), "\(result.standardError)")
        let object = try json(result.standardOutput)
        #expect(object["exact"] as? Bool == false)
        let noise = try #require(object["noise"] as? Double)
        #expect(abs(noise / 0.5 - 1) < 0.2, "noise \(noise)")
        #expect((object["text"] as? String).map { !$0.contains("x") } == true, "\(object["text"] ?? "")")
    }

    @Test func aNoisyLawIsExactWithTheNoiseLevel() throws {
        let data = try table("law.csv", rows: 800, noise: 0.2) { x1, x2 in 1.5 * x1 * x2 * x2 }
        let result = try KanBinary.run(["discover", data, "--format", "json", "--quiet"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(!result.standardError.contains("no exact law"), "\(result.standardError)")
        let object = try json(result.standardOutput)
        #expect(object["text"] as? String == "3*x1*x2^2/2", "\(object)")
        #expect(object["exact"] as? Bool == true)
        let noise = try #require(object["noise"] as? Double)
        #expect(abs(noise / 0.2 - 1) < 0.3, "noise \(noise)")
    }
}
