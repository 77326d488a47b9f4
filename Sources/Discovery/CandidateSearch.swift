import Foundation
import KAN
import Symbolic

/// A complete candidate formula with its constants refitted, as scored by the search.
public struct ScoredFormula: Sendable {
    /// The formula, its parameters refitted jointly on the training data.
    public var formula: ParametricFormula
    /// RMSE on the training data.
    public var trainRMSE: Double
    /// RMSE on the validation data (held-out split or test table).
    public var validationRMSE: Double
    /// `formula.expression.complexity` (a parameter counts as one constant).
    public var complexity: Int
    /// log₁₀(max(validation RMSE, floor)) + weight·complexity; lower is better.
    public var score: Double
    /// Where it came from: shape, seed and each edge's primitive.
    public var origin: String
    /// Whether it has been through snapping.
    public var isRationalized: Bool = false
    /// The network it was read from (with its edges fixed as in the formula) and its
    /// training, for drawing; nil for formulas that came from elsewhere.
    public var source: FormulaSource?

    /// The formula as printed, when it has been measured in that form (`ScoringData.printed`):
    /// its errors above are then those of this very text.
    public var printed: Expr?

    /// The formula as the Pareto table shows it: `printed`, or else its parameters written as
    /// 6-digit decimals.
    public var expression: Expr { printed ?? formula.substituting(significantDigits: 6) }

    /// `expression` in the plain-text form (`Expr(parsing:)` reads it back).
    public var text: String { expression.description }
}

/// The data candidates are fitted and scored on: `columns[i]` holds variable i of the formulas'
/// `variables` (all of the data's inputs, in order).
struct ScoringData: Sendable {
    var train: FormulaData
    var validation: FormulaData
    /// Errors below this are not distinguished.
    var errorFloor: Double
    var complexityWeight: Double
    /// The joint refit of a candidate's constants (the formula stage's Levenberg–Marquardt).
    var fit = FormulaFit(maximumIterations: 100)
    /// Candidates that cancel or squeeze their arguments on the data are dropped.
    var conditioning = Conditioning()
    /// The conditioning is judged on at most this many training rows (evenly strided).
    static let conditioningRows = 200

    /// log₁₀(max(e, floor)) + weight·complexity.
    func score(validationRMSE: Double, complexity: Int) -> Double {
        let error = validationRMSE.isFinite ? Swift.max(validationRMSE, errorFloor) : .greatestFiniteMagnitude
        return Foundation.log10(error) + complexityWeight * Double(complexity)
    }

    /// The candidate refitted on the training data and scored on the validation data; nil when
    /// it cannot be fitted or is not finite on the data, or `shouldStop` cut the refit short.
    func scored(
        _ formula: ParametricFormula, origin: String, shouldStop: (() -> Bool)? = nil
    ) -> ScoredFormula? {
        guard case .success(let fitted) = fit.fit(formula, to: train, shouldStop: shouldStop),
              let validationRMSE = validation.rmse(of: fitted.formula),
              isWellConditioned(fitted.formula)
        else { return nil }
        let complexity = fitted.formula.expression.complexity
        return ScoredFormula(
            formula: fitted.formula, trainRMSE: fitted.rmse, validationRMSE: validationRMSE,
            complexity: complexity, score: score(validationRMSE: validationRMSE, complexity: complexity),
            origin: origin)
    }

    /// The constant formula y = θ (θ the training mean): the law of a target that does not
    /// depend on the inputs beyond noise, and the baseline every other candidate must beat.
    func constantCandidate(variables: [String]) -> ScoredFormula? {
        let n = train.count
        guard n > 0 else { return nil }
        let mean = train.target.prefix(n).reduce(0, +) / Double(n)
        let formula = ParametricFormula(
            expression: ParametricFormula.parameter(0), variables: variables,
            parameterNames: [ParametricFormula.parameterName(0)], parameterValues: [mean])
        return scored(formula, origin: "constant")
    }

    /// The candidate measured as it will be printed: its text, with the fewest significant
    /// digits (6, 8, …, 17) that keep the validation RMSE within the rationalisation's tolerance
    /// (max(1.1·e, e + floor)), read back by the text parser and evaluated, so that the errors
    /// the front and the report show are those of the printed text. Nil when the text cannot be
    /// read back or evaluated.
    func printed(_ candidate: ScoredFormula) -> ScoredFormula? {
        let error = candidate.validationRMSE
        let allowed = Swift.max(1.1 * error, error + errorFloor)
        var last: (expression: Expr, train: Double, validation: Double)?
        for digits in [6, 8, 10, 12, 14, 17] {
            let text = candidate.formula.substituting(significantDigits: digits).description
            guard let expression = try? Expr(parsing: text),
                  let compiled = try? expression.compile(variables: candidate.formula.variables),
                  let validationRMSE = validation.rmse(predictions: compiled.evaluate(columns: validation.columns)),
                  let trainRMSE = train.rmse(predictions: compiled.evaluate(columns: train.columns))
            else { continue }
            last = (expression, trainRMSE, validationRMSE)
            if validationRMSE <= allowed { break }
        }
        guard let last else { return nil }
        var result = candidate
        result.printed = last.expression
        result.trainRMSE = last.train
        result.validationRMSE = last.validation
        result.complexity = last.expression.complexity
        result.score = score(validationRMSE: last.validation, complexity: result.complexity)
        return result
    }

    /// Whether the formula, with its fitted constants, computes its values stably on the
    /// training rows (`Conditioning`).
    func isWellConditioned(_ formula: ParametricFormula) -> Bool {
        let rows = train.strided(limit: Self.conditioningRows)
        return conditioning.problem(formula.substitutingExactly(), variables: formula.variables, columns: rows.columns) == nil
    }
}

/// The search over combinations of edge candidates.
///
/// pykan fixes each edge to its single best-ranked primitive, and a good local look-alike (a
/// cosine for x² on [−1, 1]) then spoils the whole formula. Here every edge keeps its best few
/// candidates plus the option of being dropped, and complete formulas are compared instead:
///
/// 1. an assignment (one option per edge) fixes the edges, is composed into one formula
///    (`NetworkComposition`), whose constants are refitted jointly (Levenberg–Marquardt on the
///    training data) and scored by validation error plus complexity (`ScoringData.score`);
/// 2. beam search: start from the greedy assignment (every edge its best candidate); visit the
///    edges in order; for each assignment of the beam try every option of the current edge
///    (the others unchanged), and keep the `beamWidth` best-scoring assignments.
///
/// Every assignment evaluated is returned, so the caller's Pareto front sees them all.
/// Deterministic: options are ordered by rank, ties broken by assignment order.
struct CandidateSearch {
    /// The trained, pruned network.
    var network: Network
    /// Per live edge, its ranked candidates.
    var matches: [EdgeMatch]
    var library: FunctionLibrary
    var variables: [String]
    var data: ScoringData
    /// Candidates kept per edge (the zero primitive excluded).
    var candidatesPerEdge: Int
    var beamWidth: Int
    var origin: String

    /// One edge's option: a candidate primitive, or dropping the edge (mask it).
    enum Option {
        case primitive(EdgeMatchCandidate)
        case drop

        var label: String {
            switch self {
            case .primitive(let candidate): candidate.name
            case .drop: "-"
            }
        }
    }

    var options: [[Option]] {
        matches.map { match in
            let real = match.candidates.filter { $0.primitive.numeric.degeneracy != .zero }
            return real.prefix(candidatesPerEdge).map { Option.primitive($0) } + [.drop]
        }
    }

    /// Every assignment evaluated, with its score.
    func run(shouldStop: () -> Bool) -> [ScoredFormula] {
        let options = self.options
        guard !options.isEmpty else { return [] }
        var evaluated: [[Int]: ScoredFormula?] = [:]
        func evaluate(_ assignment: [Int]) -> ScoredFormula? {
            if let known = evaluated[assignment] { return known }
            let result = formula(for: assignment, options: options)
            evaluated[assignment] = result
            return result
        }
        var beam: [[Int]] = [[Int](repeating: 0, count: options.count)]
        _ = evaluate(beam[0])
        for e in options.indices {
            if shouldStop() { break }
            var next: [[Int]] = []
            for assignment in beam {
                for k in options[e].indices {
                    var trial = assignment
                    trial[e] = k
                    if !next.contains(trial) { next.append(trial) }
                }
            }
            // Each evaluation refits a formula, so Ctrl-C is honoured between them too.
            for trial in next where !shouldStop() { _ = evaluate(trial) }
            next.sort { x, y in
                let sx = evaluated[x].flatMap { $0?.score } ?? .infinity
                let sy = evaluated[y].flatMap { $0?.score } ?? .infinity
                if sx != sy { return sx < sy }
                return x.lexicographicallyPrecedes(y)
            }
            beam = Array(next.prefix(Swift.max(beamWidth, 1)))
        }
        return evaluated.keys.sorted { $0.lexicographicallyPrecedes($1) }.compactMap { evaluated[$0] ?? nil }
    }

    /// The scored formula of one assignment, or nil if it cannot be composed or fitted.
    func formula(for assignment: [Int], options: [[Option]]) -> ScoredFormula? {
        var net = network
        var labels: [String] = []
        for (e, k) in assignment.enumerated() {
            let edge = matches[e].edge
            let option = options[e][k]
            labels.append(option.label)
            switch option {
            case .primitive(let candidate):
                guard (try? net.fix(edge, to: candidate)) != nil else { return nil }
            case .drop:
                guard (try? net.setEdgeActive(layer: edge.layer, input: edge.input, output: edge.output, false)) != nil
                else { return nil }
            }
        }
        guard let formula = try? NetworkComposition.formulas(net, library: library, variables: variables).first
        else { return nil }
        var scored = data.scored(formula, origin: "\(origin) [\(labels.joined(separator: ", "))]")
        scored?.source = FormulaSource(fixed: net)
        return scored
    }
}
