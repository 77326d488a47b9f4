import FileIO
import Foundation

/// Finds the file an `import` names: relative to the importing file's directory
/// first, then in each library directory in order. Absolute paths are used as given.
struct ImportResolver {
    var libraryPaths: [String]

    func resolve(_ path: String, importer: String) -> String? {
        var candidates: [String] = []
        if path.hasPrefix("/") {
            candidates.append(path)
        } else {
            // REPL and -e inputs have no file; they import relative to the working directory.
            let base = importer.hasPrefix("<") || importer == "-e"
                ? FileManager.default.currentDirectoryPath
                : (importer as NSString).deletingLastPathComponent
            candidates.append((base.isEmpty ? "." : base) + "/" + path)
            candidates += libraryPaths.map { $0 + "/" + path }
        }
        return candidates.first { candidate in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }

    /// A canonical spelling of a path, so one file imported two ways is one file.
    static func standardize(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

extension Interpreter {
    /// Runs an imported file once, in the global scope. A file already being
    /// imported (a cycle) is an error; one imported before is skipped.
    func importFile(_ path: String, at location: SourceLocation) throws(KanError) {
        let resolver = ImportResolver(libraryPaths: options.libraryPaths)
        let found = resolver.resolve(path, importer: location.file.name)
        // "std.kan" that no folder holds is the copy built into kan (the host's).
        let standardLibrary = found == nil ? host.standardLibrary.flatMap { $0.fileName == path ? $0 : nil } : nil
        guard let key = standardLibrary != nil ? standardLibraryImportKey : found.map(ImportResolver.standardize) else {
            throw KanError("cannot find '\(path)' to import", at: location)
        }
        if let start = importStack.firstIndex(of: key) {
            let cycle = (importStack[start...] + [key]).map { ($0 as NSString).lastPathComponent }
            throw KanError("import cycle: \(cycle.joined(separator: " -> "))", at: location)
        }
        if importedFiles.contains(key) { return }
        var data = Data()
        if let found {
            do {
                data = Data(try readEntireFile(atPath: found, limit: ReadSizeLimit.source))
            } catch {
                throw KanError("\(error)", at: location)
            }
        }
        let file: SourceFile
        let statements: [Statement]
        do throws(Diagnostics) {
            if let found {
                file = try SourceDecoding.decode(data, fileName: found)
            } else {
                file = SourceFile(name: key, text: standardLibrary?.source ?? "")
            }
            statements = try Parser.parse(file)
        } catch {
            var failure = KanError("errors in imported file '\(path)'", at: location)
            failure.syntaxErrors = error.items
            throw failure
        }
        importStack.append(key)
        defer { importStack.removeLast() }
        _ = try execute(statements, in: globals)
        importedFiles.insert(key)
    }
}
