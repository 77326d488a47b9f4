extension Interpreter {
    /// The name of the built-in standard library (the host's `standardLibrary`) in messages
    /// and in the set of imported files: `<std.kan>`.
    var standardLibraryImportKey: String? { host.standardLibrary.map { "<\($0.fileName)>" } }

    /// Runs the host's built-in standard library, once (nothing when the host has none): a
    /// later `import "std.kan"` that finds no file of that name beside the script or in the
    /// library folders is skipped.
    public func runStandardLibrary() throws(Diagnostics) {
        guard let library = host.standardLibrary, let key = standardLibraryImportKey,
              !importedFiles.contains(key) else { return }
        try run(source: library.source, fileName: key)
        importedFiles.insert(key)
    }
}
