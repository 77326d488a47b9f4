import Foundation

/// The complete, versioned state of a network as stored on disk (docs/checkpoint-format.md).
///
///     try network.save(to: url)
///     let restored = try Network.load(from: url) { name in library[name] }
///
/// Writes are atomic (a temporary file in the same directory, then rename; see
/// `CheckpointFile`), so a crash or `kill -9` never leaves a half-written checkpoint under
/// the final name. Loading validates every field against the network it describes
/// (`validate()`) and throws `KANError` for corrupt, truncated, wrong-version or invalid
/// files, naming the field.
public struct Checkpoint: Encodable, Sendable, Equatable {
    public static let formatName = "kan-checkpoint"
    /// 2 added `variables` and `sample` (`CheckpointSample.swift`); 3 added `residual` on
    /// symbolic edges (mixed edges, `MixedEdges.swift`); 4 added `frozen` on layers (the
    /// parameter groups training must not change, `Trainability`). A file is written with the
    /// oldest version that holds it (2 for a network with neither mixed edges nor frozen
    /// parameters), so that older builds read it, and refuse what they would silently lose.
    public static let currentVersion = 4
    public static let supportedVersions = 1...4
    /// The version a network without mixed edges or frozen parameters is written as.
    static let versionWithoutMixedEdges = 2
    /// The version a network with mixed edges but nothing frozen is written as.
    static let versionWithMixedEdges = 3
    /// The largest width (nodes, arity), grid size and input index a checkpoint may
    /// declare: far above any trainable network, low enough that sizes computed from
    /// them cannot overflow.
    static let widthLimit = 1 << 20
    /// The largest spline order (as `Network.init` allows).
    static let orderLimit = 10

    public struct SymbolicEdge: Encodable, Sendable, Equatable {
        public var edge: Int
        public var name: String
        /// true for a mixed edge, whose spline branch is added to the symbolic function
        /// (version 3); absent (nil) for a purely symbolic edge.
        public var residual: Bool? = nil
    }

    public struct LayerState: Encodable, Sendable, Equatable {
        public var inputCount: Int
        public var sumCount: Int
        public var multCount: Int
        public var arity: Int
        public var order: Int
        public var baseFunction: BaseFunction
        /// Extended knots per input node (G + 2k + 1 each).
        public var knots: [[Double]]
        public var coefficients: [Double]
        public var scaleBase: [Double]
        public var scaleSpline: [Double]
        public var mask: [Double]
        /// (a, b, c, d) per edge.
        public var affine: [Double]
        public var symbolic: [SymbolicEdge]
        /// The frozen edges of each parameter group, by the group's name (`Trainability.Group`:
        /// `coefficients`, `splineScales`, `baseScales`, `symbolicAffine`), in increasing order;
        /// groups with none left out, and nil when nothing of the layer is frozen (version 4).
        public var frozen: [String: [Int]]? = nil
    }

    public var format: String
    public var version: Int
    public var configuration: Network.Configuration
    public var inputIndices: [Int]
    public var layers: [LayerState]
    public var history: TrainingHistory
    public var cachedInputs: Dataset?
    /// The names of the network's current inputs, when the saver knew them (version 2).
    public var variables: [String]?
    /// The data the network was last trained on, when the saver had them (version 2).
    public var sample: Sample?

    public init(_ network: Network, variables: [String]? = nil, sample: Sample? = nil) {
        self.variables = variables
        self.sample = sample
        format = Checkpoint.formatName
        let mixed = network.layers.contains { $0.splineResidual.indices.contains(where: $0.isMixed) }
        let trainability = network.trainability
        version = !trainability.isEverythingTrainable ? Checkpoint.currentVersion
            : mixed ? Checkpoint.versionWithMixedEdges : Checkpoint.versionWithoutMixedEdges
        configuration = network.configuration
        inputIndices = network.inputIndices
        history = network.history
        cachedInputs = network.cachedInputs
        layers = network.layers.map { layer in
            LayerState(
                inputCount: layer.inputCount, sumCount: layer.sumCount, multCount: layer.multCount, arity: layer.arity,
                order: layer.order, baseFunction: layer.baseFunction, knots: layer.bases.map(\.knots),
                coefficients: layer.coefficients, scaleBase: layer.scaleBase, scaleSpline: layer.scaleSpline,
                mask: layer.mask, affine: layer.affine,
                symbolic: layer.symbolic.enumerated().compactMap { e, f in
                    f.map { SymbolicEdge(edge: e, name: $0.name, residual: layer.splineResidual[e] ? true : nil) }
                })
        }
        for (l, flags) in trainability.layers.enumerated() where layers.indices.contains(l) {
            let frozen = Dictionary(uniqueKeysWithValues: Trainability.Group.allCases.map { group in
                (group.rawValue, (0..<flags.edgeCount).filter { flags.isFrozen(group, edge: $0) })
            }.filter { !$0.1.isEmpty })
            layers[l].frozen = frozen.isEmpty ? nil : frozen
        }
    }

    /// Rebuilds the network, resolving symbolic function names with `resolver`, after
    /// `validate()`; a name the resolver does not know is `checkpointInvalid` too.
    public func network(resolver: (String) -> SymbolicFunction?) throws -> Network {
        try validate()
        var result: [Layer] = []
        for (l, s) in layers.enumerated() {
            var symbolic = [SymbolicFunction?](repeating: nil, count: s.mask.count)
            var residual = [Bool](repeating: false, count: s.mask.count)
            for (k, entry) in s.symbolic.enumerated() {
                guard let f = resolver(entry.name) else {
                    throw KANError.checkpointInvalid(field: "layers[\(l)].symbolic[\(k)].name",
                                                     problem: "'\(entry.name)' is not a known symbolic function")
                }
                symbolic[entry.edge] = f
                residual[entry.edge] = entry.residual ?? false
            }
            result.append(Layer(
                inputCount: s.inputCount, sumCount: s.sumCount, multCount: s.multCount, arity: s.arity,
                bases: s.knots.map { BSplineBasis(unchecked: $0, order: s.order) }, coefficients: s.coefficients,
                scaleBase: s.scaleBase, scaleSpline: s.scaleSpline, mask: s.mask, symbolic: symbolic,
                affine: s.affine, baseFunction: s.baseFunction, splineResidual: residual))
        }
        var network = Network(configuration: configuration, layers: result, inputIndices: inputIndices)
        network.history = history
        network.cachedInputs = cachedInputs
        var trainability = network.trainability
        for (l, s) in layers.enumerated() {
            for (name, edges) in s.frozen ?? [:] {
                guard let group = Trainability.Group(rawValue: name) else { continue }
                do {
                    try trainability.freeze([group], layer: l, edges: edges)
                } catch {
                    throw KANError.checkpointInvalid(field: "layers[\(l)].frozen.\(name)", problem: "\(error)")
                }
            }
        }
        network.trainability = trainability
        return network
    }

    /// JSON bytes (sorted keys; NaN and infinities as strings, which JSON lacks).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    /// Decodes a checkpoint: `checkpointCorrupt` for bytes that are not a JSON object with
    /// `"format": "kan-checkpoint"`, `checkpointVersion` for another version, and
    /// `checkpointInvalid` naming the field for a missing key or a value of the wrong type
    /// (see `init(from:)`). Values are validated by `network(resolver:)`.
    public static func decode(_ data: Data) throws -> Checkpoint {
        guard !data.isEmpty else { throw KANError.checkpointCorrupt("the file is empty") }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return try decoder.decode(Checkpoint.self, from: data)
        } catch let error as KANError {
            throw error
        } catch {
            throw KANError.checkpointCorrupt(Checkpoint.describe(error, in: data))
        }
    }

    /// What a decoding error that `init(from:)` did not turn into a field's error means:
    /// JSON that does not parse (with the parser's position), or the rare value the
    /// decoder refuses on its own.
    static func describe(_ error: Error, in data: Data) -> String {
        if data.isEmpty { return "the file is empty" }
        if let syntax = Checkpoint.syntaxError(in: data) {
            return "not valid JSON (\(data.count) bytes; truncated or damaged): \(syntax)"
        }
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .dataCorrupted(let c), .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c):
            let path = c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return "valid JSON, but unreadable" + (path.isEmpty ? "" : " at \(path.drop { $0 == "." })") + ": \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    /// Where the JSON in `data` breaks, in the words of `JSONSerialization`, whose errors
    /// say where ("Unexpected end of file during JSON parse.", "Invalid value around
    /// character 12."); `JSONDecoder`'s do not. Parsed again only on this error path.
    static func syntaxError(in data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            return (error as NSError).userInfo["NSDebugDescription"] as? String
        }
    }
}

extension Network {
    /// Saves the complete state atomically to `url` (see docs/checkpoint-format.md), with the
    /// inputs' names and the training sample when given.
    public func save(to url: URL, variables: [String]? = nil, sample: Checkpoint.Sample? = nil) throws {
        try CheckpointFile.replace(url.path, with: try Checkpoint(self, variables: variables, sample: sample).encoded())
    }

    /// Loads a network saved by `save(to:)`; `resolver` maps symbolic function names to functions.
    public static func load(from url: URL, resolver: (String) -> SymbolicFunction? = { _ in nil }) throws -> Network {
        // FileIO's reader: devices and folders refused, pipes read up to a size limit.
        let data = try CheckpointFile.read(url.path)
        return try Checkpoint.decode(data).network(resolver: resolver)
    }
}

extension Checkpoint {
    /// Reads and validates the checkpoint at `url`, for callers that want its names and
    /// sample as well as its network (`network(resolver:)`).
    public static func load(from url: URL) throws -> Checkpoint {
        let checkpoint = try Checkpoint.decode(try CheckpointFile.read(url.path))
        try checkpoint.validate()
        return checkpoint
    }
}
