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
        let grid = try call.integer("grid"), order = try call.integer("k")
        guard (1...ModelBuiltins.maxGrid).contains(grid) else { throw call.error("grid must be between 1 and \(ModelBuiltins.maxGrid), got \(grid)", at: "grid") }
        guard (0...10).contains(order) else { throw call.error("k must be between 0 and 10, got \(order)", at: "k") }
        let baseName = try call.string("base")
        guard let base = BaseFunction(rawValue: baseName) else {
            throw call.error("base must be one of \(BaseFunction.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), got \"\(baseName)\"",
                             at: "base")
        }
        let range = try call.list("range").elements.compactMap(\.numberValue)
        guard range.count == 2, range[0].isFinite, range[1].isFinite, range[0] < range[1] else {
            throw call.error("range must be [low, high] with finite low < high", at: "range")
        }
        let library = try DiscoveryBuiltins.library(call)
        let configuration = Network.Configuration(
            gridSize: grid, splineOrder: order, gridRange: range[0]...range[1], baseFunction: base,
            seed: UInt64(truncatingIfNeeded: try call.integer("seed")))
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
