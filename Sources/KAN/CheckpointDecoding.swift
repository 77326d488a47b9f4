import Foundation

/// Reading a checkpoint's JSON into `Checkpoint`, field by field, so that every problem
/// is reported with the field it is in (`layers[1].coefficients[7]: expected a number,
/// found the string "x"`).
///
/// `JSONDecoder`'s own errors cannot do that: a number that does not fit the Swift type
/// (`-1` or `1.5` for an integer, `1e400` for a double) comes out as "The given data was
/// not valid JSON", without a path. So integers, doubles and strings are read here with
/// fallbacks that find out what the value really is. Only the types are checked here
/// (and what a Swift value cannot hold: a `gridRange` whose low end is above its high
/// end, an unknown base function); ranges, shapes and consistency are `validate()`'s.
extension Checkpoint: Decodable {
    public init(from decoder: any Decoder) throws {
        let root: CheckpointFields
        do {
            root = CheckpointFields(try decoder.container(keyedBy: CheckpointKey.self), path: "")
        } catch {
            throw KANError.checkpointCorrupt("not a JSON object: a KAN checkpoint is one object {\"format\": \"\(Checkpoint.formatName)\", ...}")
        }
        guard root.has("format"), (try? root.string("format")) == Checkpoint.formatName else {
            throw KANError.checkpointCorrupt("missing or wrong \"format\" (expected \"\(Checkpoint.formatName)\"): not a KAN checkpoint")
        }
        guard root.has("version") else { throw KANError.checkpointCorrupt("missing \"version\"") }
        let version = try root.integer("version")
        guard Checkpoint.supportedVersions.contains(version) else {
            throw KANError.checkpointVersion(found: version, supported: Checkpoint.currentVersion)
        }
        format = Checkpoint.formatName
        self.version = version
        configuration = try Checkpoint.configuration(try root.object("configuration"))
        inputIndices = try root.integers("inputIndices")
        layers = try root.objects("layers").map(LayerState.init(fields:))
        history = try Checkpoint.history(try root.object("history"))
        cachedInputs = try root.optionalObject("cachedInputs").map(Checkpoint.dataset)
        // Version 1 has neither; unknown keys are ignored there as before.
        variables = version >= 2 && root.has("variables") ? try root.strings("variables") : nil
        sample = version >= 2 ? try root.optionalObject("sample").map(Checkpoint.sample) : nil
    }

    static func sample(_ fields: CheckpointFields) throws -> Sample {
        Sample(names: try fields.strings("names"), target: try fields.integer("target"),
               rowCount: try fields.integer("rowCount"), values: try fields.doubles("values"))
    }

    static func configuration(_ fields: CheckpointFields) throws -> Network.Configuration {
        let range = try fields.doubles("gridRange")
        guard range.count == 2 else {
            throw fields.invalid("gridRange", "\(range.count) \(range.count == 1 ? "number" : "numbers"), expected 2: [low, high]")
        }
        // A ClosedRange cannot even be made with low > high (or NaN): checked before.
        guard range[0] < range[1] else {
            throw fields.invalid("gridRange", "[\(CheckpointFields.show(range[0])), \(CheckpointFields.show(range[1]))] is not a range [low, high] with low < high")
        }
        return Network.Configuration(
            gridSize: try fields.integer("gridSize"), splineOrder: try fields.integer("splineOrder"),
            gridRange: range[0]...range[1], baseFunction: try fields.baseFunction("baseFunction"),
            multiplicationArity: try fields.integer("multiplicationArity"), noiseScale: try fields.double("noiseScale"),
            scaleBaseMean: try fields.double("scaleBaseMean"), scaleBaseSpread: try fields.double("scaleBaseSpread"),
            gridEpsilon: try fields.double("gridEpsilon"), seed: try fields.seed("seed"))
    }

    static func history(_ fields: CheckpointFields) throws -> TrainingHistory {
        var history = TrainingHistory()
        history.trainLoss = try fields.doubles("trainLoss")
        history.testLoss = try fields.doubles("testLoss")
        history.regularization = try fields.doubles("regularization")
        history.evaluations = try fields.integer("evaluations")
        return history
    }

    /// The cached inputs as stored; their sizes are checked by `validate()`.
    static func dataset(_ fields: CheckpointFields) throws -> Dataset {
        Dataset(unchecked: try fields.doubles("inputs"), inputCount: try fields.integer("inputCount"),
                targets: try fields.doubles("targets"), outputCount: try fields.integer("outputCount"),
                count: try fields.integer("count"))
    }
}

extension Checkpoint.LayerState: Decodable {
    public init(from decoder: any Decoder) throws {
        try self.init(fields: CheckpointFields(try decoder.container(keyedBy: CheckpointKey.self), path: ""))
    }

    init(fields: CheckpointFields) throws {
        inputCount = try fields.integer("inputCount")
        sumCount = try fields.integer("sumCount")
        multCount = try fields.integer("multCount")
        arity = try fields.integer("arity")
        order = try fields.integer("order")
        baseFunction = try fields.baseFunction("baseFunction")
        knots = try fields.doubleLists("knots")
        coefficients = try fields.doubles("coefficients")
        scaleBase = try fields.doubles("scaleBase")
        scaleSpline = try fields.doubles("scaleSpline")
        mask = try fields.doubles("mask")
        affine = try fields.doubles("affine")
        symbolic = try fields.objects("symbolic").map(Checkpoint.SymbolicEdge.init(fields:))
        frozen = try fields.optionalObject("frozen").map(Self.frozenEdges)
    }

    /// `frozen`: an object from parameter group names to lists of edge indices; a key that
    /// names no group is an error (a misspelt group would otherwise be trainable again).
    static func frozenEdges(_ fields: CheckpointFields) throws -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        for key in fields.container.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
            let name = key.stringValue
            guard Trainability.Group(rawValue: name) != nil else {
                let names = Trainability.Group.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                throw fields.invalid(name, "not a parameter group (\(names))")
            }
            result[name] = try fields.integers(name)
        }
        return result
    }
}

extension Checkpoint.SymbolicEdge: Decodable {
    public init(from decoder: any Decoder) throws {
        try self.init(fields: CheckpointFields(try decoder.container(keyedBy: CheckpointKey.self), path: ""))
    }

    init(fields: CheckpointFields) throws {
        edge = try fields.integer("edge")
        name = try fields.string("name")
        residual = fields.has("residual") ? try fields.boolean("residual") : nil
    }
}

/// A JSON object key, by name, or a list position.
struct CheckpointKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ name: String) { stringValue = name }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// The fields of one JSON object of a checkpoint, and the path to it (`layers[1]`, empty
/// for the top level) for messages.
struct CheckpointFields {
    let container: KeyedDecodingContainer<CheckpointKey>
    let path: String

    init(_ container: KeyedDecodingContainer<CheckpointKey>, path: String) {
        self.container = container
        self.path = path
    }

    /// The path of field `name`: `layers[1].mask`.
    func field(_ name: String) -> String { path.isEmpty ? name : path + "." + name }

    func invalid(_ name: String, _ problem: String) -> KANError {
        .checkpointInvalid(field: field(name), problem: problem)
    }

    func has(_ name: String) -> Bool { container.contains(CheckpointKey(name)) }

    /// The container at `name`, or the error that says what is there instead.
    private func present(_ name: String) throws -> CheckpointKey {
        let key = CheckpointKey(name)
        guard container.contains(key) else { throw invalid(name, "missing") }
        return key
    }

    func integer(_ name: String) throws -> Int {
        let key = try present(name)
        if let value = try? container.decode(Int.self, forKey: key) { return value }
        throw invalid(name, CheckpointFields.notAnInteger(found(key)))
    }

    /// A seed: any integer from -2^63 to 2^64 - 1. A negative one stands for its 64-bit
    /// two's complement, as `kan(seed: -1)` does in KanLang.
    func seed(_ name: String) throws -> UInt64 {
        let key = try present(name)
        if let value = try? container.decode(UInt64.self, forKey: key) { return value }
        if let value = try? container.decode(Int64.self, forKey: key) { return UInt64(bitPattern: value) }
        let what = found(key)
        if case .number = what {
            throw invalid(name, "\(what) is not a seed: a seed is an integer from -2^63 to 2^64 - 1")
        }
        throw invalid(name, "expected an integer seed, found \(what)")
    }

    func double(_ name: String) throws -> Double {
        let key = try present(name)
        if let value = try? container.decode(Double.self, forKey: key) { return value }
        throw invalid(name, CheckpointFields.notADouble(found(key)))
    }

    func string(_ name: String) throws -> String {
        let key = try present(name)
        if let value = try? container.decode(String.self, forKey: key) { return value }
        throw invalid(name, "expected a string, found \(found(key))")
    }

    func boolean(_ name: String) throws -> Bool {
        let key = try present(name)
        if let value = try? container.decode(Bool.self, forKey: key) { return value }
        throw invalid(name, "expected true or false, found \(found(key))")
    }

    func baseFunction(_ name: String) throws -> BaseFunction {
        let text = try string(name)
        guard let function = BaseFunction(rawValue: text) else {
            let names = BaseFunction.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw invalid(name, "\"\(text)\" is not a base function (\(names))")
        }
        return function
    }

    func object(_ name: String) throws -> CheckpointFields {
        let key = try present(name)
        guard let nested = try? container.nestedContainer(keyedBy: CheckpointKey.self, forKey: key) else {
            throw invalid(name, "expected an object {...}, found \(found(key))")
        }
        return CheckpointFields(nested, path: field(name))
    }

    /// The object at `name`, or nil when the key is absent or null.
    func optionalObject(_ name: String) throws -> CheckpointFields? {
        let key = CheckpointKey(name)
        if !container.contains(key) || (try? container.decodeNil(forKey: key)) == true { return nil }
        return try object(name)
    }

    /// The list at `name`, or the error that says what is there instead.
    private func list(_ name: String) throws -> UnkeyedDecodingContainer {
        let key = try present(name)
        guard let list = try? container.nestedUnkeyedContainer(forKey: key) else {
            throw invalid(name, "expected a list [...], found \(found(key))")
        }
        return list
    }

    func integers(_ name: String) throws -> [Int] {
        if let values = try? container.decode([Int].self, forKey: CheckpointKey(name)) { return values }
        var list = try list(name)
        var values: [Int] = []
        while !list.isAtEnd {
            let index = list.currentIndex
            guard let value = try? list.decode(Int.self) else {
                throw invalid("\(name)[\(index)]", CheckpointFields.notAnInteger(CheckpointFields.found(&list)))
            }
            values.append(value)
        }
        return values
    }

    /// A list of doubles: JSON numbers, or the strings "nan", "inf", "-inf".
    func doubles(_ name: String) throws -> [Double] {
        // The whole list at once when it is well formed (every checkpoint kan writes); one
        // element at a time only to find the one that is not.
        if let values = try? container.decode([Double].self, forKey: CheckpointKey(name)) { return values }
        var list = try list(name)
        return try CheckpointFields.doubles(&list, field: field(name))
    }

    func doubleLists(_ name: String) throws -> [[Double]] {
        if let values = try? container.decode([[Double]].self, forKey: CheckpointKey(name)) { return values }
        var list = try list(name)
        var values: [[Double]] = []
        while !list.isAtEnd {
            let index = list.currentIndex
            guard var inner = try? list.nestedUnkeyedContainer() else {
                throw invalid("\(name)[\(index)]", "expected a list [...], found \(CheckpointFields.found(&list))")
            }
            values.append(try CheckpointFields.doubles(&inner, field: field("\(name)[\(index)]")))
        }
        return values
    }

    static func doubles(_ list: inout UnkeyedDecodingContainer, field: String) throws -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(list.count ?? 0)
        while !list.isAtEnd {
            let index = list.currentIndex
            guard let value = try? list.decode(Double.self) else {
                throw KANError.checkpointInvalid(field: "\(field)[\(index)]", problem: notADouble(found(&list)))
            }
            values.append(value)
        }
        return values
    }

    func strings(_ name: String) throws -> [String] {
        if let values = try? container.decode([String].self, forKey: CheckpointKey(name)) { return values }
        var list = try list(name)
        var values: [String] = []
        while !list.isAtEnd {
            let index = list.currentIndex
            guard let value = try? list.decode(String.self) else {
                throw invalid("\(name)[\(index)]", "expected a string, found \(CheckpointFields.found(&list))")
            }
            values.append(value)
        }
        return values
    }

    func objects(_ name: String) throws -> [CheckpointFields] {
        var list = try list(name)
        var objects: [CheckpointFields] = []
        while !list.isAtEnd {
            let index = list.currentIndex
            guard let nested = try? list.nestedContainer(keyedBy: CheckpointKey.self) else {
                throw invalid("\(name)[\(index)]", "expected an object {...}, found \(CheckpointFields.found(&list))")
            }
            objects.append(CheckpointFields(nested, path: field("\(name)[\(index)]")))
        }
        return objects
    }

    // MARK: What a value is, for messages

    /// A JSON value, as far as a message needs it.
    enum Found: CustomStringConvertible {
        case number(Double)
        /// A number outside the range of doubles (1e400).
        case hugeNumber
        case string(String)
        case boolean(Bool)
        case null
        case object
        case list

        var description: String {
            switch self {
            case .number(let value): return CheckpointFields.show(value)
            case .hugeNumber: return "a number beyond the range of doubles (±1.8e308)"
            case .string(let text): return "the string \"\(text.count > 40 ? text.prefix(40) + "…" : text)\""
            case .boolean(let value): return "\(value)"
            case .null: return "null"
            case .object: return "an object {...}"
            case .list: return "a list [...]"
            }
        }
    }

    func found(_ key: CheckpointKey) -> Found {
        if (try? container.decodeNil(forKey: key)) == true { return .null }
        if let value = try? container.decode(Bool.self, forKey: key) { return .boolean(value) }
        if let value = try? container.decode(String.self, forKey: key) { return .string(value) }
        if let value = try? container.decode(Double.self, forKey: key) { return .number(value) }
        if (try? container.nestedContainer(keyedBy: CheckpointKey.self, forKey: key)) != nil { return .object }
        if (try? container.nestedUnkeyedContainer(forKey: key)) != nil { return .list }
        return .hugeNumber
    }

    /// What the list's current element is (a failed decode leaves the position where it was).
    static func found(_ list: inout UnkeyedDecodingContainer) -> Found {
        if (try? list.decodeNil()) == true { return .null }
        if let value = try? list.decode(Bool.self) { return .boolean(value) }
        if let value = try? list.decode(String.self) { return .string(value) }
        if let value = try? list.decode(Double.self) { return .number(value) }
        if (try? list.nestedContainer(keyedBy: CheckpointKey.self)) != nil { return .object }
        if (try? list.nestedUnkeyedContainer()) != nil { return .list }
        return .hugeNumber
    }

    static func notAnInteger(_ found: Found) -> String {
        switch found {
        case .number(let value) where value == value.rounded():
            return "\(show(value)) is beyond the range of integers (±2^63)"
        case .number, .hugeNumber: return "\(found) is not an integer"
        default: return "expected an integer, found \(found)"
        }
    }

    static func notADouble(_ found: Found) -> String {
        switch found {
        case .hugeNumber: return "\(found)"
        case .string: return "expected a number, found \(found) (the non-finite numbers are written \"nan\", \"inf\", \"-inf\")"
        default: return "expected a number, found \(found)"
        }
    }

    /// A number as a message shows it: integers without a fraction, others as Swift prints them.
    static func show(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded(), abs(value) < 1e16 { return String(Int64(value)) }
        return "\(value)"
    }
}
