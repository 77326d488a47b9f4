import Foundation
import Testing

/// The front as data: `--format json` is one JSON document on standard output, `--format
/// csv` the front as CSV, `--front FILE` saves it whatever the format; and constants far
/// below 1 print in scientific notation.
@Suite struct DiscoverOutputTests {
    let folder = ScratchFolder.make("kan-output")

    /// F = G·m1·m2/r² with Newton's G.
    func gravity() throws -> String {
        var text = "m1,m2,r,F\n"
        for row in 0..<300 {
            let m1 = 1 + Double(row % 13) / 3, m2 = 1 + Double((row * 5) % 17) / 4, r = 1 + Double((row * 7) % 19) / 9
            text += "\(m1),\(m2),\(r),\(6.674e-11 * m1 * m2 / (r * r))\n"
        }
        return try ScratchFolder.write(text, to: "gravity.csv", in: folder)
    }

    @Test func jsonIsOneDocumentWithTheWholeFront() throws {
        let path = try gravity()
        let result = try KanBinary.run(["discover", path, "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        // The whole of standard output parses, without --quiet.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(object["text"] as? String == "6.674e-11*m1*m2/r^2")
        #expect(object["latex"] as? String == "\\frac{6.674 \\times 10^{-11} m_{1} m_{2}}{r^{2}}")
        let front = try #require(object["front"] as? [[String: Any]])
        #expect(front.count >= 2)
        #expect(front.filter { $0["chosen"] as? Bool == true }.count == 1)
        for row in front {
            for key in ["complexity", "validation_rmse", "train_rmse", "text", "latex", "sympy", "origin"] {
                #expect(row.keys.contains(key), "a front row lacks \(key)")
            }
        }
        let complexities = front.compactMap { $0["complexity"] as? Int }
        #expect(complexities == complexities.sorted())
    }

    @Test func csvFormatAndFrontFile() throws {
        let path = try gravity()
        let saved = folder.appendingPathComponent("front.json").path
        let savedCSV = folder.appendingPathComponent("front.csv").path
        let result = try KanBinary.run(["discover", path, "--format", "csv", "--front", saved])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "complexity,validation_rmse,train_rmse,chosen,text,latex,sympy,origin")
        #expect(lines.contains { $0.contains(",true,6.674e-11*m1*m2/r^2,") }, "\(result.standardOutput)")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: saved))) as? [String: Any]
        #expect((document?["front"] as? [Any])?.count == lines.count - 1)
        // With a formula format, the front goes to the file and the formula stays last.
        let text = try KanBinary.run(["discover", path, "--quiet", "--front", savedCSV])
        #expect(text.standardOutput == "6.674e-11*m1*m2/r^2\n")
        let csv = try String(contentsOfFile: savedCSV, encoding: .utf8)
        #expect(csv.split(separator: "\n").count == lines.count)
        let unwritable = try KanBinary.run(["discover", path, "--quiet", "--front", "/nonexistent/front.csv"])
        #expect(unwritable.status == 1)
        #expect(unwritable.standardError.hasPrefix("/nonexistent/front.csv: error: cannot write"), "\(unwritable.standardError)")
        #expect(unwritable.standardOutput == "6.674e-11*m1*m2/r^2\n")
    }
}
