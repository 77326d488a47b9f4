/// Why a formula could not be compiled into a network (`FormulaCompilation`).
///
/// Each case names the part of the formula at fault, because formulas come from users.
public enum FormulaCompilationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The formula has no variable: a network needs at least one input.
    case constant(String)
    /// A symbol of the formula is not among the network's variables.
    case unknownVariable(name: String, variables: [String])
    /// The variables given are not distinct, or there are none.
    case invalidVariables([String])
    /// No primitive of the library computes this function of one argument.
    case noPrimitive(function: String, in: String)
    /// A function of several arguments: an edge is a function of one.
    case severalArguments(String)
    /// A constant of the formula is undefined or infinite (1/0, log(0)).
    case nonFiniteConstant(String)
    /// The network would have more than `FormulaCompilation.maximumNodes` nodes.
    case tooLarge(nodes: Int)

    public var description: String {
        switch self {
        case .constant(let formula):
            return "'\(formula)' has no variable: a network needs at least one input"
        case .unknownVariable(let name, let variables):
            return "'\(name)' is not one of the variables \(variables.joined(separator: ", "))"
        case .invalidVariables(let names):
            return "the variables must be distinct names, at least one, got [\(names.joined(separator: ", "))]"
        case .noPrimitive(let function, let part):
            return "no primitive of the function library computes \(function) (in '\(part)'): "
                + "an edge can only be a library function; declare one with `primitive`"
        case .severalArguments(let part):
            return "'\(part)' is a function of several arguments; an edge computes a function of one"
        case .nonFiniteConstant(let part):
            return "the constant '\(part)' is not a finite number"
        case .tooLarge(let nodes):
            return "the network would have more than \(nodes) nodes (at most \(FormulaCompilation.maximumNodes), identity nodes that carry values across levels included)"
        }
    }
}
