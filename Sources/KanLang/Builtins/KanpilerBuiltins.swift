import Discovery
import KAN
import Symbolic

/// `kan(formula)`: a model whose edges are the terms of a formula (pykan's kanpiler;
/// `FormulaCompilation` in Discovery does the work).
///
///     symbols x, y
///     let m = kan(exp(sin(pi*x) + y^2))     # [2, 1, 1]: sin and x^2 edges into an exp edge
///     print(m.shape, rmse(m, data))          # exact before any training
///
/// Every edge is a primitive of the function library, so `formula(train(m, data))` gives the
/// formula back; perturbing the model and training it again shows that training recovers it.
enum KanpilerBuiltins {
    /// The model of `kan(width: expression, ...)`: the expression compiled into a network with
    /// the call's grid, k, seed, base and range for the (masked) splines; its inputs are
    /// `variables:` or the formula's symbols, sorted.
    static func makeModel(_ call: BuiltinCall) throws(KanError) -> Value {
        let argument = try call.value("width")
        guard let formula = SymbolicBuilder.operand(argument)?.expression else {
            throw call.error("width must be a list of widths or a formula", at: "width")
        }
        if call.has("mult") { throw call.error("mult: applies to a width list; a formula places its own products", at: "mult") }
        if try call.integer("arity") != 2 {
            throw call.error("arity: a formula's multiplication nodes have two factors (more nest)", at: "arity")
        }
        var variables = FormulaCompilation.defaultVariables(of: formula)
        // A formula value (from discover or formula) keeps its variables' order.
        if case .opaque(let object as FormulaValue) = argument, Set(object.variables).isSuperset(of: variables) {
            variables = object.variables
        }
        if call.has("variables") {
            let given = try call.list("variables").elements
            variables = given.compactMap { value -> String? in
                if case .string(let name) = value { return name }
                return nil
            }
            guard !variables.isEmpty, variables.count == given.count,
                  Set(variables).count == variables.count, variables.allSatisfy(ValueFormatter.isIdentifier) else {
                throw call.error("variables must be distinct names (strings)", at: "variables")
            }
        }
        if let missing = formula.freeSymbols.sorted().first(where: { !variables.contains($0) }) {
            throw call.error("cannot build a network from the formula: '\(missing)' is not one of the variables \(variables.joined(separator: ", "))",
                             at: "variables")
        }
        guard !variables.isEmpty else {
            throw call.error("'\(formula)' has no variable: a network needs at least one input", at: "width")
        }
        let configuration = try ModelBuiltins.networkConfiguration(call)
        let (grid, order) = (configuration.gridSize, configuration.splineOrder)
        let library = try DiscoveryBuiltins.library(call)
        let compiled: FormulaNetworkPlan
        do {
            compiled = try FormulaCompilation.compile(formula, variables: variables, library: library)
        } catch {
            throw call.error("cannot build a network from the formula: \(error)", at: "width")
        }
        if let wide = compiled.shape.firstIndex(where: { $0.nodeCount > ModelBuiltins.maxWidth }) {
            throw call.error("the formula's network would have \(compiled.shape[wide].nodeCount) nodes on level \(wide), more than \(ModelBuiltins.maxWidth)",
                             at: "width")
        }
        try ModelBuiltins.checkSize(call, shape: compiled.shape, grid: grid, order: order, arity: 2, at: "width")
        let network = try ModelBuiltins.kan(call) { try compiled.network(configuration: configuration) }
        return .opaque(ModelValue(network: network, variables: variables))
    }
}
