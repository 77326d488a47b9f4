import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import KanLang
@testable import KanLangCore

/// The drawing builtins: each writes a well-formed SVG holding what it must, and a
/// path that cannot be written is an error at the path argument.
@Suite("Plot builtins")
struct PlotBuiltinTests {
    /// A [2, 3, 1] network briefly trained on two named inputs.
    static let model = """
        symbols u, v
        let data = dataset(sin(3*u) + v^2, ranges: {u: [-1, 1], v: [-1, 1]}, n: 200, seed: 0)
        let m = train(kan([2, 3, 1], grid: 5, seed: 0), data, steps: 10)

        """

    /// A fresh directory for one test's files.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kan-plot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Parses an SVG file; returns the elements as (name, attributes) and all text.
    static func parse(_ url: URL) throws -> (elements: [(name: String, attributes: [String: String])], text: String) {
        let data = try Data(contentsOf: url)
        let collector = SVGCollector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        #expect(parser.parse(), "\(url.lastPathComponent) is not well-formed XML: \(String(describing: parser.parserError))")
        #expect(collector.elements.first?.name == "svg")
        return (collector.elements, collector.text)
    }

    static func count(_ elements: [(name: String, attributes: [String: String])], class name: String) -> Int {
        elements.filter { ($0.attributes["class"] ?? "").split(separator: " ").contains(Substring(name)) }.count
    }

    @Test func plotDrawsEveryLiveEdgeAndTheNames() throws {
        let folder = try Self.directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("net.svg").path
        let text = output(of: Self.model + """
            print(plot(m, "\(path)", title: "hello") == "\(path)")
            let p = prune(m, edge_threshold: 0.5)
            plot(p, "\(folder.path)/pruned.svg", beta: 10, data: data)
            """)
        #expect(text == "true\n", "\(text)")
        let (elements, words) = try Self.parse(URL(fileURLWithPath: path))
        // 2·3 + 3·1 edges, one activation path each.
        #expect(Self.count(elements, class: "activation") == 9)
        #expect(words.contains("u") && words.contains("v") && words.contains("hello"))
        let pruned = try Self.parse(folder.appendingPathComponent("pruned.svg"))
        #expect(Self.count(pruned.elements, class: "activation") < 9)
    }

    @Test func symbolicEdgesAreLabelledWithTheirFit() throws {
        let folder = try Self.directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("net.svg").path
        let text = outputWithStandardLibrary(Self.model + """
            let s = fix(m, 0, 0, 0, "sin")
            plot(s, "\(path)")
            plot_edge(s, 0, 0, 0, "\(folder.path)/edge.svg")
            """)
        #expect(!text.contains("ERROR"), "\(text)")
        let (elements, words) = try Self.parse(URL(fileURLWithPath: path))
        #expect(Self.count(elements, class: "activation") == 9)
        #expect(words.contains("sin(") && words.contains("*u"), "\(words)")
        let edge = try Self.parse(folder.appendingPathComponent("edge.svg"))
        #expect(edge.text.contains("fit:") && edge.text.contains("sin("), "\(edge.text)")
    }

    @Test func plotEdgeWithAFit() throws {
        let folder = try Self.directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = outputWithStandardLibrary(Self.model + """
            plot_edge(m, 0, 1, 2, "\(folder.path)/plain.svg")
            plot_edge(m, 0, 0, 0, "\(folder.path)/named.svg", fit: "sin")
            plot_edge(m, 0, 0, 0, "\(folder.path)/record.svg", fit: suggest(m, 0, 0, 0, quiet: true)[0])
            """)
        #expect(!text.contains("ERROR"), "\(text)")
        let plain = try Self.parse(folder.appendingPathComponent("plain.svg"))
        #expect(!plain.text.contains("fit:") && plain.text.contains("v"))
        for name in ["named.svg", "record.svg"] {
            let fitted = try Self.parse(folder.appendingPathComponent(name))
            #expect(fitted.text.contains("fit:") && fitted.text.contains("sin("), "\(name): \(fitted.text)")
        }
        let wrong = outputWithStandardLibrary(Self.model + "plot_edge(m, 0, 5, 0, \"\(folder.path)/x.svg\")")
        #expect(wrong.contains("test.kan:4:17: error: input 5 out of range"), "\(wrong)")
        let unknown = outputWithStandardLibrary(Self.model + "plot_edge(m, 0, 0, 0, \"\(folder.path)/x.svg\", fit: \"nope\")")
        #expect(unknown.contains("no primitive named 'nope'"), "\(unknown)")
    }

    @Test func plotLossMarksGridUpdatesAndPruning() throws {
        let folder = try Self.directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("loss.svg").path
        let text = output(of: Self.model + """
            let m2 = train(refine(prune(m), 10), data, steps: 5, test: data)
            plot_loss(m2, "\(path)")
            plot_loss(train(m, data, steps: 3, update_grid: false), "\(folder.path)/plain.svg")
            """)
        #expect(!text.contains("ERROR"), "\(text)")
        let (elements, words) = try Self.parse(URL(fileURLWithPath: path))
        #expect(Self.count(elements, class: "train") == 1 && Self.count(elements, class: "test") == 1)
        // Grid updates at steps 0 and 5 of the first call and 10 of the second.
        #expect(Self.count(elements, class: "grid-update") == 3, "\(elements.map(\.attributes))")
        // Refinement and pruning at the same step: one marker each (one label, to keep them legible).
        #expect(Self.count(elements, class: "refine") == 1 && Self.count(elements, class: "prune") == 1)
        #expect(words.contains("G=10") || words.contains("prune"))
        let untrained = output(of: "plot_loss(kan([1, 1]), \"\(folder.path)/none.svg\")")
        #expect(untrained.contains("test.kan:1:11: error: the model has no training history"), "\(untrained)")
    }

    @Test func plotParetoFromRecords() throws {
        let folder = try Self.directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("front.svg").path
        let text = output(of: """
            plot_pareto([{complexity: 1, error: 0.5, label: "x"},
                         {complexity: 4, error: 0.01, label: "sin(x) < 2 & y", chosen: true},
                         {complexity: 9, rmse: 0, label: "exact"}], "\(path)")
            """)
        #expect(!text.contains("ERROR"), "\(text)")
        let (elements, words) = try Self.parse(URL(fileURLWithPath: path))
        #expect(Self.count(elements, class: "point") == 3)
        #expect(Self.count(elements, class: "chosen") >= 1)
        #expect(words.contains("sin(x) < 2 & y"))
        let bad = output(of: "plot_pareto([{complexity: 1}], \"\(path)\")")
        #expect(bad.contains("test.kan:1:13: error: front entry 0 needs"), "\(bad)")
        let expression = output(of: "symbols x\nplot_pareto(x, \"\(path)\")")
        #expect(expression.contains("test.kan:2:13: error: plot_pareto: argument 'front' must be formula or list, got"), "\(expression)")
    }

    @Test func plotParetoOfADiscoverRun() throws {
        let folder = try Self.directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("front.svg").path
        let text = outputWithStandardLibrary("""
            symbols x
            let data = dataset(2*x + 1, ranges: {x: [-1, 1]}, n: 100, seed: 0)
            let g = discover(data, time_limit: 5)
            plot_pareto(g, "\(path)", title: "line")
            plot_fit(g, data, "\(folder.path)/fit.svg")
            print(len(pareto(g, quiet: true)))
            """)
        #expect(!text.contains("ERROR"), "\(text)")
        let count = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        let (elements, words) = try Self.parse(URL(fileURLWithPath: path))
        #expect(Self.count(elements, class: "point") == count && count >= 1)
        #expect(Self.count(elements, class: "chosen") == 1 && words.contains("line"))
        // The formula a discover run returns, fitted to its data: the line through all 100 rows.
        let fit = try Self.parse(folder.appendingPathComponent("fit.svg"))
        #expect(Self.count(fit.elements, class: "sample") == 100 && Self.count(fit.elements, class: "curve") == 1)
        #expect(fit.text.contains("= 2*x + 1") && fit.text.contains("R² = 1"), "\(fit.text)")
    }

    @Test func plotFitOfAFormulaAndOfAnExpression() throws {
        let folder = try Self.directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let two = folder.appendingPathComponent("fit.svg").path, one = folder.appendingPathComponent("one.svg").path
        let text = output(of: """
            symbols u, v, x
            let data = dataset(u*v, ranges: {u: [-1, 1], v: [-1, 1]}, n: 50, seed: 0)
            print(plot_fit(1.1*u*v, data, "\(two)") == "\(two)")
            let line = dataset(x^2, ranges: {x: [-2, 2]}, n: 30, seed: 1)
            plot_fit(x^2 + 0.1, line, "\(one)", title: "a parabola")
            """)
        #expect(text == "true\n", "\(text)")
        let (elements, words) = try Self.parse(URL(fileURLWithPath: two))
        #expect(Self.count(elements, class: "point") == 50 && Self.count(elements, class: "residual") == 50)
        #expect(Self.count(elements, class: "identity") == 1 && Self.count(elements, class: "curve") == 0)
        #expect(words.contains("RMSE = ") && words.contains("R² = ") && words.contains("on 50 rows"), "\(words)")
        let parabola = try Self.parse(URL(fileURLWithPath: one))
        #expect(Self.count(parabola.elements, class: "sample") == 30 && Self.count(parabola.elements, class: "curve") == 1)
        #expect(parabola.text.contains("a parabola") && parabola.text.contains("RMSE = 0.1,"), "\(parabola.text)")
        let unknown = output(of: "symbols u, w\nlet d = dataset(u, ranges: {u: [0, 1]}, n: 10)\nplot_fit(w, d, \"\(one)\")")
        #expect(unknown.contains("test.kan:3:10: error: the expression uses 'w', which is not an input of the data (u)"), "\(unknown)")
        let model = output(of: Self.model + "plot_fit(m, data, \"\(one)\")")
        #expect(model.contains("error: plot_fit: argument 'formula' must be formula or expression, got"), "\(model)")
    }

    @Test func badPathsAreErrorsAtThePath() throws {
        let folder = try Self.directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = output(of: Self.model + "plot(m, \"\(folder.path)/no/such/dir/net.svg\")")
        #expect(missing.contains("test.kan:4:9: error: cannot write"), "\(missing)")
        let empty = output(of: Self.model + "plot_loss(m, \"\")")
        #expect(empty.contains("test.kan:4:14: error: path must not be empty"), "\(empty)")
        let readOnly = folder.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: readOnly, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: readOnly.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: readOnly.path) }
        // root can write anywhere; the check only means something for other users.
        if getuid() != 0 {
            let denied = output(of: Self.model + "plot(m, \"\(readOnly.path)/net.svg\")")
            #expect(denied.contains("error: cannot write"), "\(denied)")
        }
        let wrongType = output(of: Self.model + "plot(data, \"x.svg\")")
        #expect(wrongType.contains("test.kan:4:6: error: plot: argument 'model' must be model, got dataset"), "\(wrongType)")
    }

    /// hello.kan draws into the folder given as its argument; the symbolic network is
    /// labelled with the recovered inner functions. (KAN_PLOT_DIR keeps the drawings.)
    @Test func helloDrawsIntoAFolder() throws {
        let kept = ProcessInfo.processInfo.environment["KAN_PLOT_DIR"].map { URL(fileURLWithPath: $0) }
        let folder = try kept ?? Self.directory()
        defer { if kept == nil { try? FileManager.default.removeItem(at: folder) } }
        let capture = OutputCapture()
        let interpreter = makeInterpreter(capture) {
            $0.libraryPaths = [Repository.library.path]
            $0.arguments = [folder.path]
        }
        try interpreter.run(file: Repository.standardLibrary.path)
        try interpreter.run(file: Repository.examples.appendingPathComponent("hello.kan").path)
        for name in ["hello-network-before", "hello-network-symbolic", "hello-edge", "hello-loss"] {
            _ = try Self.parse(folder.appendingPathComponent(name + ".svg"))
        }
        let symbolic = try Self.parse(folder.appendingPathComponent("hello-network-symbolic.svg"))
        #expect(Self.count(symbolic.elements, class: "edge") == 3 && Self.count(symbolic.elements, class: "symbolic") == 6)
        #expect(symbolic.text.contains("sin(") && symbolic.text.contains("exp("), "\(symbolic.text)")
    }

    @Test func helpDocumentsTheBuiltins() {
        let registry = BuiltinRegistry(groups: PipelineHost.builtinGroups)
        for name in ["plot", "plot_edge", "plot_loss", "plot_pareto", "plot_fit"] {
            #expect(registry.help(for: name)?.contains("SVG") == true, "\(name)")
        }
    }
}

/// Collects the elements and character data of an XML document.
final class SVGCollector: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var text = ""

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append((elementName, attributes))
        text += " "
    }

    /// Text may arrive in pieces (around entities), so pieces are joined as they come.
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }
}
