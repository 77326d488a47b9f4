import KAN

/// The values a custom loss is traced with: the loss function of `train(m, loss: fn(m) {...})`
/// runs once, with a stand-in for the model, and what it computes is recorded as a
/// `DerivativeLoss`, which then evaluates natively at every training step.
///
///     let loss = fn(m) { mean((laplacian(m, interior) - interior.f)^2) + 100 * mean(m(boundary)^2) }
///
/// Inside the function, `m(points)`, `laplacian(m, points)`, `partial(m, points, "x")`,
/// `gradient(m, points).d_x` and `hessian(m, points).d2_x_y` are *fields*: a linear
/// combination of the network's output and its input derivatives at one point set, plus a
/// constant column. Fields add and subtract (on the same points), take numbers and lists
/// of numbers (one per point), scale by numbers; `field^2` squared and averaged by `mean`
/// (or summed by `sum`) is a *loss*, and losses add and scale by non-negative numbers.
/// Anything else (a product of two fields, `abs`, a function of a field) is refused with
/// an error: the loss must be a weighted sum of mean squares of linear combinations.
final class LossRecorder: @unchecked Sendable {
    // Unchecked: lives on the interpreter's thread during one trace.
    let variables: [String]
    let outputCount: Int
    private(set) var pointSets: [[[Double]]] = []
    /// Data sets already recorded (kept alive so that identities stay unique).
    private var recorded: [DatasetValue] = []

    init(variables: [String], outputCount: Int) {
        self.variables = variables
        self.outputCount = outputCount
    }

    /// The index of the point set of `data`: its columns named after the model's variables,
    /// else all its inputs by position.
    func pointSet(_ data: DatasetValue) throws(KanError) -> Int {
        if let index = recorded.firstIndex(where: { $0 === data }) { return index }
        let columns: [[Double]]
        if let named = data.inputColumns(named: variables) {
            columns = named
        } else if data.inputNames.count == variables.count {
            columns = data.inputColumns
        } else {
            throw KanError("the model takes \(variables.count) inputs (\(variables.joined(separator: ", "))); the points have \(data.inputNames.count) (\(data.inputNames.joined(separator: ", ")))")
        }
        for (name, column) in zip(variables, columns) where column.contains(where: { !$0.isFinite }) {
            throw KanError("the points' '\(name)' has a value that is not finite")
        }
        recorded.append(data)
        pointSets.append(columns)
        return pointSets.count - 1
    }

    func count(_ set: Int) -> Int { pointSets[set].first?.count ?? 0 }

    /// The variable index of a name.
    func variable(_ name: String) throws(KanError) -> Int {
        guard let index = variables.firstIndex(of: name) else {
            throw KanError("'\(name)' is not an input of the model (\(variables.joined(separator: ", ")))")
        }
        return index
    }

    func checkOutput(_ output: Int) throws(KanError) {
        guard (0..<outputCount).contains(output) else {
            throw KanError("output must be from 0 to \(outputCount - 1), got \(output)")
        }
    }
}

/// The stand-in for the model while a loss function is traced; `m(points)` is the field
/// of its output at the points (`m(points, output: 1)` for another output).
final class ModelTracer: CallableOpaqueValue, @unchecked Sendable {
    let recorder: LossRecorder
    init(recorder: LossRecorder) { self.recorder = recorder }

    var typeName: String { "model" }
    var summary: String { "<model being traced for a loss>" }
    func member(_ name: String) -> Value? { nil }

    func call(_ arguments: [(label: String?, value: Value)], at location: SourceLocation) throws(KanError) -> Value {
        var points: DatasetValue?
        var output = 0
        for argument in arguments {
            switch (argument.label, argument.value) {
            case (nil, .opaque(let data as DatasetValue)) where points == nil: points = data
            case ("output", .number(let number)) where number.integer != nil: output = number.integer ?? 0
            default:
                throw KanError("a model in a loss is called with a data set of points: m(points) or m(points, output: 1)", at: location)
            }
        }
        guard let points else { throw KanError("m(points) needs a data set of points", at: location) }
        try recorder.checkOutput(output)
        return .opaque(try field(.value, at: points, output: output))
    }

    /// The field of one operator of one output at the points of `data`.
    func field(_ op: DerivativeLoss.Operator, at data: DatasetValue, output: Int) throws(KanError) -> FieldValue {
        let set = try recorder.pointSet(data)
        return FieldValue(recorder: recorder, points: set, components: [.init(op, output: output)], offset: nil)
    }
}

/// Σ a_c·D_c u_{o_c} + offset at the points of one set (see `LossRecorder`).
final class FieldValue: ArithmeticOpaqueValue, @unchecked Sendable {
    let recorder: LossRecorder
    let points: Int
    let components: [DerivativeLoss.Component]
    /// One constant per point, or nil for 0.
    let offset: [Double]?

    init(recorder: LossRecorder, points: Int, components: [DerivativeLoss.Component], offset: [Double]?) {
        self.recorder = recorder
        self.points = points
        self.components = components
        self.offset = offset
    }

    var typeName: String { "field" }
    var summary: String { "<field at \(recorder.count(points)) points, \(components.count) term\(components.count == 1 ? "" : "s")>" }
    func member(_ name: String) -> Value? { nil }

    static let shapeError = "a loss is a sum of weighted mean((…)^2) of linear combinations of the model's values and derivatives"

    func negated() throws(KanError) -> Value? { .opaque(scaled(-1)) }

    func scaled(_ factor: Double) -> FieldValue {
        FieldValue(recorder: recorder, points: points,
                   components: components.map { .init($0.operator_, coefficient: factor * $0.coefficient, output: $0.output) },
                   offset: offset?.map { factor * $0 })
    }

    /// The constants of a number or list operand, one per point.
    private func column(_ value: Value) throws(KanError) -> [Double]? {
        let n = recorder.count(points)
        switch value {
        case .number(let number):
            guard number.value.isFinite else { throw KanError("a loss cannot hold \(number.value)") }
            return [Double](repeating: number.value, count: n)
        case .list(let list):
            guard list.elements.count == n else {
                throw KanError("a list of \(list.elements.count) numbers cannot be combined with a field at \(n) points")
            }
            var result: [Double] = []
            result.reserveCapacity(n)
            for element in list.elements {
                guard let x = element.numberValue, x.isFinite else { throw KanError("a list combined with a field must hold finite numbers") }
                result.append(x)
            }
            return result
        default: return nil
        }
    }

    private static func add(_ a: [Double]?, _ b: [Double]?, sign: Double) -> [Double]? {
        switch (a, b) {
        case (nil, nil): return nil
        case (let a?, nil): return a
        case (nil, let b?): return b.map { sign * $0 }
        case (let a?, let b?): return zip(a, b).map { $0 + sign * $1 }
        }
    }

    func binary(_ op: BinaryOperator, _ other: Value, selfOnLeft: Bool) throws(KanError) -> Value? {
        switch op {
        case .add, .subtract:
            // left − right = left + (−1)·right.
            let otherSign: Double = op == .subtract ? (selfOnLeft ? -1 : 1) : 1
            let selfSign: Double = op == .subtract && !selfOnLeft ? -1 : 1
            let me = selfSign == 1 ? self : scaled(-1)
            if case .opaque(let field as FieldValue) = other {
                guard field.recorder === recorder else { throw KanError(Self.shapeError) }
                guard field.points == points else {
                    throw KanError("fields at different point sets cannot be added: use one mean((…)^2) per point set")
                }
                let them = otherSign == 1 ? field : field.scaled(-1)
                return .opaque(FieldValue(recorder: recorder, points: points, components: me.components + them.components,
                                          offset: Self.add(me.offset, them.offset, sign: 1)))
            }
            guard let constants = try column(other) else { return nil }
            return .opaque(FieldValue(recorder: recorder, points: points, components: me.components,
                                      offset: Self.add(me.offset, constants, sign: otherSign)))
        case .multiply:
            guard case .number(let factor) = other else {
                if case .opaque(let o) = other, o is FieldValue {
                    throw KanError("a product of two fields is not linear; \(Self.shapeError)")
                }
                return nil
            }
            guard factor.value.isFinite else { throw KanError("a loss cannot hold \(factor.value)") }
            return .opaque(scaled(factor.value))
        case .divide:
            guard selfOnLeft, case .number(let divisor) = other else {
                throw KanError("a field can only be divided by a number; \(Self.shapeError)")
            }
            guard divisor.value != 0, divisor.value.isFinite else { throw KanError("division of a field by \(divisor.value)") }
            return .opaque(scaled(1 / divisor.value))
        case .power:
            guard selfOnLeft, case .number(let exponent) = other, exponent.value == 2 else {
                throw KanError("a field can only be squared (^2) in a loss; \(Self.shapeError)")
            }
            return .opaque(SquaredFieldValue(field: self))
        default:
            return nil
        }
    }
}

/// field², waiting for `mean` or `sum` to make it a loss.
final class SquaredFieldValue: OpaqueValue, @unchecked Sendable {
    let field: FieldValue
    init(field: FieldValue) { self.field = field }

    var typeName: String { "squared field" }
    var summary: String { "<squared field: take its mean>" }
    func member(_ name: String) -> Value? { nil }

    /// The loss weight·mean(field²).
    func loss(weight: Double) -> LossValue {
        let term = DerivativeLoss.Term(weight: weight, points: field.points, components: field.components,
                                       target: field.offset?.map { -$0 } ?? [])
        return LossValue(recorder: field.recorder, terms: [term])
    }
}

/// Σ w_t·mean(field_t²): what a loss function returns.
final class LossValue: ArithmeticOpaqueValue, @unchecked Sendable {
    let recorder: LossRecorder
    let terms: [DerivativeLoss.Term]
    init(recorder: LossRecorder, terms: [DerivativeLoss.Term]) {
        self.recorder = recorder
        self.terms = terms
    }

    var typeName: String { "loss" }
    var summary: String { "<loss of \(terms.count) term\(terms.count == 1 ? "" : "s")>" }
    func member(_ name: String) -> Value? { nil }

    func negated() throws(KanError) -> Value? {
        throw KanError("a loss cannot be negative: its terms are weighted by non-negative numbers")
    }

    func scaled(_ factor: Double) throws(KanError) -> LossValue {
        guard factor.isFinite, factor >= 0 else { throw KanError("a loss can only be scaled by a finite number ≥ 0, got \(factor)") }
        return LossValue(recorder: recorder, terms: terms.map { var t = $0; t.weight *= factor; return t })
    }

    func binary(_ op: BinaryOperator, _ other: Value, selfOnLeft: Bool) throws(KanError) -> Value? {
        switch (op, other) {
        case (.add, .opaque(let loss as LossValue)):
            return .opaque(LossValue(recorder: recorder, terms: selfOnLeft ? terms + loss.terms : loss.terms + terms))
        case (.multiply, .number(let factor)):
            return .opaque(try scaled(factor.value))
        case (.divide, .number(let divisor)) where selfOnLeft:
            guard divisor.value > 0 else { throw KanError("a loss can only be divided by a positive number") }
            return .opaque(try scaled(1 / divisor.value))
        default:
            throw KanError("losses add to losses and scale by non-negative numbers; \(FieldValue.shapeError)")
        }
    }

    /// The loss for the KAN module.
    func derivativeLoss() throws(KanError) -> DerivativeLoss {
        do {
            return try DerivativeLoss(pointSets: recorder.pointSets, terms: terms)
        } catch {
            throw KanError("\(error)")
        }
    }
}
