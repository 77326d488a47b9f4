import ArgumentParser
import KanLang

/// The `kan` command line: discovers closed-form formulas from data.
@main
struct Kan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kan",
        abstract: "Discover closed-form formulas from data with Kolmogorov-Arnold Networks.",
        version: KanVersion.string
    )

    func run() throws {
        print(Kan.helpMessage())
    }
}
