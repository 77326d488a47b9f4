import Exact
import Foundation
import Symbolic

extension ParametricFormula {
    /// The formula rewritten so that no two parameters can trade against each other, with the
    /// same values at every data point (up to rounding of the merged values).
    ///
    /// A KAN's composed formula is full of degenerate constants: in c·f(a·(u + v) + b) + d the
    /// inner maps' offsets and b can only move together. Snapping them one at a time fails
    /// (+0.3127 and −0.3127 never become 0 separately), so before refitting and snapping every
    /// degenerate group becomes a single parameter. The rules, applied bottom-up on the exact
    /// tree (a *constant* is a variable-free subexpression that contains a parameter):
    ///
    /// - a constant is one parameter: θ₁·θ₂, θ^2, exp(θ), 2·θ + π all become a fresh θ;
    /// - in a sum, all constant terms merge into one, and terms with the same variable part
    ///   merge their coefficients: θ₁·g + θ₂·g + θ₃ + θ₄ → θ₅·g + θ₆;
    /// - in a product, all constant factors merge into one;
    /// - a constant times a single sum distributes: θ₀·(θ₁·g + θ₂) + θ₃ → θ₄·g + θ₅;
    /// - a sum whose variable terms all have parameter coefficients, when it is a factor or a
    ///   power's base, is made *monic* by taking out its first variable term's coefficient s:
    ///   θ₀·(θ₁·x + θ₂)² → θ₀θ₁²·(x + θ₂/θ₁)² → θ₃·(x + θ₄)² (for a non-integer power, |s| is
    ///   taken out so that the rewrite stays real: (θ₁x + θ₂)^(1/2) = |θ₁|^(1/2)·(±x ± θ₂/|θ₁|)^(1/2));
    /// - likewise a product base of a power: (θ·u)^r = θ^r·u^r (θ > 0 or r an integer);
    /// - exp(θ + u) → θ′·exp(u) with θ′ = e^θ;
    /// - log(θ·u) → log(u) + θ′ with θ′ = log θ (θ > 0; for θ < 0, log(−u) + log(−θ)), and the
    ///   same for a sum whose scale is taken out as above.
    ///
    /// Exact numbers without parameters stay exact (x + 1 keeps its 1). Fresh parameters take
    /// the value of the constant they replace at the current values; a constant whose value is
    /// not finite stays as it is. Afterwards the parameters are renumbered θ0, θ1, … in order of
    /// first appearance in the tree, and those that no longer occur are dropped.
    public func canonicalized() -> ParametricFormula {
        var current = self.droppingUnusedParameters()
        // A rewrite can expose another (a distributed constant meets an outer sum), so repeat
        // while the number of parameters falls; three rounds suffice for KAN compositions.
        for _ in 0..<4 {
            var canonicalizer = ParameterCanonicalizer(formula: current)
            let expression = canonicalizer.canonical(current.expression)
            let next = canonicalizer.formula(for: expression, variables: current.variables)
            let improved = next.parameterCount < current.parameterCount
            if next == current { break }
            current = next
            if !improved { break }
        }
        return current
    }
}

/// The bottom-up rewriting behind `ParametricFormula.canonicalized()`: holds the parameter
/// values (old and fresh) while it walks the tree.
struct ParameterCanonicalizer {
    private var values: [String: Double]
    private var nextIndex: Int

    init(formula: ParametricFormula) {
        values = formula.valuesByName
        nextIndex = formula.nextParameterIndex
    }

    /// The result as a formula: parameters renumbered θ0, θ1, … by first appearance.
    func formula(for expression: Expr, variables: [String]) -> ParametricFormula {
        var order: [String] = []
        var seen: Set<String> = []
        func visit(_ e: Expr) {
            if let name = e.symbolName, values[name] != nil, seen.insert(name).inserted { order.append(name) }
            for child in e.children { visit(child) }
        }
        visit(expression)
        var renaming: [String: Expr] = [:]
        var names: [String] = []
        var list: [Double] = []
        for (index, name) in order.enumerated() {
            let newName = ParametricFormula.parameterName(index)
            renaming[name] = .symbol(newName)
            names.append(newName)
            list.append(values[name] ?? .nan)
        }
        return ParametricFormula(
            expression: expression.substituting(renaming), variables: variables,
            parameterNames: names, parameterValues: list)
    }

    // MARK: Classification

    private func isParameter(_ name: String) -> Bool { values[name] != nil }

    /// No symbol other than parameters: a number, π, or a constant.
    private func isVariableFree(_ e: Expr) -> Bool { e.freeSymbols.allSatisfy(isParameter) }

    private func hasParameter(_ e: Expr) -> Bool { e.freeSymbols.contains(where: isParameter) }

    /// The value of a variable-free expression at the current parameter values.
    private func value(_ e: Expr) -> Double { e.evaluate(values) }

    /// A variable-free expression as one parameter (a fresh one unless it already is a single
    /// parameter or holds none); unchanged if its value is not finite.
    private mutating func collapse(_ e: Expr) -> Expr {
        if e.symbolName != nil || !hasParameter(e) { return e }
        let v = value(e)
        guard v.isFinite else { return e }
        let name = ParametricFormula.parameterName(nextIndex)
        nextIndex += 1
        values[name] = v
        return .symbol(name)
    }

    /// A term split as (constant coefficient, variable part): θ·x·y → (θ, x·y), x → (1, x),
    /// θ → (θ, 1). Numbers count as coefficients.
    private func split(_ term: Expr) -> (coefficient: Expr, rest: Expr) {
        if isVariableFree(term) { return (term, .one) }
        if case .product(let factors) = term.node {
            var constants: [Expr] = [], others: [Expr] = []
            for factor in factors {
                if isVariableFree(factor) { constants.append(factor) } else { others.append(factor) }
            }
            return (Expr.product(constants), Expr.product(others))
        }
        return (.one, term)
    }

    private static func terms(_ e: Expr) -> [Expr] {
        if case .sum(let terms) = e.node { return terms }
        return [e]
    }

    private static func factors(_ e: Expr) -> [Expr] {
        if case .product(let factors) = e.node { return factors }
        return [e]
    }

    // MARK: Rewriting

    /// The canonical form of `e` (see `ParametricFormula.canonicalized()`).
    mutating func canonical(_ e: Expr) -> Expr {
        if isVariableFree(e) { return collapse(e) }
        switch e.node {
        case .number, .symbol, .pi, .undefined:
            return e
        case .sum(let terms):
            var list: [Expr] = []
            for term in terms { list.append(canonical(term)) }
            return sum(list)
        case .product(let factors):
            var list: [Expr] = []
            for factor in factors { list.append(canonical(factor)) }
            return product(list)
        case .power(let base, let exponent):
            return power(canonical(base), exponent)
        case .apply(let function, let args):
            var list: [Expr] = []
            for arg in args { list.append(canonical(arg)) }
            return apply(function, list)
        }
    }

    /// A sum of canonical terms: like variable parts merged, constants merged.
    private mutating func sum(_ terms: [Expr]) -> Expr {
        var order: [Expr] = []
        var coefficients: [Expr: [Expr]] = [:]
        for term in terms.flatMap(Self.terms) {
            let (coefficient, rest) = split(term)
            if coefficients[rest] == nil { order.append(rest) }
            coefficients[rest, default: []].append(coefficient)
        }
        var result: [Expr] = []
        for rest in order {
            let coefficient = collapse(Expr.sum(coefficients[rest] ?? []))
            result.append(coefficient * rest)
        }
        return Expr.sum(result)
    }

    /// A product of canonical factors: constants merged, a constant times one sum distributed,
    /// sums made monic otherwise.
    private mutating func product(_ factors: [Expr]) -> Expr {
        var constants: [Expr] = []
        var others: [Expr] = []
        for factor in factors.flatMap(Self.factors) {
            if isVariableFree(factor) { constants.append(factor) } else { others.append(factor) }
        }
        let coefficient = Expr.product(constants)
        if others.count == 1, case .sum(let terms) = others[0].node, hasParameter(coefficient) {
            var distributed: [Expr] = []
            for term in terms { distributed.append(product([coefficient, term])) }
            return sum(distributed)
        }
        // Take the scale out of every sum factor (and power of a sum) into the coefficient.
        var rebuilt: [Expr] = []
        for factor in others {
            let (base, exponent) = Self.baseAndExponent(factor)
            if case .sum = base.node,
               let (scale, monic) = takeScale(base, positive: !exponent.isInteger) {
                constants.append(Expr.power(scale, exponent))
                rebuilt.append(Expr.power(monic, exponent))
            } else {
                rebuilt.append(factor)
            }
        }
        return collapse(Expr.product(constants)) * Expr.product(rebuilt)
    }

    /// A canonical base to a rational power: (θ·u)^r and (θ·x + θ′)^r give their scale to a
    /// coefficient.
    private mutating func power(_ base: Expr, _ exponent: Rational) -> Expr {
        switch base.node {
        case .sum:
            if let (scale, monic) = takeScale(base, positive: !exponent.isInteger) {
                return product([Expr.power(scale, exponent), Expr.power(monic, exponent)])
            }
        case .product:
            let (coefficient, rest) = split(base)
            if hasParameter(coefficient) {
                let v = value(coefficient)
                if exponent.isInteger || v > 0 {
                    return product([Expr.power(coefficient, exponent), Expr.power(rest, exponent)])
                }
                if v < 0 {
                    return product([Expr.power(-coefficient, exponent), Expr.power(-rest, exponent)])
                }
            }
        default:
            break
        }
        return Expr.power(base, exponent)
    }

    /// A function of canonical arguments: exp(θ + u) = e^θ·exp(u), log(θ·u) = log u + log θ.
    private mutating func apply(_ function: Expr.Function, _ args: [Expr]) -> Expr {
        guard args.count == 1 else { return Expr.apply(function, args) }
        let argument = args[0]
        switch function {
        case .exp:
            var constants: [Expr] = [], others: [Expr] = []
            for term in Self.terms(argument) {
                if isVariableFree(term) { constants.append(term) } else { others.append(term) }
            }
            let offset = Expr.sum(constants)
            if hasParameter(offset) {
                return product([Expr.exp(offset), Expr.exp(Expr.sum(others))])
            }
        case .log:
            var scale: Expr? = nil, rest = argument
            if case .sum = argument.node {
                if let (s, monic) = takeScale(argument, positive: true) { (scale, rest) = (s, monic) }
            } else if case .product = argument.node {
                let (coefficient, others) = split(argument)
                if hasParameter(coefficient) { (scale, rest) = (coefficient, others) }
            }
            if let scale {
                let v = value(scale)
                if v > 0 { return sum([collapse(Expr.log(scale)), Expr.log(rest)]) }
                if v < 0 { return sum([collapse(Expr.log(-scale)), Expr.log(-rest)]) }
            }
        default:
            break
        }
        return Expr.apply(function, args)
    }

    /// A sum S whose variable terms all have parameter coefficients, as S = s·M with s the
    /// first variable term's coefficient, so that M's first variable term has coefficient 1
    /// (with `positive`, s = |coefficient| and that term's coefficient ±1). Nil when some
    /// variable term already has an exact coefficient (the scale is fixed), or s is 0 or not
    /// finite.
    private mutating func takeScale(_ sum: Expr, positive: Bool) -> (Expr, Expr)? {
        let parts = Self.terms(sum).map(split)
        let variableParts = parts.filter { !$0.rest.isOne }
        guard let first = variableParts.first,
              variableParts.allSatisfy({ hasParameter($0.coefficient) }) else { return nil }
        var scale = first.coefficient
        let v = value(scale)
        guard v.isFinite, v != 0 else { return nil }
        if positive && v < 0 { scale = -scale }
        let inverse = Expr.power(scale, Rational(-1))
        var terms: [Expr] = []
        for part in parts { terms.append(Expr.product([part.coefficient, inverse, part.rest])) }
        return (collapse(scale), self.sum(terms))
    }

    private static func baseAndExponent(_ e: Expr) -> (Expr, Rational) {
        if case .power(let base, let exponent) = e.node { return (base, exponent) }
        return (e, 1)
    }
}
