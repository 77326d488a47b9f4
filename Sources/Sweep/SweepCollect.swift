import Foundation

/// `kan sweep --collect`: copies the Slurm tasks' records into the folder's `results.jsonl`,
/// so that one file holds every result (as after a local sweep).
///
/// Only records whose job has no line there yet are appended, so collecting twice (or while
/// tasks still run) adds nothing twice. The tasks' files stay: they are the tasks' own logs.
public enum SweepCollect {
    /// Appends the missing records; returns how many.
    public static func merge(_ folder: SweepFolder) throws -> Int {
        try folder.create()
        var known = Set(ResultsLog.read(path: folder.results).records.map(\.id))
        let log = try ResultsLog(path: folder.results)
        var merged = 0
        for file in folder.resultFiles.dropFirst() {
            for record in ResultsLog.read(path: file).records where !known.contains(record.id) {
                try log.append(record)
                known.insert(record.id)
                merged += 1
            }
        }
        return merged
    }
}
