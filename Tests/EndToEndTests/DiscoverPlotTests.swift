import Foundation
import Testing

/// `kan discover --plot DIR` draws the chosen formula as a KAN and its fit whatever stage
/// found it, and says which drawings cannot exist and why.
@Suite struct DiscoverPlotTests {
    let directory = ScratchFolder.make("kan-discover-plot")

    /// Writes a CSV whose rows are `row(k)` for k < `rows`: the inputs, then the target.
    func table(_ name: String, header: String, rows: Int, _ row: (Double) -> [Double]) throws -> String {
        let text = header + "\n" + (0..<rows).map { k in row(Double(k)).map { "\($0)" }.joined(separator: ",") }
            .joined(separator: "\n") + "\n"
        return try ScratchFolder.write(text, to: name, in: directory)
    }

    struct Drawings {
        var folder: URL
        var standardError: String

        func elements(_ file: String) throws -> [(name: String, classes: Set<String>)] {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            return try WellFormedXML.elements(text, name: file)
        }

        func count(_ file: String, _ element: String, class name: String) throws -> Int {
            try elements(file).filter { $0.name == element && $0.classes.contains(name) }.count
        }

        func notDrawn(_ file: String) -> String? {
            standardError.split(separator: "\n").map(String.init)
                .first { $0.hasPrefix("not drawn: \(folder.appendingPathComponent(file).path): ") }
        }

        var written: [String] {
            guard let line = standardError.split(separator: "\n").first(where: { $0.hasPrefix("drawings: ") }) else { return [] }
            return line.dropFirst("drawings: ".count).components(separatedBy: ", ").map { URL(fileURLWithPath: $0).lastPathComponent }
        }
    }

    func discover(_ data: String, folder name: String, _ extra: [String] = []) throws -> (Drawings, String) {
        let folder = directory.appendingPathComponent(name)
        let result = try KanBinary.run(["discover", data, "--time-limit", "20", "--plot", folder.path] + extra)
        #expect(result.status == 0, "\(result.standardError)")
        let formula = result.standardOutput.split(separator: "\n").last.map(String.init) ?? ""
        return (Drawings(folder: folder, standardError: result.standardError), formula)
    }

    /// The files of a run whose formula no network found: the front, the formula built as a
    /// KAN (one symbolic edge per term, no spline), its fit; no training, said so.
    func expectUntrainedDrawings(_ drawings: Drawings, stage: String, validationRows: Int) throws {
        #expect(drawings.written == ["pareto.svg", "network.svg", "fit.svg"], "\(drawings.standardError)")
        for file in ["network-before-pruning.svg", "loss.svg"] {
            let line = drawings.notDrawn(file)
            #expect(line?.contains("no network was trained for the chosen formula (it came from \(stage))") == true,
                    "\(drawings.standardError)")
            #expect(!FileManager.default.fileExists(atPath: drawings.folder.appendingPathComponent(file).path))
        }
        #expect(try drawings.count("pareto.svg", "circle", class: "marker") >= 1)
        #expect(try drawings.count("network.svg", "g", class: "edge") >= 2)
        #expect(try drawings.count("network.svg", "g", class: "spline") == 0)
        #expect(try drawings.count("network.svg", "g", class: "edge")
                == drawings.count("network.svg", "path", class: "activation"))
        #expect(try drawings.count("fit.svg", "circle", class: "point") == validationRows)
        #expect(try drawings.count("fit.svg", "circle", class: "residual") == validationRows)
        #expect(try drawings.count("fit.svg", "path", class: "identity") == 1)
    }

    @Test func aPowerLawIsDrawnAsAKANWithItsFit() throws {
        // w = u²·v on [0.5, 1.5]²: the power-law stage's, before any network.
        let data = try table("power.csv", header: "u,v,w", rows: 200) { k in
            let u = 0.5 + (k * 0.618).truncatingRemainder(dividingBy: 1), v = 0.5 + (k * 0.377).truncatingRemainder(dividingBy: 1)
            return [u, v, u * u * v]
        }
        let (drawings, formula) = try discover(data, folder: "power")
        #expect(formula == "u^2*v")
        try expectUntrainedDrawings(drawings, stage: "the power-law stage", validationRows: 40)
        // u² and v into a multiplication node.
        #expect(try drawings.count("network.svg", "g", class: "edge") == 2)
        #expect(try drawings.count("network.svg", "g", class: "mult") == 1)
        let fit = try String(contentsOf: drawings.folder.appendingPathComponent("fit.svg"), encoding: .utf8)
        #expect(fit.contains("w = u^2*v") && fit.contains("R² = 1") && fit.contains("on 40 validation rows"))
    }

    @Test func aSparseSumOfOneInputIsDrawnWithItsCurve() throws {
        // y = x³ + 2x: not a power law; the sparse sums' (found as y/x² = x + 2/x).
        let data = try table("sparse.csv", header: "x,y", rows: 100) { k in
            let x = -2 + 4 * (k * 0.618).truncatingRemainder(dividingBy: 1)
            return [x, x * x * x + 2 * x]
        }
        let (drawings, formula) = try discover(data, folder: "sparse")
        #expect(formula == "x^3 + 2*x")
        try expectUntrainedDrawings(drawings, stage: "the sparse-sum stage", validationRows: 20)
        #expect(try drawings.count("fit.svg", "circle", class: "sample") == 20)
        #expect(try drawings.count("fit.svg", "path", class: "curve") == 1)
        let network = try String(contentsOf: drawings.folder.appendingPathComponent("network.svg"), encoding: .utf8)
        #expect(network.contains(">x^3<") && network.contains(">2*x<"), "\(network)")
    }

    @Test func aFormulaThatIsNoKANIsSaidSoAndAnOldDrawingRemoved() throws {
        // A constant target: its formula has no variable, so no network computes it.
        let data = try table("constant.csv", header: "x,y", rows: 50) { k in [k, 2.5] }
        let folder = directory.appendingPathComponent("constant")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "<svg/>".write(to: folder.appendingPathComponent("loss.svg"), atomically: true, encoding: .utf8)
        let (drawings, formula) = try discover(data, folder: "constant")
        #expect(formula == "5/2")
        #expect(drawings.written == ["pareto.svg", "fit.svg"], "\(drawings.standardError)")
        #expect(drawings.notDrawn("network.svg")?.contains("the chosen formula cannot be built as a KAN: '5/2' has no variable") == true,
                "\(drawings.standardError)")
        #expect(drawings.notDrawn("loss.svg")?.hasSuffix("; the file of an earlier run was removed") == true,
                "\(drawings.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("loss.svg").path))
        #expect(try drawings.count("fit.svg", "circle", class: "point") == 10)
        // --quiet prints the formula only.
        let quiet = try KanBinary.run(["discover", data, "--quiet", "--plot", folder.path])
        #expect(quiet.status == 0 && quiet.standardError.isEmpty, "\(quiet.standardError)")
    }
}
