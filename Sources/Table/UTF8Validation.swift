/// Where the first invalid UTF-8 sequence in `bytes` starts, or nil if all is valid,
/// checked a megabyte at a time with the standard library's fast validator, so that
/// checking a large file costs no copy of it. Chunks end before a byte that continues a
/// sequence, so no valid sequence is split; the slow scalar walk runs only to locate an
/// error.
func firstInvalidUTF8Offset(validatingInChunks bytes: ArraySlice<UInt8>) -> Int? {
    var start = bytes.startIndex
    while start < bytes.endIndex {
        var end = Swift.min(start + (1 << 20), bytes.endIndex)
        // Back up over continuation bytes (10xxxxxx), at most three.
        var backed = 0
        while end < bytes.endIndex, backed < 4, bytes[end] & 0xC0 == 0x80 { end -= 1; backed += 1 }
        if end <= start { end = Swift.min(start + (1 << 20), bytes.endIndex) }
        if String(validating: bytes[start..<end], as: UTF8.self) == nil {
            return firstInvalidUTF8Offset(in: bytes[start..<end]) ?? start
        }
        start = end
    }
    return nil
}

/// The number of lines (CR, LF and CRLF each end one; a last line need not end, and an
/// empty one after the last line end is none): bounds the rows, to size the table once.
func lineCount(_ bytes: ArraySlice<UInt8>) -> Int {
    var count = 0
    if let last = bytes.last, last != UInt8(ascii: "\n"), last != UInt8(ascii: "\r") { count = 1 }
    var previousCR = false
    for byte in bytes {
        if byte == UInt8(ascii: "\n") {
            if !previousCR { count += 1 }
            previousCR = false
        } else {
            previousCR = byte == UInt8(ascii: "\r")
            if previousCR { count += 1 }
        }
    }
    return count
}

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
