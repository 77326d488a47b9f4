/// A position in a script: file, 1-based line and column (in Unicode scalars).
public struct SourceLocation: Sendable, CustomStringConvertible {
    /// The file the position is in; it renders the line under a diagnostic.
    public let file: SourceFile
    public let line: Int
    public let column: Int
    /// Offset in scalars from the start of the file.
    public let offset: Int

    public init(file: SourceFile, line: Int, column: Int, offset: Int) {
        self.file = file
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `file:line:col`, as swiftc and clang print it.
    public var description: String { "\(file.name):\(line):\(column)" }
}

extension SourceLocation: Equatable {
    public static func == (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        lhs.file.name == rhs.file.name && lhs.line == rhs.line && lhs.column == rhs.column
    }
}
