import Foundation
import PackagePlugin

/// Embeds `library/std.kan` in Discovery at build time (`StandardLibrary.source`), so that `kan` carries its standard
/// library inside the binary and never looks for it on disk (where the current folder,
/// or a folder above a copied binary, could hold someone else's `std.kan`).
///
/// The file stays the one source of truth: the command declares it as its input, so any
/// edit re-runs the command and rebuilds Discovery, and a test checks that the embedded
/// text equals the file. The command is `/bin/sh` wrapping the file, unchanged, in a
/// multi-line raw string literal (`####"""` ... `"""####`), which Swift reads verbatim:
/// no escaping to get wrong, no network, and no tool target of our own — an executable
/// target would also be built by `scripts/fuzz` with `-sanitize=fuzzer`, under which
/// executables cannot link. The newline added before the closing delimiter is not part
/// of the literal, so the string is exactly the file's text. (SwiftPM resources were the
/// other option; they live in a folder beside the executable, which a copied binary
/// does not have.)
@main
struct EmbedStandardLibrary: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let input = context.package.directoryURL.appending(path: "library/std.kan")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedStandardLibrary.swift")
        let quotes = String(repeating: "\"", count: 3)
        let script = [
            "{ printf '// Generated from library/std.kan by the EmbedStandardLibrary plugin; do not edit.\\n'",
            "  printf 'let embeddedStandardLibrarySource: String = ####\(quotes)\\n'",
            "  cat \"$1\"",
            "  printf '\\n\(quotes)####\\n'",
            "} > \"$2.partial\" && mv \"$2.partial\" \"$2\"",
        ].joined(separator: "\n")
        return [
            .buildCommand(
                displayName: "Embedding library/std.kan",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", script, "sh", input.path, output.path],
                inputFiles: [input],
                outputFiles: [output]
            ),
        ]
    }
}
