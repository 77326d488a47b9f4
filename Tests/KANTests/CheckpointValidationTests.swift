import Foundation
import Testing
@testable import KAN

/// Every field of a checkpoint is validated against the network it describes, and a
/// problem is reported with the field's path (docs/checkpoint-format.md, "Validation").
@Suite struct CheckpointValidationTests {
    /// Layer 0: 2 inputs → 2 sum and 1 multiplication node (arity 2: 4 sub-nodes, 8 edges),
    /// grid 4, order 3 (11 knots, 7 coefficients per edge), edge 1 symbolic (sin), edge 7
    /// masked. Layer 1: 3 inputs → 1 output (3 edges). Trained 2 steps, so it has a
    /// history and cached inputs.
    static let network: Network = {
        let data = Fixtures.data(count: 20, seed: 1)
        var net = try! Network(shape: [2, LayerWidth(sum: 2, mult: 1), 1], gridSize: 4, seed: 3)
        try! net.train(on: data, options: TrainingOptions(steps: 2))
        try! net.setSymbolic(layer: 0, input: 0, output: 1, function: Fixtures.sine, a: 3.1, b: 0.1, c: 1.2, d: -0.3)
        try! net.setEdgeActive(layer: 0, input: 1, output: 3, false)
        return net
    }()

    static let encoded: Data = try! Checkpoint(network).encoded()
    static let json = RawJSON.parse(String(decoding: encoded, as: UTF8.self))

    enum Step { case key(String), index(Int) }

    /// The network's checkpoint with the value at `path` replaced by the JSON text
    /// `literal` (any text: `1e400`, `-1`, `"nan"`), or removed when `literal` is nil.
    /// Every other number keeps its exact text (JSONSerialization would round some).
    static func edited(_ path: [Step], _ literal: String?) -> Data {
        func edit(_ node: RawJSON, _ path: ArraySlice<Step>) -> RawJSON? {
            guard let step = path.first else { return literal.map(RawJSON.raw) }
            switch (step, node) {
            case (.key(let key), .object(var members)):
                let k = members.firstIndex { $0.key == key }!
                if let value = edit(members[k].value, path.dropFirst()) { members[k].value = value } else { members.remove(at: k) }
                return .object(members)
            case (.index(let index), .list(var elements)):
                if let value = edit(elements[index], path.dropFirst()) { elements[index] = value } else { elements.remove(at: index) }
                return .list(elements)
            default:
                fatalError("no \(step) in \(node.text.prefix(80))")
            }
        }
        return Data(edit(json, path[...])!.text.utf8)
    }

    /// "layers[1].mask[2]" as steps.
    static func path(_ text: String) -> [Step] {
        var steps: [Step] = []
        for part in text.split(separator: ".") {
            let pieces = part.split(separator: "[")
            if !pieces[0].isEmpty { steps.append(.key(String(pieces[0]))) }
            for index in pieces.dropFirst() { steps.append(.index(Int(index.dropLast())!)) }
        }
        return steps
    }

    static func load(_ data: Data) throws -> Network {
        try Checkpoint.decode(data).network(resolver: Fixtures.resolver)
    }

    /// Loading the checkpoint with `field` set to `literal` fails naming that field (or
    /// `reported`, when another field is where the problem shows) with `problem`.
    static func expectInvalid(_ field: String, _ literal: String?, reported: String? = nil, _ problem: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try load(edited(path(field), literal))
            Issue.record("\(field) = \(literal ?? "(removed)") loaded", sourceLocation: sourceLocation)
        } catch let error as KANError {
            #expect(error == .checkpointInvalid(field: reported ?? field, problem: problem),
                    "\(field) = \(literal ?? "(removed)")", sourceLocation: sourceLocation)
        } catch {
            Issue.record("not a KANError: \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func everyCheckpointKanSavesIsValid() throws {
        try Checkpoint(Self.network).validate()
        #expect(try Self.load(try Checkpoint(Self.network).encoded()).inputIndices == [0, 1])
        // Pruned inputs, a refined grid, other orders, base functions and arities.
        let data = Fixtures.data(count: 40, inputs: 3, seed: 2) { $0[0] * $0[1] + sin($0[2]) }
        var net = try Network(shape: [3, LayerWidth(sum: 1, mult: 1), 1], gridSize: 3, splineOrder: 1,
                              baseFunction: .zero, multiplicationArity: 3, seed: UInt64.max)
        try net.train(on: data, options: TrainingOptions(steps: 2))
        let variants = [net, try net.refined(gridSize: 6), try net.prunedInputs(threshold: 0.2), try net.pruned()]
        for network in variants {
            let checkpoint = Checkpoint(network)
            try checkpoint.validate()
            #expect(try Checkpoint.decode(try checkpoint.encoded()) == checkpoint)
        }
    }

    // MARK: The defects of issue 12, one by one

    @Test func inputIndicesAreInRangeAndDistinct() throws {
        Self.expectInvalid("inputIndices[0]", "-1", "-1 is not in 0...1048575")
        Self.expectInvalid("inputIndices[1]", "1099511627776", "1099511627776 is not in 0...1048575")  // 2^40
        Self.expectInvalid("inputIndices[1]", "1e8", "100000000 is not in 0...1048575")
        Self.expectInvalid("inputIndices[1]", "0", "0 repeats inputIndices[0]: each input node reads a different original input")
        Self.expectInvalid("inputIndices[1]", "1.5", "1.5 is not an integer")
        Self.expectInvalid("inputIndices[1]", "1e400", "a number beyond the range of doubles (±1.8e308) is not an integer")
        Self.expectInvalid("inputIndices[1]", "\"1\"", "expected an integer, found the string \"1\"")
        Self.expectInvalid("inputIndices", "[0]", "1 entry, expected 2 (one per input node: layers[0].inputCount 2)")
        // Any distinct indices below the limit: a network pruned from a wider one.
        #expect(try Self.load(Self.edited(Self.path("inputIndices"), "[1048575, 7]")).inputIndices == [1048575, 7])
    }

    @Test func parametersAreFinite() {
        for (literal, shown) in [("\"nan\"", "nan"), ("\"inf\"", "inf"), ("\"-inf\"", "-inf")] {
            Self.expectInvalid("layers[0].coefficients[5]", literal, "\(shown) is not a finite number")
            Self.expectInvalid("layers[1].scaleBase[2]", literal, "\(shown) is not a finite number")
            Self.expectInvalid("layers[0].scaleSpline[0]", literal, "\(shown) is not a finite number")
            Self.expectInvalid("layers[0].affine[4]", literal, "\(shown) is not a finite number")
            Self.expectInvalid("layers[0].knots[1][3]", literal, "\(shown) is not a finite number")
        }
        Self.expectInvalid("layers[0].coefficients[5]", "1e400", "a number beyond the range of doubles (±1.8e308)")
        Self.expectInvalid("layers[0].coefficients[5]", "\"x\"",
                           "expected a number, found the string \"x\" (the non-finite numbers are written \"nan\", \"inf\", \"-inf\")")
        Self.expectInvalid("layers[0].coefficients[5]", "null", "expected a number, found null")
    }

    @Test func masksAreZeroOrOne() throws {
        Self.expectInvalid("layers[1].mask[2]", "0.5", "0.5 is not 0 or 1")
        Self.expectInvalid("layers[0].mask[3]", "\"nan\"", "nan is not 0 or 1")
        Self.expectInvalid("layers[0].mask[3]", "2", "2 is not 0 or 1")
        Self.expectInvalid("layers[0].mask[3]", "-1", "-1 is not 0 or 1")
        #expect(try Self.load(Self.edited(Self.path("layers[0].mask[3]"), "0")).isEdgeActive(layer: 0, input: 0, output: 3) == false)
    }

    @Test func anyIntegerSeedLoadsAndOthersNameTheSeed() throws {
        for (literal, seed) in [("-1", UInt64.max), ("18446744073709551615", UInt64.max), ("-9223372036854775808", UInt64(1) << 63),
                                ("0", 0), ("42", 42)] {
            #expect(try Self.load(Self.edited(Self.path("configuration.seed"), literal)).configuration.seed == seed, "\(literal)")
        }
        let range = "is not a seed: a seed is an integer from -2^63 to 2^64 - 1"
        Self.expectInvalid("configuration.seed", "1.5", "1.5 \(range)")
        Self.expectInvalid("configuration.seed", "18446744073709551616", "1.8446744073709552e+19 \(range)")
        Self.expectInvalid("configuration.seed", "-9223372036854775809", "-9.223372036854776e+18 \(range)")
        Self.expectInvalid("configuration.seed", "\"7\"", "expected an integer seed, found the string \"7\"")
        Self.expectInvalid("configuration.seed", nil, "missing")
    }

    /// Valid JSON with a value of the wrong type is that, never "not valid JSON".
    @Test func wrongTypesAreNotInvalidJSON() throws {
        for (field, literal) in [("configuration.gridSize", "1.5"), ("configuration.seed", "-1.0e30"), ("layers[0].arity", "1e30"),
                                 ("history.evaluations", "-1e300"), ("layers", "{}"), ("configuration", "[]"),
                                 ("cachedInputs.count", "true"), ("layers[0].symbolic[0].edge", "\"1\"")] {
            do {
                _ = try Self.load(Self.edited(Self.path(field), literal))
                Issue.record("\(field) = \(literal) loaded")
            } catch let error as KANError {
                guard case .checkpointInvalid(let reported, let problem) = error else {
                    Issue.record("\(field) = \(literal): \(error)")
                    continue
                }
                #expect(reported == field, "\(field) = \(literal): \(error)")
                #expect(!problem.contains("JSON"), "\(field) = \(literal): \(error)")
            }
        }
    }

    // MARK: Every field

    @Test func configurationFields() {
        Self.expectInvalid("configuration.gridSize", "0", "0 is not in 1...1048576")
        Self.expectInvalid("configuration.gridSize", "5", reported: "layers[0].knots[0]", "11 entries, expected 12 (gridSize 5 + 2 · order 3 + 1)")
        Self.expectInvalid("configuration.splineOrder", "11", "11 is not in 0...10")
        Self.expectInvalid("configuration.splineOrder", "2", reported: "layers[0].order", "3, but configuration.splineOrder is 2")
        Self.expectInvalid("configuration.gridRange", "[1, -1]", "[1, -1] is not a range [low, high] with low < high")
        Self.expectInvalid("configuration.gridRange", "[\"nan\", 1]", "[nan, 1] is not a range [low, high] with low < high")
        Self.expectInvalid("configuration.gridRange", "[\"-inf\", 1]", "[-inf, 1] is not a finite range [low, high] with low < high")
        Self.expectInvalid("configuration.gridRange", "[0]", "1 number, expected 2: [low, high]")
        Self.expectInvalid("configuration.baseFunction", "\"relu\"", "\"relu\" is not a base function (\"silu\", \"identity\", \"zero\")")
        Self.expectInvalid("configuration.baseFunction", "\"zero\"", reported: "layers[0].baseFunction",
                           "\"silu\", but configuration.baseFunction is \"zero\"")
        Self.expectInvalid("configuration.multiplicationArity", "0", "0 is not in 1...1048576")
        Self.expectInvalid("configuration.multiplicationArity", "3", reported: "layers[0].arity", "2, but configuration.multiplicationArity is 3")
        Self.expectInvalid("configuration.noiseScale", "\"nan\"", "nan is not a finite number")
        Self.expectInvalid("configuration.scaleBaseMean", "\"inf\"", "inf is not a finite number")
        Self.expectInvalid("configuration.scaleBaseSpread", "\"-inf\"", "-inf is not a finite number")
        Self.expectInvalid("configuration.gridEpsilon", "1.5", "1.5 is not a weight in 0...1")
        Self.expectInvalid("configuration.gridEpsilon", "\"nan\"", "nan is not a weight in 0...1")
        Self.expectInvalid("configuration", "\"x\"", "expected an object {...}, found the string \"x\"")
    }

    @Test func layerWidthsAndStructure() {
        Self.expectInvalid("layers", "[]", "no layers: a network has at least one")
        Self.expectInvalid("layers[1]", "7", "expected an object {...}, found 7")
        Self.expectInvalid("layers[0].inputCount", "0", "0 is not in 1...1048576")
        Self.expectInvalid("layers[0].inputCount", "1048577", "1048577 is not in 1...1048576")
        Self.expectInvalid("layers[0].sumCount", "-1", "-1 is not in 0...1048576")
        Self.expectInvalid("layers[0].multCount", "9223372036854775807", "9223372036854775807 is not in 0...1048576")
        Self.expectInvalid("layers[1].sumCount", "0", reported: "layers[1]", "no output nodes (sumCount and multCount are both 0)")
        Self.expectInvalid("layers[0].sumCount", "1", reported: "layers[1].inputCount", "3, but layers[0] has 2 output nodes (sumCount + multCount)")
        Self.expectInvalid("layers[1].arity", "1", "1, but configuration.multiplicationArity is 2")
        Self.expectInvalid("layers[1].order", "2", "2, but configuration.splineOrder is 3")
        Self.expectInvalid("layers[1].baseFunction", "\"identity\"", "\"identity\", but configuration.baseFunction is \"silu\"")
        Self.expectInvalid("layers[0].inputCount", nil, "missing")
    }

    @Test func gridsAreFiniteNonDecreasingAndSpanAnInterval() throws {
        // (Read from the text: JSONSerialization rounds some numbers.)
        func knot(_ m: Int) throws -> Double { try #require(Double(Self.json.at(Self.path("layers[0].knots[1][\(m)]")).text)) }
        let last = try knot(10)
        Self.expectInvalid("layers[0].knots[1][4]", "\(last + 1)", reported: "layers[0].knots[1][5]",
                           "\(CheckpointFields.show(try knot(5))) is below the knot before it, \(CheckpointFields.show(last + 1)): knots must not decrease")
        Self.expectInvalid("layers[0].knots[0]", "[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]", "all knots are equal (0): a grid must span an interval")
        Self.expectInvalid("layers[0].knots[0]", "[0, 1]", "2 entries, expected 11 (gridSize 4 + 2 · order 3 + 1)")
        Self.expectInvalid("layers[0].knots", "[[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]", "1 entry, expected 2 (one knot vector per input node: inputCount 2)")
        Self.expectInvalid("layers[0].knots[1]", "3", "expected a list [...], found 3")
        // Equal neighbours are allowed (grid updates on nearly constant inputs can make them).
        #expect(throws: Never.self) { try Self.load(Self.edited(Self.path("layers[0].knots[1][4]"), Self.json.at(Self.path("layers[0].knots[1][5]")).text)) }
    }

    @Test func parameterSizes() {
        let widths = "inputCount 2 × (sumCount 2 + arity 2 · multCount 1) = 8 edges"
        Self.expectInvalid("layers[0].coefficients", "[1]", "1 entry, expected 56 (\(widths), times gridSize + order = 7)")
        Self.expectInvalid("layers[0].scaleBase", "[]", "0 entries, expected 8 (\(widths))")
        Self.expectInvalid("layers[0].scaleSpline", "[1, 1]", "2 entries, expected 8 (\(widths))")
        Self.expectInvalid("layers[0].mask", "[1]", "1 entry, expected 8 (\(widths))")
        Self.expectInvalid("layers[0].affine", "[1, 0, 1, 0]", "4 entries, expected 32 (4 per edge: \(widths))")
    }

    @Test func symbolicEdges() {
        Self.expectInvalid("layers[0].symbolic[0].edge", "8", "8 is not an edge of this layer (0...7)")
        Self.expectInvalid("layers[0].symbolic[0].edge", "-1", "-1 is not an edge of this layer (0...7)")
        Self.expectInvalid("layers[0].symbolic", "[{\"edge\": 1, \"name\": \"sin\"}, {\"edge\": 1, \"name\": \"exp\"}]",
                           reported: "layers[0].symbolic[1].edge", "edge 1 is already symbolic in layers[0].symbolic[0]")
        Self.expectInvalid("layers[0].symbolic[0].name", "\"nope\"", "'nope' is not a known symbolic function")
        Self.expectInvalid("layers[0].symbolic[0].name", "1", "expected a string, found 1")
        Self.expectInvalid("layers[0].symbolic[0]", "[]", "expected an object {...}, found a list [...]")
    }

    @Test func history() {
        Self.expectInvalid("history.trainLoss[0]", "-1", "-1 is not an RMSE (finite, at least 0)")
        Self.expectInvalid("history.trainLoss[1]", "\"nan\"", "nan is not an RMSE (finite, at least 0)")
        Self.expectInvalid("history.testLoss[0]", "-0.5", "-0.5 is not an RMSE (at least 0, or nan without test data)")
        Self.expectInvalid("history.regularization[0]", "\"inf\"", "inf is not a finite number")
        Self.expectInvalid("history.testLoss", "[0.5]", "1 entry, expected 2 (one per training step, as history.trainLoss)")
        Self.expectInvalid("history.regularization", "[]", "0 entries, expected 2 (one per training step, as history.trainLoss)")
        Self.expectInvalid("history.evaluations", "-1", "-1 is not at least 0")
        // A test loss is NaN without test data, and may be infinite.
        #expect(throws: Never.self) { try Self.load(Self.edited(Self.path("history.testLoss[0]"), "\"inf\"")) }
    }

    @Test func cachedInputs() throws {
        Self.expectInvalid("cachedInputs.inputCount", "3", "3, but layers[0].inputCount is 2")
        Self.expectInvalid("cachedInputs.count", "-1", "-1 is not at least 0")
        Self.expectInvalid("cachedInputs.count", "21", reported: "cachedInputs.inputs", "40 entries, expected count 21 × inputCount 2")
        Self.expectInvalid("cachedInputs.outputCount", "1", reported: "cachedInputs.targets", "0 entries, expected count 20 × outputCount 1")
        Self.expectInvalid("cachedInputs.inputs[3]", "\"nan\"", "nan is not a finite number")
        #expect(try Self.load(Self.edited(Self.path("cachedInputs"), "null")).cachedInputs == nil)
        #expect(try Self.load(Self.edited(Self.path("cachedInputs"), nil)).cachedInputs == nil)
    }

    @Test func headerProblemsAreNotFieldProblems() {
        #expect(throws: KANError.checkpointVersion(found: 5, supported: 4)) { try Self.load(Self.edited(Self.path("version"), "5")) }
        Self.expectInvalid("version", "1.5", "1.5 is not an integer")
        #expect(throws: KANError.checkpointCorrupt("missing \"version\"")) { try Self.load(Self.edited(Self.path("version"), nil)) }
        #expect(throws: KANError.self) { try Self.load(Self.edited(Self.path("format"), "\"kan\"")) }
    }

    // MARK: kan never makes a network whose checkpoint it refuses

    @Test func gridRangesWhoseKnotsAreNotFiniteAndDistinctAreRefused() {
        for range in [-1e308...1e308, 0...5e-324] {
            #expect(throws: KANError.self, "\(range)") { try Network(shape: [1, 1], gridRange: range) }
        }
        #expect(throws: Never.self) { try Network(shape: [1, 1], gridRange: -1e300...1e300) }
    }

    @Test func symbolicConstantsMustBeFinite() throws {
        var net = try Network(shape: [1, 1])
        for bad in [Double.nan, .infinity] {
            #expect(throws: KANError.self) { try net.setSymbolic(layer: 0, input: 0, output: 0, function: Fixtures.sine, c: bad) }
        }
        #expect(net.layers[0].symbolic[0] == nil)
    }

    /// Inputs that differ by a unit in the last place, or span more than the doubles' range,
    /// would give grids of equal or infinite knots: the old grid's range is kept instead.
    @Test func gridUpdatesKeepGridsValid() throws {
        let base = 1e10
        let close = try Dataset(rows: [base, base.nextUp, base, base.nextUp], inputCount: 1)
        let wide = try Dataset(rows: [-1e308, 1e308, 0, 1], inputCount: 1)
        let net = try Network(shape: [1, 1], gridSize: 5)
        for samples in [close, wide] {
            for gridSize in [5, 50] {
                let refined = try net.refined(gridSize: gridSize, samples: samples)
                #expect(refined.layers[0].bases[0].spansFiniteInterval)
                try Checkpoint(refined).validate()
            }
        }
    }
}

/// JSON kept as text where it is not a container: numbers keep their exact digits.
enum RawJSON {
    case raw(String)
    case object([(key: String, value: RawJSON)])
    case list([RawJSON])

    var text: String {
        switch self {
        case .raw(let text): return text
        case .object(let members): return "{" + members.map { "\"\($0.key)\":\($0.value.text)" }.joined(separator: ",") + "}"
        case .list(let elements): return "[" + elements.map(\.text).joined(separator: ",") + "]"
        }
    }

    func at(_ path: [CheckpointValidationTests.Step]) -> RawJSON {
        var node = self
        for step in path {
            switch (step, node) {
            case (.key(let key), .object(let members)): node = members.first { $0.key == key }!.value
            case (.index(let index), .list(let elements)): node = elements[index]
            default: fatalError("no \(step)")
            }
        }
        return node
    }

    /// Parses JSON as `JSONEncoder` writes it (no whitespace, keys without escapes).
    static func parse(_ text: String) -> RawJSON {
        var rest = Substring(text)
        func value() -> RawJSON {
            switch rest.first {
            case "{":
                rest.removeFirst()
                var members: [(key: String, value: RawJSON)] = []
                while rest.first != "}" {
                    if rest.first == "," { rest.removeFirst() }
                    rest.removeFirst()  // "
                    let end = rest.firstIndex(of: "\"")!
                    let key = String(rest[..<end])
                    rest = rest[rest.index(after: end)...].dropFirst()  // ":"
                    members.append((key, value()))
                }
                rest.removeFirst()
                return .object(members)
            case "[":
                rest.removeFirst()
                var elements: [RawJSON] = []
                while rest.first != "]" {
                    if rest.first == "," { rest.removeFirst() }
                    elements.append(value())
                }
                rest.removeFirst()
                return .list(elements)
            case "\"":
                var end = rest.index(after: rest.startIndex)
                while rest[end] != "\"" { end = rest.index(after: rest[end] == "\\" ? rest.index(after: end) : end) }
                defer { rest = rest[rest.index(after: end)...] }
                return .raw(String(rest[...end]))
            default:
                let end = rest.firstIndex { $0 == "," || $0 == "]" || $0 == "}" } ?? rest.endIndex
                defer { rest = rest[end...] }
                return .raw(String(rest[..<end]))
            }
        }
        return value()
    }
}
