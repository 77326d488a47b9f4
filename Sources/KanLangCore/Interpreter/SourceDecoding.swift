import Foundation

/// Reads script bytes as text, reporting the first invalid UTF-8 byte with its position.
enum SourceDecoding {
    static func decode(_ data: Data, fileName: String) throws(Diagnostics) -> SourceFile {
        if let text = String(validating: data, as: UTF8.self) {
            return SourceFile(name: fileName, text: text)
        }
        // Find the first bad byte; its location is counted in the valid prefix.
        var iterator = data.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var validBytes = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): validBytes += scalar.count
            case .error, .emptyInput: break loop
            }
        }
        let prefix = String(decoding: data.prefix(validBytes), as: UTF8.self)
        let file = SourceFile(name: fileName, text: String(decoding: data, as: UTF8.self))
        let location = file.location(at: prefix.unicodeScalars.count)
        throw Diagnostics([Diagnostic(.error, "invalid UTF-8 in source file", at: location)])
    }
}
