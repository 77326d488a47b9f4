import Exact
import Foundation
import KAN
import Symbolic

/// Why a network could not be composed into formulas.
public enum CompositionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A live edge is still a spline: fix it (or prune it) first.
    case splineEdge(EdgeLocation)
    /// A symbolic edge's function is not in the library.
    case unknownFunction(name: String, edge: EdgeLocation)
    /// Fewer variable names than the network's original inputs.
    case missingVariableNames(expected: Int, got: Int)

    public var description: String {
        switch self {
        case .splineEdge(let edge): "edge \(edge) is still a spline; fix it symbolically or prune it first"
        case .unknownFunction(let name, let edge): "edge \(edge) uses '\(name)', which is not in the library"
        case .missingVariableNames(let expected, let got): "the network needs \(expected) variable names, got \(got)"
        }
    }
}

/// The formulas of a network whose live edges are all symbolic: one `ParametricFormula` per
/// output, over the data's variable names, with the edges' constants as parameters.
///
///     let formulas = try NetworkComposition.formulas(network, library: .standard, variables: ["x", "y"])
///     formulas[0].expression     // θ0·exp(θ1·sin(θ2·x + θ3) + θ4·(y + θ5)^2) + θ6
///
/// Each node's value is kept as a linear combination N = Σ w_k·g_k + K of composed terms g_k
/// (a data variable, c·f(…) of an edge, a product of a multiplication node) so that constants
/// fold as they are composed instead of piling up:
/// - an edge c·f(a·N + b) + d gives f's argument Σ (a·w_k)·g_k + (a·K + b): one parameter per
///   term and one offset, not a, b and every inner w and K;
/// - f's degeneracy removes what is redundant: for f = x the edge is the line c·N + d merged into
///   the node; for exp the offset moves into c (b = 0); for homogeneous f (powers, sqrt, abs)
///   and log the first coefficient becomes ±1 (its scale moves into c, resp. d);
/// - a sum node adds its incoming edges (terms with the same g merge, constants add); a
///   multiplication node multiplies its factors, each made monic (first coefficient 1) with the
///   leading coefficients collected into one scale.
/// Exact ±1 and 0 coefficients of data variables stay numbers; everything fitted becomes a
/// parameter `θn` (allocated in the order met: layer by layer, edge by edge) whose value is
/// the network's. Pruned inputs do not appear; masked edges contribute nothing.
public enum NetworkComposition {
    /// The formulas of every output of `network`.
    ///
    /// - Parameters:
    ///   - variables: the names of the network's *original* inputs (before pruning), in order;
    ///     they become the formulas' `variables`.
    public static func formulas(
        _ network: Network, library: FunctionLibrary, variables: [String]
    ) throws -> [ParametricFormula] {
        let needed = (network.inputIndices.max() ?? -1) + 1
        guard variables.count >= needed else {
            throw CompositionError.missingVariableNames(expected: needed, got: variables.count)
        }
        var parameters = ParameterAllocator()
        var level: [LinearCombination] = network.inputIndices.map { .variable(variables[$0]) }
        for (l, layer) in network.layers.enumerated() {
            var subnodes = [LinearCombination](repeating: .zero, count: layer.subnodeCount)
            for i in 0..<layer.inputCount {
                for j in 0..<layer.subnodeCount {
                    let edge = EdgeLocation(layer: l, input: i, output: j)
                    guard try network.isEdgeActive(layer: l, input: i, output: j) else { continue }
                    guard let symbolic = try network.symbolicEdge(layer: l, input: i, output: j) else {
                        throw CompositionError.splineEdge(edge)
                    }
                    guard let primitive = library[symbolic.function.name] else {
                        throw CompositionError.unknownFunction(name: symbolic.function.name, edge: edge)
                    }
                    let contribution = compose(
                        primitive, a: symbolic.a, b: symbolic.b, c: symbolic.c, d: symbolic.d,
                        input: level[i], parameters: &parameters)
                    subnodes[j].add(contribution)
                }
            }
            var next = Array(subnodes[0..<layer.sumCount])
            for m in 0..<layer.multCount {
                let start = layer.sumCount + m * layer.arity
                next.append(product(Array(subnodes[start..<(start + layer.arity)]), parameters: &parameters))
            }
            level = next
        }
        return level.map { output in
            let expression = output.materialized(parameters: &parameters)
            return ParametricFormula(
                expression: expression, variables: variables,
                parameterNames: parameters.names, parameterValues: parameters.values
            ).renumberedUsedParameters()
        }
    }

    /// c·f(a·N + b) + d as a linear combination.
    static func compose(
        _ primitive: Primitive, a: Double, b: Double, c: Double, d: Double,
        input: LinearCombination, parameters: inout ParameterAllocator
    ) -> LinearCombination {
        switch primitive.numeric.degeneracy {
        case .zero:
            return LinearCombination(terms: [], constant: .fitted(d))
        case .identity:
            // c·(a·N + b) + d = (c·a)·N + (c·b + d).
            var line = input.scaled(by: c * a)
            line.constant = line.constant.adding(c * b + d)
            return line
        default:
            break
        }
        var argument = input.scaled(by: a)
        argument.constant = argument.constant.adding(b)
        var outerScale = c, outerOffset = d
        switch primitive.numeric.degeneracy {
        case .exponential:
            // exp(u + s) = eˢ·exp(u).
            if case .fitted(let s) = argument.constant { outerScale *= Foundation.exp(s) }
            argument.constant = .exact(0)
        case .homogeneous(let degree):
            // f(λ·u) = λᵏ·f(u), λ > 0: make the first coefficient ±1.
            if let scale = argument.leadingMagnitude, scale > 0 {
                argument = argument.scaled(by: 1 / scale).withLeadingSign()
                outerScale *= Foundation.pow(scale, degree)
            }
        case .logarithmic:
            // log(λ·u) = log λ + log u, λ > 0.
            if let scale = argument.leadingMagnitude, scale > 0 {
                argument = argument.scaled(by: 1 / scale).withLeadingSign()
                outerOffset += outerScale * Foundation.log(scale)
            }
        default:
            break
        }
        let term = primitive.applied(to: argument.materialized(parameters: &parameters))
        return LinearCombination(terms: [(.fitted(outerScale), term)], constant: .fitted(outerOffset))
    }

    /// A multiplication node: Π N_r = s·Π (N_r / w_r1), each factor made monic.
    static func product(
        _ factors: [LinearCombination], parameters: inout ParameterAllocator
    ) -> LinearCombination {
        var scale = 1.0
        var monic: [Expr] = []
        for factor in factors {
            if factor.terms.isEmpty {
                scale *= factor.constant.value
                continue
            }
            let lead = factor.terms[0].coefficient.value
            guard lead != 0 else { return .zero }
            scale *= lead
            monic.append(factor.scaled(by: 1 / lead).withLeadingExact().materialized(parameters: &parameters))
        }
        if monic.isEmpty { return LinearCombination(terms: [], constant: .fitted(scale)) }
        return LinearCombination(terms: [(.fitted(scale), Expr.product(monic))], constant: .exact(0))
    }
}

/// A coefficient while composing: an exact number that stays in the formula, or a fitted
/// value that becomes a parameter.
enum CompositionCoefficient {
    case exact(Int)
    case fitted(Double)

    var value: Double {
        switch self {
        case .exact(let n): Double(n)
        case .fitted(let v): v
        }
    }

    func scaled(by factor: Double) -> CompositionCoefficient {
        if case .exact(0) = self { return self }
        return .fitted(value * factor)
    }

    func adding(_ other: Double) -> CompositionCoefficient {
        if case .exact(0) = self, other == 0 { return self }
        return .fitted(value + other)
    }
}

/// Σ w_k·g_k + K with composed terms g_k.
struct LinearCombination {
    var terms: [(coefficient: CompositionCoefficient, term: Expr)]
    var constant: CompositionCoefficient

    static let zero = LinearCombination(terms: [], constant: .exact(0))

    static func variable(_ name: String) -> LinearCombination {
        LinearCombination(terms: [(.exact(1), .symbol(name))], constant: .exact(0))
    }

    /// Adds another combination: like terms merge, constants add.
    mutating func add(_ other: LinearCombination) {
        for (coefficient, term) in other.terms {
            if let index = terms.firstIndex(where: { $0.term == term }) {
                terms[index].coefficient = .fitted(terms[index].coefficient.value + coefficient.value)
            } else {
                terms.append((coefficient, term))
            }
        }
        switch (constant, other.constant) {
        case (.exact(0), let c), (let c, .exact(0)): constant = c
        default: constant = .fitted(constant.value + other.constant.value)
        }
    }

    func scaled(by factor: Double) -> LinearCombination {
        LinearCombination(
            terms: terms.map { ($0.coefficient.scaled(by: factor), $0.term) },
            constant: constant.scaled(by: factor))
    }

    /// |w_1|, the magnitude of the first coefficient.
    var leadingMagnitude: Double? { terms.first.map { Swift.abs($0.coefficient.value) } }

    /// The first coefficient (±1 after normalisation) made exact.
    func withLeadingSign() -> LinearCombination {
        guard let first = terms.first else { return self }
        var copy = self
        copy.terms[0].coefficient = .exact(first.coefficient.value < 0 ? -1 : 1)
        return copy
    }

    /// The first coefficient (1 after normalisation) made exact.
    func withLeadingExact() -> LinearCombination {
        guard !terms.isEmpty else { return self }
        var copy = self
        copy.terms[0].coefficient = .exact(1)
        return copy
    }

    /// The expression, fitted coefficients becoming new parameters.
    func materialized(parameters: inout ParameterAllocator) -> Expr {
        var parts: [Expr] = []
        for (coefficient, term) in terms {
            switch coefficient {
            case .exact(0): continue
            case .exact(let n): parts.append(Expr(n) * term)
            case .fitted(let v): parts.append(parameters.next(v) * term)
            }
        }
        switch constant {
        case .exact(0): break
        case .exact(let n): parts.append(Expr(n))
        case .fitted(let v): parts.append(parameters.next(v))
        }
        return Expr.sum(parts)
    }
}

/// Hands out parameter symbols θ0, θ1, … and records their values.
struct ParameterAllocator {
    var names: [String] = []
    var values: [Double] = []

    mutating func next(_ value: Double) -> Expr {
        let name = ParametricFormula.parameterName(names.count)
        names.append(name)
        values.append(value)
        return .symbol(name)
    }
}

extension ParametricFormula {
    /// The formula with only the parameters its expression mentions, renumbered θ0, θ1, … in
    /// their original order.
    func renumberedUsedParameters() -> ParametricFormula {
        let used = expression.freeSymbols
        var renames: [String: Expr] = [:]
        var names: [String] = [], values: [Double] = []
        for (name, value) in zip(parameterNames, parameterValues) where used.contains(name) {
            let fresh = ParametricFormula.parameterName(names.count)
            if fresh != name { renames[name] = .symbol(fresh) }
            names.append(fresh)
            values.append(value)
        }
        let renamed = renames.isEmpty ? expression : expression.substituting(renames)
        return ParametricFormula(expression: renamed, variables: variables, parameterNames: names, parameterValues: values)
    }
}
