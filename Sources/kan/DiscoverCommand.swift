import ArgumentParser
import Discovery
import Foundation
import KanLang
import Table

/// `kan discover DATA.csv`: the whole pipeline, from a table to the exact law.
///
/// Loads the table (the target is the last column unless `--target` names one),
/// builds the function library from `std.kan` and the user's `--library` files,
/// runs `Discovery.discover` with its defaults, prints the Pareto front of
/// complexity against validation error (unless `--quiet`), and prints the chosen
/// formula as the last line of standard output in the requested format.
struct DiscoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Find the closed-form formula behind a table of data.",
        discussion: """
            DATA.csv has a header row and numeric columns; the target is the last column
            unless --target names another, and the other columns are the variables, which
            keep their header names in the formula. The last line of standard output is
            the chosen formula in the --format asked for. Ctrl-C stops the search and
            prints the best formula found so far (exit status 130). --plot DIR draws the
            Pareto front, the chosen formula's network before and after pruning, and its
            training curves as SVG files in DIR.
            """
    )

    @ArgumentParser.Argument(help: ArgumentHelp("The training data (- for standard input).", valueName: "DATA.csv"))
    var data: String

    @Option(help: ArgumentHelp("Test data with the same columns, for the reported test error.", valueName: "TEST.csv"))
    var test: String?

    @Option(help: "The column to explain (default: the last).")
    var target: String?

    @Option(name: .customLong("library"), help: ArgumentHelp("A KanLang file of extra primitives (repeatable).", valueName: "FILE.kan"))
    var libraries: [String] = []

    @Option(help: "How to print the formula: text, latex, sympy or json.")
    var format: FormulaFormat = .text

    @Option(help: "The first seed of the networks' initialisation.")
    var seed: UInt64 = 0

    @Option(name: .customLong("time-limit"), help: "Seconds the search may take: it then returns the best formula found so far (within a few percent of the limit, see docs/interrupts.md).")
    var timeLimit: Double = 60

    @Option(help: ArgumentHelp(
        "The stages to run, comma-separated: \(DiscoverStage.allNames.joined(separator: ",")) (default: all; selection always runs).",
        valueName: "LIST"))
    var stages: String?

    @Flag(name: .customLong("drop-nonfinite"), help: "Drop rows with NaN or infinite values instead of stopping.")
    var dropNonFinite = false

    @Option(name: .customLong("plot"), help: ArgumentHelp(
        "Draw pareto.svg, network.svg, network-before-pruning.svg and loss.svg into this folder.", valueName: "DIR"))
    var plotDirectory: String?

    @Flag(help: "Print every progress message to stderr as a line (what each stage and network is trying), instead of one status line on a terminal.")
    var verbose = false

    @Flag(help: "Print only the formula.")
    var quiet = false

    func run() throws {
        let options = CSVReadOptions(nonFiniteValues: dropNonFinite ? .dropRow : .reject)
        let training: DiscoveryTables
        do {
            training = try DiscoveryTables.load(data: data, test: test, target: target, options: options, quiet: quiet)
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode.failure
        }
        let library: FunctionLibrary
        do {
            library = try Session.functionLibrary(libraries: libraries)
        } catch {
            StandardError.write(error.diagnostics.rendered)
            throw ExitCode.failure
        }
        // Without primitives every edge fits nothing, and the "formula" would be a bare
        // constant reported as a success.
        guard !library.primitives.isEmpty else {
            StandardError.write("error: the function library is empty (the --library files removed every primitive); nothing to discover a formula with\n")
            throw ExitCode.failure
        }

        var discoverOptions = DiscoverOptions()
        discoverOptions.startSeeds(at: seed)
        if let stages {
            do {
                discoverOptions.stages = try DiscoverStage.parse(stages)
            } catch {
                StandardError.write("error: --stages: \(error)\n")
                throw ExitCode.validationFailure
            }
        }
        discoverOptions.timeBudget = timeLimit

        let interrupted = InterruptFlag()
        InterruptSignal.install(forceExitOnSecond: true) { interrupted.set() }
        defer { InterruptSignal.uninstall() }
        let status = StatusLine(enabled: !quiet)
        let result: DiscoverResult
        do {
            result = try discover(
                train: (training.train.columns, training.names, training.train.target),
                test: training.test.map { ($0.columns, $0.target) },
                library: library, options: discoverOptions,
                progress: { message in
                    if verbose {
                        StandardError.write("discover: \(String(format: "%6.1f", message.seconds)) s  \(message.message)\n")
                    } else {
                        status.show(message.message, seconds: message.seconds)
                    }
                },
                shouldStop: { interrupted.isSet })
        } catch {
            status.clear()
            if interrupted.isSet {
                StandardError.write("kan discover: interrupted before any formula was found\n")
                throw ExitCode.interrupted
            }
            StandardError.write("error: \(error)\n")
            throw ExitCode.failure
        }
        status.clear()
        if interrupted.isSet {
            StandardError.write("kan discover: interrupted; the best formula found so far follows\n")
        }
        let plotted = plotDirectory.map { plot(result, training: training, library: library, into: $0) } ?? true
        if !quiet {
            print(result)
            print("")
        }
        if let warning = result.warning {
            StandardError.write("kan discover: \(warning)\n")
        }
        print(format == .json ? result.json : format.render(result.report, seconds: result.seconds))
        if interrupted.isSet {
            throw ExitCode.interrupted
        }
        if !plotted {
            throw ExitCode.failure
        }
    }

    /// Writes the drawings of `--plot`; reports a failure on standard error and returns false
    /// (the formula is still printed: the search is not lost for want of a picture).
    private func plot(_ result: DiscoverResult, training: DiscoveryTables, library: FunctionLibrary, into directory: String) -> Bool {
        let plots = DiscoveryPlots(result: result, inputNames: training.names, targetName: training.targetName, library: library)
        do {
            let paths = try plots.write(into: directory)
            if !quiet {
                StandardError.write("drawings: \(paths.joined(separator: ", "))\n")
            }
            return true
        } catch {
            StandardError.write("error: \(error)\n")
            return false
        }
    }
}

/// The output formats of a discovered formula.
enum FormulaFormat: String, ExpressibleByArgument, CaseIterable {
    case text, latex, sympy, json

    func render(_ report: FormulaReport, seconds: Double) -> String {
        switch self {
        case .text: report.text
        case .latex: report.latex
        case .sympy: report.sympy
        case .json: report.json(seconds: seconds)
        }
    }
}
