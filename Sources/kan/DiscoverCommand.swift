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
            Pareto front, the chosen formula as a network (the trained one, or one built from
            the formula), the trained network before pruning and its training curves when a
            network found the formula, and the formula's fit to the validation rows, as SVG
            files in DIR; standard error says which files were not drawn and why.
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

    @Option(help: ArgumentHelp(
        "How to print the result: text, latex or sympy (the front as a table, then the formula), "
            + "json (one JSON document: the chosen formula and the whole front) or csv (the front as CSV).",
        valueName: "FORMAT"))
    var format: FormulaFormat = .text

    @Option(name: .customLong("front"), help: ArgumentHelp(
        "Also save the Pareto front to FILE: JSON if its name ends in .json, else CSV.", valueName: "FILE"))
    var frontPath: String?

    @Option(help: ArgumentHelp(
        "Rows with a missing value (an empty cell, NA, null, NaN): drop them (the default; the count goes to stderr) or error.",
        valueName: "drop|error"))
    var missing: CSVReadOptions.MissingPolicy = .drop

    @Option(help: ArgumentHelp(
        "The cell separator: ',', ';', tab, '|' or ':' (default: detected from the header line).",
        valueName: "CHAR"))
    var delimiter: CSVDelimiterArgument?

    @Option(parsing: .unconditional, help: "The first seed of the networks' initialisation.")
    var seed: UInt64 = DiscoverOptions.defaultFirstSeed

    @Option(name: .customLong("time-limit"), parsing: .unconditional, help: "Seconds the search may take: it then returns the best formula found so far (within a few percent of the limit, see docs/interrupts.md).")
    var timeLimit: Double = DiscoverOptions.defaultTimeLimit

    @Option(help: ArgumentHelp(
        "The stages to run, comma-separated: \(DiscoverStage.allNames.joined(separator: ",")) (default: all; selection always runs).",
        valueName: "LIST"))
    var stages: String?

    @Flag(name: .customLong("drop-nonfinite"), help: "Drop rows with infinite values (and NaN under --missing error) instead of stopping.")
    var dropNonFinite = false

    @Option(name: .customLong("plot"), help: ArgumentHelp(
        "Draw pareto.svg, network.svg, fit.svg, and, when a network found the formula, network-before-pruning.svg and loss.svg into this folder.", valueName: "DIR"))
    var plotDirectory: String?

    @Flag(help: "Print every progress message to stderr as a line (what each stage and network is trying), instead of one status line on a terminal.")
    var verbose = false

    @Flag(help: "Print only the formula.")
    var quiet = false

    func validate() throws {
        // Rejected here, before a second of search: a negative limit would end the search
        // at once, and NaN never.
        guard timeLimit.isFinite, timeLimit > 0 else {
            throw ValidationError("--time-limit must be a positive number of seconds, not '\(timeLimit)'")
        }
    }

    func run() throws {
        let options = CSVReadOptions(missingValues: missing, nonFiniteValues: dropNonFinite ? .dropRow : .reject,
                                     delimiter: delimiter?.byte)
        let training: DiscoveryTables
        do {
            training = try DiscoveryTables.load(data: data, test: test, target: target, options: options, quiet: quiet)
        } catch {
            StandardError.write(Self.message(error))
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

        let discoverOptions: DiscoverOptions
        do {
            discoverOptions = try DiscoverOptions(timeLimit: timeLimit, firstSeed: seed, stages: stages)
        } catch {
            StandardError.write("kan discover: error: --stages: \(error)\n")
            throw ExitCode.validationFailure
        }

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
            StandardError.write(Self.message(error))
            throw ExitCode.failure
        }
        status.clear()
        if interrupted.isSet {
            StandardError.write("kan discover: interrupted; the best formula found so far follows\n")
        }
        let plotted = plotDirectory.map {
            plot(result, training: training, library: library, validationStride: discoverOptions.validationStride, into: $0)
        } ?? true
        let export = FrontExport(result: result, variables: training.names, target: training.targetName)
        var saved = true
        if let frontPath {
            do {
                try export.write(toPath: frontPath)
            } catch {
                StandardError.write("\(frontPath): error: cannot write the file: \(error.reason)\n")
                saved = false
            }
        }
        if let warning = result.warning {
            StandardError.write("kan discover: \(warning)\n")
        }
        switch format {
        case .json:
            // One document on standard output, whatever else is asked: it parses as a whole.
            print(export.json)
        case .csv:
            print(export.csv, terminator: "")
        case .text, .latex, .sympy:
            if !quiet {
                print(result)
                print("")
            }
            print(format.render(result.report))
        }
        if interrupted.isSet {
            throw ExitCode.interrupted
        }
        if !plotted || !saved {
            throw ExitCode.failure
        }
    }

    /// The line to print for an error: a `TableError` or a test-table mismatch already
    /// names its file (`data.csv:3: error: ...`); anything else gets the command's prefix.
    static func message(_ error: any Error) -> String {
        switch error {
        case let error as TableError: "\(error)\n"
        case let error as DiscoveryTables.MismatchError: "\(error)\n"
        default: "kan discover: error: \(error)\n"
        }
    }

    /// Writes the drawings of `--plot`; lists what was written and, one line each, what was not
    /// drawn and why (unless `--quiet`). A failure is reported on standard error and returns
    /// false (the formula is still printed: the search is not lost for want of a picture).
    private func plot(_ result: DiscoverResult, training: DiscoveryTables, library: FunctionLibrary,
                      validationStride: Int, into directory: String) -> Bool {
        let plots = DiscoveryPlots(result: result, tables: training, library: library, validationStride: validationStride)
        do {
            let report = try plots.write(into: directory)
            if !quiet {
                StandardError.write("drawings: \(report.written.joined(separator: ", "))\n")
                for (path, reason) in report.skipped {
                    StandardError.write("not drawn: \(path): \(reason)\n")
                }
            }
            return true
        } catch {
            StandardError.write("error: \(error)\n")
            return false
        }
    }
}

/// The output formats of `kan discover`: a formula format (after the front as a table), or
/// the whole front as data (`FrontExport`).
enum FormulaFormat: String, ExpressibleByArgument, CaseIterable {
    case text, latex, sympy, json, csv

    /// The chosen formula in a formula format (json and csv print `FrontExport` instead).
    func render(_ report: FormulaReport) -> String {
        switch self {
        case .latex: report.latex
        case .sympy: report.sympy
        case .text, .json, .csv: report.text
        }
    }
}

extension CSVReadOptions.MissingPolicy: ExpressibleByArgument {}

/// `--delimiter`: one of `CSVDelimiter.allowed`, or `tab`.
struct CSVDelimiterArgument: ExpressibleByArgument {
    var byte: UInt8

    init?(argument: String) {
        guard let byte = CSVDelimiter.parse(argument) else { return nil }
        self.byte = byte
    }

    static var allValueStrings: [String] { [",", ";", "tab", "|", ":"] }
}
