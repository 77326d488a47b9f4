import Foundation

/// The complete, versioned state of a network as stored on disk (docs/checkpoint-format.md).
///
///     try network.save(to: url)
///     let restored = try Network.load(from: url) { name in library[name] }
///
/// Writes are atomic (a temporary file in the same directory, then rename; see
/// `CheckpointFile`), so a crash or `kill -9` never leaves a half-written checkpoint under
/// the final name. Loading validates every array against the shapes and throws
/// `KANError` for corrupt, truncated, wrong-version or inconsistent files.
public struct Checkpoint: Codable, Sendable, Equatable {
    public static let formatName = "kan-checkpoint"
    public static let currentVersion = 1
    /// The largest width (nodes, arity) a checkpoint may declare: far above any trainable
    /// network, low enough that sizes computed from widths cannot overflow.
    static let widthLimit = 1 << 20

    public struct SymbolicEdge: Codable, Sendable, Equatable {
        public var edge: Int
        public var name: String
    }

    public struct LayerState: Codable, Sendable, Equatable {
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
    }

    public var format: String
    public var version: Int
    public var configuration: Network.Configuration
    public var inputIndices: [Int]
    public var layers: [LayerState]
    public var history: TrainingHistory
    public var cachedInputs: Dataset?

    public init(_ network: Network) {
        format = Checkpoint.formatName
        version = Checkpoint.currentVersion
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
                symbolic: layer.symbolic.enumerated().compactMap { e, f in f.map { SymbolicEdge(edge: e, name: $0.name) } })
        }
    }

    /// Rebuilds the network, resolving symbolic function names with `resolver`.
    public func network(resolver: (String) -> SymbolicFunction?) throws -> Network {
        guard format == Checkpoint.formatName else {
            throw KANError.checkpointCorrupt("format is '\(format)', expected '\(Checkpoint.formatName)'")
        }
        guard version == Checkpoint.currentVersion else {
            throw KANError.checkpointVersion(found: version, supported: Checkpoint.currentVersion)
        }
        guard !layers.isEmpty else { throw KANError.checkpointMismatch("no layers") }
        var result: [Layer] = []
        for (l, s) in layers.enumerated() {
            func check(_ condition: Bool, _ what: @autoclosure () -> String) throws {
                if !condition { throw KANError.checkpointMismatch("layer \(l): \(what())") }
            }
            // Bounds first, so that the size arithmetic below cannot overflow on a doctored file.
            try check((1...Checkpoint.widthLimit).contains(s.inputCount) && (0...Checkpoint.widthLimit).contains(s.sumCount)
                      && (0...Checkpoint.widthLimit).contains(s.multCount) && s.sumCount + s.multCount >= 1,
                      "widths \(s.inputCount) → [\(s.sumCount), \(s.multCount)] are invalid")
            try check((1...Checkpoint.widthLimit).contains(s.arity) && s.order >= 0 && s.order <= 10,
                      "arity \(s.arity) or order \(s.order) is invalid")
            if l > 0 {
                try check(s.inputCount == layers[l - 1].sumCount + layers[l - 1].multCount,
                          "\(s.inputCount) inputs, but the previous layer has \(layers[l - 1].sumCount + layers[l - 1].multCount) outputs")
            }
            try check(s.knots.count == s.inputCount, "\(s.knots.count) knot vectors for \(s.inputCount) inputs")
            let knotCount = s.knots.first?.count ?? 0
            let gridSize = knotCount - 1 - 2 * s.order
            try check(gridSize >= 1, "knot vectors of \(knotCount) knots are too short for order \(s.order)")
            for (i, knots) in s.knots.enumerated() {
                try check(knots.count == knotCount, "input \(i) has \(knots.count) knots, input 0 has \(knotCount)")
                try check(knots.allSatisfy(\.isFinite), "input \(i) has non-finite knots")
                try check(zip(knots, knots.dropFirst()).allSatisfy { $0 <= $1 }, "input \(i) has decreasing knots")
            }
            let subnodes = s.sumCount + s.arity * s.multCount
            let (edges, edgesOverflow) = s.inputCount.multipliedReportingOverflow(by: subnodes)
            let (coefficientCount, coefficientsOverflow) = edges.multipliedReportingOverflow(by: gridSize + s.order)
            try check(!edgesOverflow && !coefficientsOverflow && s.coefficients.count == coefficientCount,
                      "\(s.coefficients.count) coefficients, expected \(coefficientsOverflow ? "more than fit in memory" : String(coefficientCount))")
            try check(s.scaleBase.count == edges, "\(s.scaleBase.count) base scales, expected \(edges)")
            try check(s.scaleSpline.count == edges, "\(s.scaleSpline.count) spline scales, expected \(edges)")
            try check(s.mask.count == edges, "\(s.mask.count) mask entries, expected \(edges)")
            try check(s.affine.count == 4 * edges, "\(s.affine.count) affine constants, expected \(4 * edges)")
            var symbolic = [SymbolicFunction?](repeating: nil, count: edges)
            for entry in s.symbolic {
                try check((0..<edges).contains(entry.edge), "symbolic edge \(entry.edge) is outside 0..<\(edges)")
                guard let f = resolver(entry.name) else { throw KANError.unknownSymbolicFunction(entry.name) }
                symbolic[entry.edge] = f
            }
            result.append(Layer(
                inputCount: s.inputCount, sumCount: s.sumCount, multCount: s.multCount, arity: s.arity,
                bases: s.knots.map { BSplineBasis(unchecked: $0, order: s.order) }, coefficients: s.coefficients,
                scaleBase: s.scaleBase, scaleSpline: s.scaleSpline, mask: s.mask, symbolic: symbolic,
                affine: s.affine, baseFunction: s.baseFunction))
        }
        guard inputIndices.count == layers[0].inputCount else {
            throw KANError.checkpointMismatch("\(inputIndices.count) input indices for \(layers[0].inputCount) inputs")
        }
        func holds(_ count: Int, _ rows: Int, _ width: Int) -> Bool {
            let (size, overflow) = rows.multipliedReportingOverflow(by: width)
            return rows >= 0 && width >= 0 && !overflow && size == count
        }
        if let cached = cachedInputs, cached.inputCount != layers[0].inputCount
            || !holds(cached.inputs.count, cached.count, cached.inputCount)
            || !holds(cached.targets.count, cached.count, cached.outputCount) {
            throw KANError.checkpointMismatch("cached inputs do not fit the first layer")
        }
        var network = Network(configuration: configuration, layers: result, inputIndices: inputIndices)
        network.history = history
        network.cachedInputs = cachedInputs
        return network
    }

    /// JSON bytes (sorted keys; NaN and infinities as strings, which JSON lacks).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    /// Decodes and checks the header; arrays are validated by `network(resolver:)`.
    public static func decode(_ data: Data) throws -> Checkpoint {
        struct Header: Decodable { var format: String?; var version: Int? }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let header: Header
        do {
            header = try decoder.decode(Header.self, from: data)
        } catch {
            throw KANError.checkpointCorrupt(Checkpoint.describe(error, in: data))
        }
        guard header.format == formatName else {
            throw KANError.checkpointCorrupt("missing or wrong \"format\" (expected \"\(formatName)\"): not a KAN checkpoint")
        }
        guard let version = header.version else { throw KANError.checkpointCorrupt("missing \"version\"") }
        guard version == currentVersion else { throw KANError.checkpointVersion(found: version, supported: currentVersion) }
        do {
            return try decoder.decode(Checkpoint.self, from: data)
        } catch {
            throw KANError.checkpointCorrupt(Checkpoint.describe(error, in: data))
        }
    }

    /// What a decoding error means for the file `data`, with where it happened: the key
    /// path (`layers.0.coefficients`) or the parser's position.
    static func describe(_ error: Error, in data: Data) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let c):
            if data.isEmpty { return "the file is empty" }
            if c.codingPath.isEmpty {
                return "not valid JSON (\(data.count) bytes; truncated or damaged): \(Checkpoint.syntaxError(in: data) ?? c.debugDescription)"
            }
            return "invalid value at '\(path(c))': \(c.debugDescription)"
        case .keyNotFound(let key, let c):
            let place = path(c)
            return "missing '\(key.stringValue)'" + (place.isEmpty ? "" : " at '\(place)'")
        case .typeMismatch(_, let c):
            if c.codingPath.isEmpty { return "not a JSON object: a KAN checkpoint is one object {\"format\": \"\(formatName)\", ...}" }
            return "wrong type at '\(path(c))': \(c.debugDescription)"
        case .valueNotFound(_, let c): return "missing value at '\(path(c))'"
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
    /// Saves the complete state atomically to `url` (see docs/checkpoint-format.md).
    public func save(to url: URL) throws {
        try CheckpointFile.replace(url.path, with: try Checkpoint(self).encoded())
    }

    /// Loads a network saved by `save(to:)`; `resolver` maps symbolic function names to functions.
    public static func load(from url: URL, resolver: (String) -> SymbolicFunction? = { _ in nil }) throws -> Network {
        // FileIO's reader: devices and folders refused, pipes read up to a size limit.
        let data = try CheckpointFile.read(url.path)
        return try Checkpoint.decode(data).network(resolver: resolver)
    }
}
