import Discovery
import FileIO
import Foundation
import KAN
import Plot
import Symbolic
import Table

/// The drawings of `kan discover --plot DIR`: what a scientist looks at to judge the
/// chosen formula and decide what to try next.
///
/// - `pareto.svg`: complexity against validation RMSE of the front, the chosen formula ringed;
/// - `network.svg`: the chosen formula as a KAN, every edge labelled with its fitted
///   c·f(a·x + b) + d: the network it was read from, after pruning (dropped edges gone), or,
///   when no network found it (power laws, sparse sums, ratios, decomposition), the network
///   `FormulaCompilation` builds from it, whose edges are its terms;
/// - `network-before-pruning.svg`: the trained network after the sparse training, before pruning;
/// - `loss.svg`: its training curves (sparse training, pruning, refit) with the grid updates;
/// - `fit.svg`: the printed formula's predictions against the measured target on the
///   validation rows, and the residuals, with RMSE and R² (`FitPlot`).
///
/// A drawing that cannot exist (no training, so no `loss.svg`) is skipped with its reason,
/// which the command prints.
struct DiscoveryPlots {
    var result: DiscoverResult
    var tables: DiscoveryTables
    var library: FunctionLibrary
    /// Every `validationStride`-th training row is the validation data when there is no test
    /// table (`DiscoverOptions.validationStride`: rows k·stride − 1).
    var validationStride: Int

    /// The most nodes on one level of a network built from a formula that is still drawn:
    /// wider, its panels would be specks.
    static let drawableWidth = 40

    /// A drawing that could not be made or written.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A file of the plot folder: its drawing, or why there is none.
    enum Entry {
        case drawing(any Drawing)
        case skipped(reason: String)
    }

    /// What `write(into:)` did: the paths written, and the files not drawn with their reasons.
    struct Report {
        var written: [String] = []
        var skipped: [(path: String, reason: String)] = []
    }

    private var inputNames: [String] { tables.names }
    private var targetName: String { tables.targetName }

    /// The drawings by file name, in the order they are written.
    func drawings() -> [(name: String, entry: Entry)] {
        var drawings: [(String, Entry)] = [("pareto.svg", .drawing(pareto))]
        if let source = result.chosen.source {
            drawings.append(("network.svg", .drawing(diagram(source.fixed, title: "chosen: \(result.report.text)"))))
            if let trained = source.trained {
                drawings.append(("network-before-pruning.svg", .drawing(diagram(trained, title: "before pruning"))))
            } else {
                drawings.append(("network-before-pruning.svg", .skipped(reason: "the network was not kept before pruning")))
            }
            if !source.fixed.history.trainLoss.isEmpty {
                drawings.append(("loss.svg", .drawing(LossCurvePlot(
                    history: source.fixed.history, events: events(source), title: "training of \(source.fixed.shape)"))))
            } else {
                drawings.append(("loss.svg", .skipped(reason: "the network has no recorded training")))
            }
        } else {
            let untrained = "no network was trained for the chosen formula (it came from \(Self.stage(of: result.chosen.origin)))"
            drawings.append(("network.svg", compiledDiagram()))
            drawings.append(("network-before-pruning.svg", .skipped(reason: untrained + ", so nothing was pruned")))
            drawings.append(("loss.svg", .skipped(reason: untrained + ", so there are no training curves")))
        }
        drawings.append(("fit.svg", fit()))
        return drawings
    }

    /// Writes every drawing into `directory` (created if missing), each file through the project's
    /// atomic writer (temporary file, fsync, rename: as `plot` and `save_csv`). A file of an
    /// earlier run that this one does not draw is removed: it would show another formula.
    func write(into directory: String) throws -> Report {
        let folder = URL(fileURLWithPath: (directory as NSString).expandingTildeInPath, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot create the plot folder '\(directory)': \(fileSystemReason(error))")
        }
        var report = Report()
        for (name, entry) in drawings() {
            let path = folder.appendingPathComponent(name)
            switch entry {
            case .skipped(let reason):
                var reason = reason
                if FileManager.default.fileExists(atPath: path.path) {
                    do {
                        try FileManager.default.removeItem(at: path)
                        reason += "; the file of an earlier run was removed"
                    } catch {
                        reason += "; the file of an earlier run is still there (cannot remove it: \(fileSystemReason(error)))"
                    }
                }
                report.skipped.append((path.path, reason))
            case .drawing(let drawing):
                let text: String
                do {
                    text = try drawing.svg()
                } catch {
                    throw Failure(description: "cannot draw \(name): \(error)")
                }
                do {
                    try writeAtomically(Array(text.utf8), toPath: path.path)
                } catch {
                    throw Failure(description: "cannot write '\(path.path)': \(error.reason)")
                }
                report.written.append(path.path)
            }
        }
        return report
    }

    // MARK: Drawings

    private var pareto: ParetoPlot {
        let points = result.front.map { point in
            ParetoPoint(complexity: Double(point.complexity), error: point.validationRMSE,
                        label: point.text, isChosen: point.formula == result.chosen.formula)
        }
        return ParetoPlot(points: points, title: "Pareto front of \(targetName)", yTitle: "validation RMSE")
    }

    /// The diagram of `network`, whose original inputs are `names` (default: the table's columns).
    private func diagram(_ network: Network, names: [String]? = nil, samples: KAN.Dataset? = nil, title: String) -> NetworkDiagram {
        let names = names ?? inputNames
        return NetworkDiagram(network: network, samples: samples, inputNames: names, outputNames: [targetName],
                              title: title) { id in
            EdgeLabel.text(network, EdgeLocation(layer: id.layer, input: id.input, output: id.output),
                           inputName: id.layer == 0 ? Self.inputName(network, id.input, names) : nil, library: library)
        }
    }

    /// The printed formula built as a KAN (`FormulaCompilation`): every edge one of its terms,
    /// symbolic, so the network computes the formula exactly and there is nothing to train; the
    /// edges are drawn over the ranges they see on the training rows.
    private func compiledDiagram() -> Entry {
        let report = result.report
        let plan: FormulaNetworkPlan
        do {
            plan = try FormulaCompilation.compile(report.expression, variables: report.variables, library: library)
        } catch {
            return .skipped(reason: "the chosen formula cannot be built as a KAN: \(error)")
        }
        if let widest = plan.shape.map(\.nodeCount).max(), widest > Self.drawableWidth {
            return .skipped(reason: "the chosen formula's KAN would have \(widest) nodes on one level, "
                + "more than the \(Self.drawableWidth) a drawing can show")
        }
        let network: Network
        let samples: KAN.Dataset
        do {
            network = try plan.network()
            let rows = Self.strided(tables.train.target.indices, limit: 2000)
            let inputs = try columns(report.variables, of: tables.train).map { column in rows.map { column[$0] } }
            samples = try KAN.Dataset(columns: inputs, targetColumns: [rows.map { tables.train.target[$0] }])
        } catch {
            return .skipped(reason: "the chosen formula's KAN cannot be built: \(error)")
        }
        // The network's inputs are the formula's variables (constant columns are not among them).
        return .drawing(diagram(network, names: report.variables, samples: samples,
                                title: "chosen: \(report.text) (from \(Self.stage(of: result.chosen.origin)))"))
    }

    /// The printed formula against the validation rows: the test table, else every
    /// `validationStride`-th training row, as `discover` held them out.
    private func fit() -> Entry {
        let report = result.report
        let stride = max(validationStride, 2)
        let part: DiscoveryTables.Part
        let description: String
        if let test = tables.test {
            part = test
            description = "rows of the test table"
        } else {
            let rows = tables.train.target.indices.filter { $0 % stride == stride - 1 }
            part = DiscoveryTables.Part(columns: tables.train.columns.map { column in rows.map { column[$0] } },
                                        target: rows.map { tables.train.target[$0] })
            description = "validation rows (every \(Self.ordinal(stride)) row, held out)"
        }
        let predictions: [Double]
        var curve: FitPlot.Curve?
        do {
            let compiled = try report.expression.compile(variables: report.variables)
            predictions = compiled.evaluate(columns: try columns(report.variables, of: part))
            let used = report.expression.freeSymbols.sorted()
            let single = used.count == 1 ? used[0] : used.isEmpty && report.variables.count == 1 ? report.variables[0] : nil
            if let single {
                let one = try report.expression.compile(variables: [single])
                curve = FitPlot.Curve(name: single, inputs: try columns([single], of: part)[0]) { one.evaluate([$0]) }
            }
        } catch {
            return .skipped(reason: "the chosen formula cannot be evaluated on the data: \(error)")
        }
        guard predictions.count == part.target.count else {
            return .skipped(reason: "the chosen formula gave \(predictions.count) values for \(part.target.count) rows")
        }
        return .drawing(FitPlot(measured: part.target, predicted: predictions, curve: curve, targetName: targetName,
                                title: "\(targetName) = \(report.text)", rowsDescription: description))
    }

    // MARK: Helpers

    /// The columns of `part` holding `names`, in that order.
    private func columns(_ names: [String], of part: DiscoveryTables.Part) throws -> [[Double]] {
        try names.map { name in
            guard let index = inputNames.firstIndex(of: name), part.columns.indices.contains(index) else {
                throw Failure(description: "the formula's variable '\(name)' is not a column of the table")
            }
            return part.columns[index]
        }
    }

    /// The name of the network's `index`-th remaining input, its original inputs being `names`.
    private static func inputName(_ network: Network, _ index: Int, _ names: [String]) -> String? {
        guard network.inputIndices.indices.contains(index) else { return nil }
        let original = network.inputIndices[index]
        return names.indices.contains(original) ? names[original] : nil
    }

    /// Grid updates of each training run, and the pruning between them.
    private func events(_ source: FormulaSource) -> [TrainingEvent] {
        var events: [TrainingEvent] = []
        var firstStep = 0
        for (run, options) in source.trainingOptions.enumerated() {
            if run == 1, let pruneStep = source.pruneStep {
                firstStep = pruneStep
                events.append(TrainingEvent(step: pruneStep, kind: .prune))
            }
            events += TrainingEvent.gridUpdates(options: options, firstStep: firstStep)
        }
        return events
    }

    /// The stage a candidate's `origin` names, for the messages: "the power-law stage".
    static func stage(of origin: String) -> String {
        if origin.hasPrefix("power law") { return "the power-law stage" }
        if origin.hasPrefix("sparse sum") { return "the sparse-sum stage" }
        if origin.hasPrefix("sparse ratio") { return "the ratio stage" }
        if origin.hasPrefix("decomposition") || origin.hasPrefix("split") { return "the decomposition" }
        if origin.hasPrefix("constant") { return "the constant fit" }
        if origin.contains(" × ") { return "a network trained on the target divided by a monomial, not kept" }
        return "a stage without a network (\(origin))"
    }

    /// At most `limit` of `rows`, evenly strided.
    static func strided(_ rows: Range<Int>, limit: Int) -> [Int] {
        let step = max(1, (rows.count + limit - 1) / max(limit, 1))
        return Array(Swift.stride(from: rows.lowerBound, to: rows.upperBound, by: step))
    }

    static func ordinal(_ n: Int) -> String {
        let suffix = (11...13).contains(n % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
        return "\(n)\(suffix)"
    }
}
