import Discovery
import FileIO
import Foundation
import KAN
import KanLang
import Plot
import Table

/// The drawings of `kan discover --plot DIR`: what a scientist looks at to judge the
/// chosen formula and decide what to try next.
///
/// - `pareto.svg`: complexity against validation RMSE of the front, the chosen formula ringed;
/// - `network.svg`: the network the chosen formula was read from, after pruning, every edge
///   fixed to its primitive and labelled with its fitted c·f(a·x + b) + d (dropped edges gone);
/// - `network-before-pruning.svg`: the same network after the sparse training, before pruning;
/// - `loss.svg`: its training curves (sparse training, pruning, refit) with the grid updates.
///
/// A formula that did not come from a network (none does today) gets the Pareto front only.
struct DiscoveryPlots {
    var result: DiscoverResult
    var inputNames: [String]
    var targetName: String
    var library: FunctionLibrary

    /// A drawing that could not be made or written.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The drawings by file name, in the order they are written.
    func drawings() -> [(name: String, drawing: any Drawing)] {
        var drawings: [(String, any Drawing)] = [("pareto.svg", pareto)]
        guard let source = result.chosen.source else { return drawings }
        drawings.append(("network.svg", diagram(source.fixed, title: "chosen: \(result.report.text)")))
        if let trained = source.trained {
            drawings.append(("network-before-pruning.svg", diagram(trained, title: "before pruning")))
        }
        if !source.fixed.history.trainLoss.isEmpty {
            drawings.append(("loss.svg", LossCurvePlot(
                history: source.fixed.history, events: events(source), title: "training of \(source.fixed.shape)")))
        }
        return drawings
    }

    /// Writes every drawing into `directory` (created if missing), each file through the project's
    /// atomic writer (temporary file, fsync, rename: as `plot` and `save_csv`);
    /// returns the paths written.
    func write(into directory: String) throws -> [String] {
        let folder = URL(fileURLWithPath: (directory as NSString).expandingTildeInPath, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot create the plot folder '\(directory)': \(PlotBuiltins.reason(error))")
        }
        var written: [String] = []
        for (name, drawing) in drawings() {
            let path = folder.appendingPathComponent(name)
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
            written.append(path.path)
        }
        return written
    }

    private var pareto: ParetoPlot {
        let points = result.front.map { point in
            ParetoPoint(complexity: Double(point.complexity), error: point.validationRMSE,
                        label: point.text, isChosen: point.formula == result.chosen.formula)
        }
        return ParetoPlot(points: points, title: "Pareto front of \(targetName)", yTitle: "validation RMSE")
    }

    private func diagram(_ network: Network, title: String) -> NetworkDiagram {
        NetworkDiagram(network: network, inputNames: inputNames, outputNames: [targetName], title: title) { id in
            PlotBuiltins.symbolicLabel(network, id, inputName: id.layer == 0 ? inputName(network, id.input) : nil,
                                       library: library)
        }
    }

    /// The name of the network's `index`-th remaining input.
    private func inputName(_ network: Network, _ index: Int) -> String? {
        guard network.inputIndices.indices.contains(index) else { return nil }
        let original = network.inputIndices[index]
        return inputNames.indices.contains(original) ? inputNames[original] : nil
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
}
