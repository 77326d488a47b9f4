/// The most bytes kan holds from one file it reads, by what the file is for.
///
/// Without a cap, a path that never ends — `/dev/zero` behind a symbolic link, a pipe fed
/// by `yes`, a runaway generator — is read until memory runs out and the process aborts.
/// Regular files larger than the cap are refused before a byte is read; streams (pipes,
/// standard input) are read up to the cap and then refused. Each limit is far above what
/// the file can usefully be, and far below what would exhaust a laptop:
public enum ReadSizeLimit {
    /// CSV data: 1 GiB. The largest data sets in kan's benchmarks are 10^6 rows × 3
    /// columns, 57 MB (docs/data.md); 1 GiB is 18 times that (about 10^8 numbers, more
    /// than discovery can train on in any time limit), and reading it peaks at about
    /// 2.1 GB (the bytes, the parsed values and the table: docs/data.md, "Memory").
    public static let data = 1 << 30
    /// KanLang scripts and library files: 16 MiB, 6,000 times the standard library
    /// (2.7 KB). Source is parsed into a tree many times its size, and data belongs in
    /// a CSV file, not in a script.
    public static let source = 16 << 20
    /// Model checkpoints: 1 GiB. The largest model kan's issues mention, a [2, 6000, 1]
    /// network with grid 1000, has 18,000 edges of about 1,000 coefficients: 18 million
    /// numbers, some 360 MB of JSON at 20 characters a number (an estimate, not a
    /// measurement), which fits with room to spare.
    public static let checkpoint = 1 << 30

    /// "1 GiB", "16 MiB", "512 bytes": a limit in words.
    public static func describe(_ bytes: Int) -> String {
        if bytes >= 1 << 30, bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
