import ArgumentParser
import Foundation
import KanLang
import Sweep

/// The `kan` command line: discovers closed-form formulas from data.
///
/// `kan` alone starts the REPL (or runs standard input when it is not a terminal),
/// `kan FILE.kan [ARGS...]` runs a script, `kan -e CODE` runs code and prints the
/// last value, and `kan discover DATA.csv` runs the whole pipeline.
@main
struct Kan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kan",
        abstract: "Discover closed-form formulas from data with Kolmogorov-Arnold Networks.",
        discussion: """
            Without a subcommand, kan runs KanLang: the REPL on a terminal, a script
            file with arguments, or code given with -e. See docs/language.md.
            kan sweep runs many discover jobs from a manifest (docs/sweeps.md).
            """,
        version: KanVersion.string,
        subcommands: [RunCommand.self, DiscoverCommand.self, SweepCommand.self],
        defaultSubcommand: RunCommand.self
    )

    static func main() {
        // Past a file size limit (ulimit -f) the kernel would end the process with SIGXFSZ;
        // ignored, the write fails with EFBIG instead, which a save reports like a full disk.
        signal(SIGXFSZ, SIG_IGN)
        // A job of `kan sweep` ends when the sweep that started it is gone (kill -9).
        ParentWatch.start()
        main(nil)
    }
}
