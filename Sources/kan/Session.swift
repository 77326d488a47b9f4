import Foundation
import Discovery
import KanLang

/// Builds the interpreter that batch runs and the REPL share: the script's
/// arguments, the library search path, the standard library `std.kan` (built into
/// kan: `StandardLibrary`) and the user's `--library` files, loaded in that order.
enum Session {
    struct LoadError: Error {
        var diagnostics: Diagnostics
    }

    static func makeInterpreter(
        arguments: [String], libraries: [String], standardLibrary: Bool = true, memoryLimit: Int? = nil
    ) throws(LoadError) -> Interpreter {
        var options = InterpreterOptions()
        options.arguments = arguments
        options.memoryLimit = memoryLimit
        options.libraryPaths = LibraryLocator.searchPaths()
        let interpreter = Interpreter(options: options)
        if standardLibrary {
            do {
                try interpreter.runStandardLibrary()
            } catch {
                throw LoadError(diagnostics: error)
            }
        }
        for file in libraries {
            do {
                try interpreter.run(file: file)
            } catch {
                throw LoadError(diagnostics: error)
            }
        }
        return interpreter
    }
}

/// Standard error, unbuffered, for diagnostics and progress.
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

extension Session {
    /// The function library that symbolic matching searches: the primitives of
    /// `std.kan` and of the user's library files.
    static func functionLibrary(libraries: [String]) throws(LoadError) -> FunctionLibrary {
        let interpreter = try makeInterpreter(arguments: [], libraries: libraries)
        return interpreter.functionLibrary
    }
}
