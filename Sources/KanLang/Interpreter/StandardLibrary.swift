/// The standard function library, `library/std.kan`, as built into kan.
///
/// The build embeds the file's text (Plugins/EmbedStandardLibrary), so the binary is
/// self-contained: wherever `kan` is copied or linked, and whatever folder it runs in, it
/// runs the library it was built with, never a `std.kan` found on disk — a library found
/// relative to the current folder would run whatever code someone planted there. The
/// file stays the one source of truth; a test checks the embedded text equals it.
public enum StandardLibrary {
    /// The name scripts import it by: `import "std.kan"`.
    public static let fileName = "std.kan"
    /// The source text of `library/std.kan` at build time.
    public static var source: String { embeddedStandardLibrarySource }
    /// The name of the built-in copy in messages and in the set of imported files.
    static let importKey = "<std.kan>"
}

extension Interpreter {
    /// Runs the built-in standard library, once: a later `import "std.kan"` that finds no
    /// file of that name beside the script or in the library folders is skipped.
    public func runStandardLibrary() throws(Diagnostics) {
        guard !importedFiles.contains(StandardLibrary.importKey) else { return }
        try run(source: StandardLibrary.source, fileName: StandardLibrary.importKey)
        importedFiles.insert(StandardLibrary.importKey)
    }
}
