/// Where the first invalid UTF-8 sequence in `bytes` starts, for an error message that
/// points at the line rather than merely refusing the file; `nil` if all is valid.
func firstInvalidUTF8Offset(in bytes: ArraySlice<UInt8>) -> Int? {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = bytes.startIndex
    while true {
        switch parser.parseScalar(from: &iterator) {
        case .valid(let scalar): offset += scalar.count
        case .error: return offset
        case .emptyInput: return nil
        }
    }
}

/// The error for invalid UTF-8 at `offset`: its line (CR, LF and CRLF each end one) and
/// its column, counted by commas before it on that line.
func invalidUTF8Error(in bytes: ArraySlice<UInt8>, at offset: Int, file: String?) -> TableError {
    var line = 1
    var column = 1
    var index = bytes.startIndex
    while index < offset {
        switch bytes[index] {
        case UInt8(ascii: "\r"):
            if index + 1 < offset, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
            line += 1; column = 1
        case UInt8(ascii: "\n"):
            line += 1; column = 1
        case UInt8(ascii: ","):
            column += 1
        default:
            break
        }
        index += 1
    }
    return TableError(.invalidUTF8(byte: bytes[offset]), file: file, line: line, column: column)
}
