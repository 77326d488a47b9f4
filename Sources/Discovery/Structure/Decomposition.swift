import Symbolic

/// A smaller problem the law reduces to, and the way back: new inputs defined over the
/// original ones (merged pairs, or one monomial argument) and a target divided by a monomial
/// prefactor. The reduced problem is built from the data themselves — not from the
/// surrogate, which only proposed the reduction — so a law found on it is exact on the data.
struct Decomposition: Sendable {
    /// What it assumes, as the origin of its formulas and in progress lines
    /// ("u1 = x2 - x3", "y = x1*F(u), u = x2*x3").
    var summary: String
    /// The reduced problem's inputs…
    var names: [String]
    /// … each defined over the original inputs.
    var definitions: [Expr]
    /// The reduced target is y/P; nil for y itself.
    var prefactor: Expr?

    /// The reduced data; nil where a definition or y/P is not finite (a fractional power of a
    /// negative input, a zero prefactor).
    func reduce(_ data: FormulaData, variables: [String]) -> FormulaData? {
        var columns: [[Double]] = []
        for definition in definitions {
            guard let compiled = try? definition.compile(variables: variables) else { return nil }
            let values = compiled.evaluate(columns: data.columns)
            guard values.count == data.count, values.allSatisfy(\.isFinite) else { return nil }
            columns.append(values)
        }
        var target = data.target
        if let prefactor {
            guard let compiled = try? prefactor.compile(variables: variables) else { return nil }
            let values = compiled.evaluate(columns: data.columns)
            guard values.count == data.count else { return nil }
            for k in target.indices {
                target[k] /= values[k]
                guard target[k].isFinite else { return nil }
            }
        }
        // An input that merged into a constant says nothing.
        guard columns.allSatisfy({ column in column.contains { $0 != column.first } }) else { return nil }
        return FormulaData(columns: columns, target: target)
    }

    /// A formula of the reduced problem as one of the original problem: P times the formula
    /// with each reduced input replaced by its definition (parameters kept, to be refitted
    /// on the original data).
    func lift(_ formula: ParametricFormula, variables: [String]) -> ParametricFormula {
        let substituted = formula.expression.substituting(Dictionary(uniqueKeysWithValues: zip(names, definitions)))
        return ParametricFormula(
            expression: prefactor.map { $0 * substituted } ?? substituted, variables: variables,
            parameterNames: formula.parameterNames, parameterValues: formula.parameterValues)
    }

    /// The problem with each merged pair replaced by its combination (in the place of the
    /// pair's first input); the other inputs kept under their names.
    static func merging(_ merges: [VariableMerge], names: [String]) -> Decomposition {
        var reducedNames: [String] = []
        var definitions: [Expr] = []
        var summaries: [String] = []
        var taken = Set(names)
        let merged = Set(merges.flatMap { [$0.first, $0.second] })
        for (i, name) in names.enumerated() {
            if let merge = merges.first(where: { $0.first == i }) {
                let fresh = freshName(avoiding: taken)
                taken.insert(fresh)
                let definition = merge.expression(names: names)
                reducedNames.append(fresh)
                definitions.append(definition)
                summaries.append("\(fresh) = \(definition)")
            } else if !merged.contains(i) {
                reducedNames.append(name)
                definitions.append(.symbol(name))
            }
        }
        return Decomposition(
            summary: summaries.joined(separator: ", "), names: reducedNames, definitions: definitions, prefactor: nil)
    }

    /// The one-input problem u = m(x), target y/P of a `MonomialReduction`.
    static func reducing(_ reduction: MonomialReduction, names: [String]) -> Decomposition {
        let u = freshName(avoiding: Set(names))
        let argument = reduction.argumentExpression(names: names)
        let prefactor = reduction.prefactorExpression(names: names)
        let isOne = prefactor == .one
        return Decomposition(
            summary: "y = \(isOne ? "" : "\(prefactor)*")F(\(u)), \(u) = \(argument)", names: [u],
            definitions: [argument], prefactor: isOne ? nil : prefactor)
    }

    /// u, u1, u2, … : the first not among `taken`.
    static func freshName(avoiding taken: Set<String>) -> String {
        if !taken.contains("u") { return "u" }
        var k = 1
        while taken.contains("u\(k)") { k += 1 }
        return "u\(k)"
    }
}
