import Symbolic

import Foundation

/// Numeric functions. The elementary ones also build symbolic expressions:
/// `sin(2)` is a number, `sin(x)` (x a symbol) is the expression sin(x).
public enum MathBuiltins: BuiltinGroup {
    public static var builtins: [Builtin] {
        var builtins = ElementaryFunction.all.map { function -> Builtin in
            let name = function.name
            return Builtin(name, [.required("x", .expression)], group: "math",
                           doc: function.summary + " Symbolic for an expression argument.") { call in
                switch try call.value("x") {
                case .number(let number):
                    return .number(SymbolicBuilder.number(applying: name, to: number, value: function.value(number.value)))
                case .symbolic(let symbolic):
                    return try call.interpreter.symbolicResult(at: call.location) { () throws(SymbolicBuilder.TooDeep) in
                        try SymbolicBuilder.apply(name, symbolic)
                    }
                default: return .nil
                }
            }
        }
        builtins += [
            rounding("floor", .down, "The largest integer not above x."),
            rounding("ceil", .up, "The smallest integer not below x."),
            rounding("round", .toNearestOrAwayFromZero, "x rounded to the nearest integer, halves away from zero."),
            Builtin("atan2", [.required("y", .number), .required("x", .number)], group: "math",
                    doc: "The angle of the point (x, y) from the positive x axis, in (-pi, pi].") { call in
                .number(Foundation.atan2(try call.number("y"), try call.number("x")))
            },
            Builtin("isnan", [.required("x", .number)], group: "math", doc: "Whether x is not a number.") { call in
                .boolean(try call.number("x").isNaN)
            },
            Builtin("min", variadic: .required("values", .oneOf([.number, .list])), group: "math",
                    doc: "The smallest of the numbers given, or of one list of numbers.") { call in
                try extreme(call, name: "min", <)
            },
            Builtin("max", variadic: .required("values", .oneOf([.number, .list])), group: "math",
                    doc: "The largest of the numbers given, or of one list of numbers.") { call in
                try extreme(call, name: "max", >)
            },
            Builtin("sum", [.required("values", .oneOf([.list, .opaque("squared field")]))], group: "math",
                    doc: "The sum of a list of numbers (0 if empty); in a loss function, of a squared field over its points.") { call in
                if case .opaque(let squared as SquaredFieldValue) = try call.value("values") {
                    return .opaque(squared.loss(weight: Double(squared.field.recorder.count(squared.field.points))))
                }
                return .number(try numbers(call, "values").reduce(0, +))
            },
            Builtin("mean", [.required("values", .oneOf([.list, .opaque("squared field")]))], group: "math",
                    doc: "The arithmetic mean of a non-empty list of numbers; in a loss function, of a squared field over its points.") { call in
                if case .opaque(let squared as SquaredFieldValue) = try call.value("values") { return .opaque(squared.loss(weight: 1)) }
                let values = try numbers(call, "values")
                guard !values.isEmpty else { throw call.error("mean of an empty list", at: "values") }
                return .number(values.reduce(0, +) / Double(values.count))
            },
        ]
        return builtins
    }

    static func rounding(_ name: String, _ rule: FloatingPointRoundingRule, _ doc: String) -> Builtin {
        Builtin(name, [.required("x", .number)], group: "math", doc: doc) { call in
            .number(try call.number("x").rounded(rule))
        }
    }

    /// The numbers of list argument `name`; a located error names the first non-number.
    static func numbers(_ call: BuiltinCall, _ name: String) throws(KanError) -> [Double] {
        var values: [Double] = []
        for (index, element) in try call.list(name).elements.enumerated() {
            guard let value = element.numberValue else {
                throw call.error("element \(index) of \(name) is a \(element.typeName), not a number", at: name)
            }
            values.append(value)
        }
        return values
    }

    static func extreme(_ call: BuiltinCall, name: String, _ better: (Double, Double) -> Bool) throws(KanError) -> Value {
        var candidates: [(Double, SourceLocation)] = []
        if call.rest.count == 1, case .list(let list) = call.rest[0].value {
            for element in list.elements {
                guard let value = element.numberValue else {
                    throw KanError("\(name): the list holds a \(element.typeName), not a number", at: call.rest[0].location)
                }
                candidates.append((value, call.rest[0].location))
            }
        } else {
            for item in call.rest {
                guard let value = item.value.numberValue else {
                    throw KanError("\(name): arguments must be numbers, got \(item.value.typeName)", at: item.location)
                }
                candidates.append((value, item.location))
            }
        }
        guard var best = candidates.first?.0 else { throw call.error("\(name) of nothing") }
        for (value, _) in candidates.dropFirst() where better(value, best) || value.isNaN { best = value }
        return .number(best)
    }
}
