/// What a checkpoint of version 2 may carry besides the network: the names of its inputs
/// and the data it was last trained on.
///
/// Without them a loaded model is numbers only: its inputs are `x1, x2, ...` whatever
/// they were, and nothing is left to refit a formula's constants on, so `formula` after
/// `load_model` could not work. Both are optional (an untrained model has no data) and
/// validated like every other field; version 1 files, which have neither, still load.
extension Checkpoint {
    /// A table of samples: column names, which column is the target, and the values
    /// column by column (`rowCount` per column).
    public struct Sample: Encodable, Sendable, Equatable {
        public var names: [String]
        public var target: Int
        public var rowCount: Int
        /// Column-major: column c is `values[c * rowCount ..< (c + 1) * rowCount]`.
        public var values: [Double]

        public init(names: [String], target: Int, rowCount: Int, values: [Double]) {
            self.names = names
            self.target = target
            self.rowCount = rowCount
            self.values = values
        }

        /// Column `index`.
        public func column(_ index: Int) -> ArraySlice<Double> {
            values[(index * rowCount)..<((index + 1) * rowCount)]
        }
    }

    /// The version-2 fields: `variables` (one name per current input) and `sample`.
    func validateNames() throws {
        if let variables {
            guard variables.count == inputIndices.count else {
                throw KANError.checkpointInvalid(field: "variables",
                    problem: "\(variables.count) names for \(inputIndices.count) inputs (inputIndices)")
            }
            try Self.checkNames(variables, "variables")
        }
        guard let sample else { return }
        try Self.checkNames(sample.names, "sample.names")
        guard sample.names.count >= 2 else {
            throw KANError.checkpointInvalid(field: "sample.names", problem: "\(sample.names.count) columns; a sample has inputs and a target")
        }
        guard sample.names.indices.contains(sample.target) else {
            throw KANError.checkpointInvalid(field: "sample.target", problem: "\(sample.target) is not a column index in 0..<\(sample.names.count)")
        }
        guard sample.rowCount >= 1, sample.rowCount <= Int.max / sample.names.count,
              sample.values.count == sample.rowCount * sample.names.count else {
            throw KANError.checkpointInvalid(field: "sample.values",
                problem: "\(sample.values.count) values for \(sample.rowCount) rows of \(sample.names.count) columns")
        }
        if let k = sample.values.firstIndex(where: { !$0.isFinite }) {
            throw KANError.checkpointInvalid(field: "sample.values[\(k)]", problem: "\(CheckpointFields.show(sample.values[k])) is not a finite number")
        }
        if let variables, let missing = variables.first(where: { !sample.names.contains($0) }) {
            throw KANError.checkpointInvalid(field: "sample.names", problem: "no column \"\(missing)\" for the variable of that name")
        }
    }

    private static func checkNames(_ names: [String], _ field: String) throws {
        var seen = Set<String>()
        for (k, name) in names.enumerated() {
            guard !name.isEmpty else { throw KANError.checkpointInvalid(field: "\(field)[\(k)]", problem: "an empty name") }
            guard seen.insert(name).inserted else {
                throw KANError.checkpointInvalid(field: "\(field)[\(k)]", problem: "\"\(name)\" is repeated")
            }
        }
    }
}
