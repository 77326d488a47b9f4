import Discovery

extension Interpreter {
    /// The name of the built-in copy of `std.kan` (`Discovery.StandardLibrary`) in messages
    /// and in the set of imported files.
    static let standardLibraryImportKey = "<std.kan>"

    /// Runs the built-in standard library, once: a later `import "std.kan"` that finds no
    /// file of that name beside the script or in the library folders is skipped.
    public func runStandardLibrary() throws(Diagnostics) {
        guard !importedFiles.contains(Self.standardLibraryImportKey) else { return }
        try run(source: StandardLibrary.source, fileName: Self.standardLibraryImportKey)
        importedFiles.insert(Self.standardLibraryImportKey)
    }
}
