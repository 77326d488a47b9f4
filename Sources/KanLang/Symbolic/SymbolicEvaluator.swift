import Foundation

/// Evaluates a symbolic expression to a Double, given values for its symbols.
enum SymbolicEvaluator {
    struct UnboundSymbol: Error { let name: String }

    static func evaluate(_ expression: SymbolicExpression, _ values: [String: Double]) throws(UnboundSymbol) -> Double {
        switch expression {
        case .rational(let value): return value.doubleValue
        case .real(let value): return value
        case .constant(let name): return ElementaryFunctions.constants[name] ?? .nan
        case .symbol(let name):
            guard let value = values[name] else { throw UnboundSymbol(name: name) }
            return value
        case .sum(let terms):
            var total = 0.0
            for term in terms { total += try evaluate(term, values) }
            return total
        case .product(let factors):
            var total = 1.0
            for factor in factors { total *= try evaluate(factor, values) }
            return total
        case .power(let base, let exponent):
            return Foundation.pow(try evaluate(base, values), try evaluate(exponent, values))
        case .function(let name, let arguments):
            guard let function = ElementaryFunctions.table[name], let argument = arguments.first else { return .nan }
            return function(try evaluate(argument, values))
        }
    }
}
