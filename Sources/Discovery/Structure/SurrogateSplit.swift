import Foundation
import Symbolic

/// A separable law split into one smaller problem a group of inputs, with the data of each
/// made by the surrogate: what only a fitted, differentiable stand-in of the law can do (AI
/// Feynman's divide and conquer). When T(y) = g₁(x_A) + g₂(x_B) + … (`OuterSeparability`), the
/// surrogate S evaluated with every input outside group A held at a reference point x̄ gives
///
///     T(S(x_A, x̄_B, …)) = g₁(x_A) + constant,
///
/// a problem in the inputs of A alone; and when y = g₁(x_A)·g₂(x_B)·… (`Separability`),
/// S(x_A, x̄_B, …) = g₁(x_A)·constant. Each is solved by the whole pipeline; one formula of
/// each is recombined into y = T⁻¹(θ + Σ fᵢ) or y = θ·Π fᵢ (each fᵢ stripped of its own
/// additive or multiplicative constant, which θ carries, so the constants are not degenerate)
/// and refitted, every constant jointly, on the original data: the surrogate's error only
/// shapes the search, never the final constants.
struct SurrogateSplit: Sendable {
    enum Kind: Sendable, Equatable {
        /// T(y) is a sum over the groups.
        case sum(TargetTransform)
        /// y is a product over the groups.
        case product
    }

    var kind: Kind
    /// The groups of input indices, each in input order.
    var groups: [[Int]]

    /// The split as it reads: `y^2 = f(x1) + f(x2, x3)`, `y = f(x1)*f(x2)`.
    func summary(names: [String]) -> String {
        let parts = groups.map { group in "f(\(group.map { names[$0] }.joined(separator: ", ")))" }
        switch kind {
        case .sum(let transform): return "\(transform.label("y")) = " + parts.joined(separator: " + ")
        case .product: return "y = " + parts.joined(separator: "*")
        }
    }

    /// The median of each input over `data`: where the inputs outside a group are held.
    static func reference(_ data: FormulaData) -> [Double] {
        data.columns.map { StructureTests.median($0) }
    }

    /// The problem of group `index`: its inputs at the rows of `data`, the others at
    /// `reference`, and the target T(S) (sum) or S (product); nil where the surrogate or T is
    /// not defined at a row.
    func subproblem(
        _ index: Int, data: FormulaData, reference: [Double], members: [SurrogateNetwork.Member]
    ) -> FormulaData? {
        let group = groups[index]
        let n = data.count
        let columns = data.columns.indices.map { i in
            group.contains(i) ? Array(data.columns[i].prefix(n)) : Array(repeating: reference[i], count: n)
        }
        guard let surrogate = SurrogateNetwork.predict(members, columns: columns) else { return nil }
        var target = surrogate
        if case .sum(let transform) = kind {
            for k in target.indices {
                guard let value = transform.apply(target[k]) else { return nil }
                target[k] = value
            }
        }
        let subColumns = group.map { columns[$0] }
        // A group through which the surrogate does not vary gives nothing to solve.
        guard target.contains(where: { $0 != target[0] }) else { return nil }
        return FormulaData(columns: subColumns, target: target)
    }

    /// Whether the split holds on the surrogate's values at the rows of `data` (AI Feynman's
    /// separability test, on the fitted stand-in): with S_G the surrogate at the row's inputs
    /// of group G and the reference elsewhere, and S̄ at the reference,
    ///
    ///     sum:      (T(S) − Σ_G (T(S_G) − T(S̄)) − T(S̄)) / T′(S) = 0
    ///     product:  S − Π_G S_G / S̄^(m−1) = 0                   (m groups)
    ///
    /// at every row — each residual in y's units, so that a transform that amplifies the
    /// surrogate's error (1/S near a zero of S) is judged by what it does to y — per member and
    /// against the members' disagreement like a mixed partial (`Separability.vanishes`), and
    /// only where S itself does not vanish within that disagreement (else the test could not
    /// reject anything). False where T is undefined at a row.
    func holds(members: [SurrogateNetwork.Member], data: FormulaData, reference: [Double]) -> Bool {
        let n = data.count
        guard members.count == 2, n > 0 else { return false }
        let full = data.columns.map { Array($0.prefix(n)) }
        let atReference = reference.map { [$0] }
        var layouts = [full, atReference]
        for group in groups {
            layouts.append(full.indices.map { i in
                group.contains(i) ? full[i] : Array(repeating: reference[i], count: n)
            })
        }
        var residuals: [[Double]] = []
        var centered: [[Double]] = []
        for member in members {
            var evaluated: [[Double]] = []
            for layout in layouts {
                guard let values = member.predict(columns: layout) else { return false }
                evaluated.append(values)
            }
            let center = evaluated[1][0]
            let parts = evaluated.dropFirst(2)
            var residual: [Double] = []
            for r in 0..<n {
                switch kind {
                case .sum(let transform):
                    guard let whole = transform.apply(evaluated[0][r]), let middle = transform.apply(center) else {
                        return false
                    }
                    var value = whole - middle
                    for part in parts {
                        guard let t = transform.apply(part[r]) else { return false }
                        value -= t - middle
                    }
                    // In y's units: an error ε in T(y) is ε/T′(y) in y.
                    let slope = Self.slope(of: transform, at: evaluated[0][r])
                    guard slope != 0, slope.isFinite else { return false }
                    residual.append(value / slope)
                case .product:
                    // In y's units: S − Π S_G / S̄^(m−1).
                    let scale = Foundation.pow(center, Double(groups.count - 1))
                    guard scale != 0, scale.isFinite else { return false }
                    residual.append(evaluated[0][r] - parts.reduce(1) { $0 * $1[r] } / scale)
                }
            }
            residuals.append(residual)
            let mean = evaluated[0].reduce(0, +) / Double(n)
            centered.append(evaluated[0].map { $0 - mean })
        }
        // The test has power only where the members agree on S well enough to tell it from a
        // constant.
        return Separability.vanishes(residuals[0], residuals[1]) && !Separability.vanishes(centered[0], centered[1])
    }

    /// One formula per group (each over its group's inputs, named as in `names`) as one
    /// formula of the original problem, its constants started where the parts' were and the
    /// new θ at its least-squares value on `fit`; nil when a part is a constant or the
    /// combination cannot be evaluated on the data.
    func combine(_ parts: [ParametricFormula], names: [String], fit: FormulaData) -> ParametricFormula? {
        guard parts.count == groups.count else { return nil }
        let variables = Set(names)
        var pieces: [Expr] = []
        var parameterNames: [String] = []
        var parameterValues: [Double] = []
        for part in parts {
            // Fresh parameter names for this part, after those taken.
            var renames: [String: Expr] = [:]
            for (name, value) in zip(part.parameterNames, part.parameterValues) {
                let fresh = ParametricFormula.parameterName(parameterNames.count)
                renames[name] = .symbol(fresh)
                parameterNames.append(fresh)
                parameterValues.append(value)
            }
            let renamed = part.expression.substituting(renames)
            guard let stripped = stripped(renamed, variables: variables) else { return nil }
            pieces.append(stripped)
        }
        let theta = ParametricFormula.parameter(parameterNames.count)
        let thetaName = ParametricFormula.parameterName(parameterNames.count)
        let inner: Expr
        let expression: Expr
        switch kind {
        case .sum(let transform):
            inner = Expr.sum(pieces)
            expression = transform.inverse(theta + inner)
        case .product:
            inner = Expr.product(pieces)
            expression = theta * inner
        }
        // θ's start: the least-squares constant of T(y) − Σ fᵢ, or of y against Π fᵢ.
        let partial = ParametricFormula(
            expression: inner, variables: names, parameterNames: parameterNames, parameterValues: parameterValues)
            .droppingUnusedParameters()
        let values = partial.evaluate(columns: fit.columns)
        var start: Double?
        switch kind {
        case .sum(let transform):
            let residuals = zip(fit.target, values).compactMap { y, v in transform.apply(y).map { $0 - v } }
                .filter(\.isFinite)
            if !residuals.isEmpty { start = residuals.reduce(0, +) / Double(residuals.count) }
        case .product:
            let pairs = zip(fit.target, values).filter { $0.0.isFinite && $0.1.isFinite }
            let squares = pairs.reduce(0) { $0 + $1.1 * $1.1 }
            if squares > 0 { start = pairs.reduce(0) { $0 + $1.0 * $1.1 } / squares }
        }
        guard let start, start.isFinite else { return nil }
        let formula = ParametricFormula(
            expression: expression, variables: names, parameterNames: parameterNames + [thetaName],
            parameterValues: parameterValues + [start]).droppingUnusedParameters()
        return formula.isWellFormed ? formula : nil
    }

    /// The part without its constant terms (sum) or constant factors (product); nil when
    /// nothing of it depends on an input.
    private func stripped(_ part: Expr, variables: Set<String>) -> Expr? {
        let dependsOnInput = { (e: Expr) in !e.freeSymbols.isDisjoint(with: variables) }
        guard dependsOnInput(part) else { return nil }
        switch (kind, part.node) {
        case (.sum, .sum(let terms)): return Expr.sum(terms.filter(dependsOnInput))
        case (.product, .product(let factors)): return Expr.product(factors.filter(dependsOnInput))
        default: return part
        }
    }

    /// T′(y) (`TargetTransform.apply` decides where T is defined).
    static func slope(of transform: TargetTransform, at y: Double) -> Double {
        switch transform {
        case .identity: 1
        case .reciprocal: -1 / (y * y)
        case .square: 2 * y
        case .reciprocalSquare: -2 / (y * y * y)
        case .logarithm: 1 / y
        case .sine: Foundation.cos(y)
        }
    }
}
