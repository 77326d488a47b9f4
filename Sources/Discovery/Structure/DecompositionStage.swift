import Dispatch
import Foundation
import Symbolic

/// Recursive decomposition (AI Feynman's divide and conquer, with a KAN as the surrogate): a
/// network fitted to the data is differentiated at the data's points, the structure tests
/// propose smaller problems (`MonomialReduction`, `VariableMerge`), and each is solved by the
/// whole pipeline — direct stages, its own decomposition, networks — on data built from the
/// original rows. Its formulas come back over the original inputs, refitted and scored on the
/// original data like any candidate.
///
/// Depth and branching are bounded by time alone: every reduced problem has fewer inputs, so
/// the recursion ends at one input, and each is given a share of the time that is left.
struct DecompositionStage {
    var names: [String]
    var fit: FormulaData
    var validation: FormulaData
    var library: FunctionLibrary
    var options: DiscoverOptions
    /// How many of a reduced problem's best formulas come back.
    var liftedCount = 8

    /// A smaller problem to try: a reduction built from the data (merged inputs, one
    /// monomial argument), or a split whose parts the surrogate's values define.
    enum Proposal: Sendable {
        case reduction(Decomposition)
        case split(SurrogateSplit)
    }

    /// The reductions the surrogate's gradients propose, the most reducing first: to one input,
    /// then every disjoint merge at once, then each merge alone (when there are several).
    func decompositions(_ gradients: InputGradients) -> [Decomposition] {
        var result: [Decomposition] = []
        if let reduction = MonomialReduction.detect(gradients) {
            result.append(.reducing(reduction, names: names))
        }
        let passed = StructureTests.merges(gradients)
        let disjoint = StructureTests.disjoint(passed)
        if !disjoint.isEmpty { result.append(.merging(disjoint, names: names)) }
        if disjoint.count > 1 {
            for merge in disjoint { result.append(.merging([merge], names: names)) }
        }
        return result
    }

    /// The splits the surrogate supports, after the reductions (whose data are the table's
    /// own): a product over the multiplicative groups, then a sum of T(y) over the outer
    /// function's groups for each usual transform T, each kept when it holds on the
    /// surrogate's values (`SurrogateSplit.holds`; the logarithm only without a product
    /// split: it is the same split on another scale). None when the surrogate cannot read the
    /// inputs' interactions (`Separability.cannotRead`).
    static func splits(
        separability: Separability?, outer: OuterSeparability?, members: [SurrogateNetwork.Member],
        data: FormulaData
    ) -> [SurrogateSplit] {
        if let separability, separability.cannotRead(InputGradients(columns: data.columns, members: members)) {
            return []
        }
        var candidates: [SurrogateSplit] = []
        if let groups = separability?.multiplicative, groups.count > 1 {
            candidates.append(SurrogateSplit(kind: .product, groups: groups))
        }
        if let groups = outer?.groups, groups.count > 1 {
            let hasProduct = !candidates.isEmpty
            for transform in TargetTransform.allCases where !(transform == .logarithm && hasProduct) {
                candidates.append(SurrogateSplit(kind: .sum(transform), groups: groups))
            }
        }
        let reference = SurrogateSplit.reference(data)
        return candidates.filter { $0.holds(members: members, data: data, reference: reference) }
    }

    /// Each decomposition solved in turn, within `budget` seconds in all, until `isSolved`
    /// accepts the formulas one gives (one of them ends the search); the lifted formulas,
    /// scored by `scoring`.
    func run(
        budget: Double, scoring: ScoringData, isSolved: ([ScoredFormula]) -> Bool,
        progress: (@Sendable (DiscoverProgress) -> Void)?, shouldStop: @escaping @Sendable () -> Bool,
        report: @Sendable (String) -> Void
    ) -> [ScoredFormula] {
        let start = DispatchTime.now().uptimeNanoseconds
        let elapsed = { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        report("testing the structure on a surrogate network")
        guard let pair = SurrogateNetwork().members(
            fit: fit, validation: validation, seed: options.seeds.first ?? 0, hessians: true, shouldStop: shouldStop)
        else { return [] }
        let gradients = InputGradients(columns: pair.columns, members: pair.members)
        let proposals = decompositions(gradients).map(Proposal.reduction)
            + Self.splits(
                separability: Separability(columns: pair.columns, members: pair.members),
                outer: OuterSeparability(members: pair.members), members: pair.members,
                data: FormulaData(columns: pair.columns, target: pair.members[0].values)).map(Proposal.split)
        var found: [ScoredFormula] = []
        for (index, proposal) in proposals.enumerated() {
            let left = budget - elapsed()
            guard !shouldStop(), left > 0 else { break }
            // An equal share of what is left for each reduction still to try, before any split
            // (a reduction's data are the table's own, a split's parts' the surrogate's: a
            // six-input law whose reduction is solved with the whole share must not lose half of
            // it to splits); the splits share what the reductions leave.
            let remaining = proposals[index...]
            let splitsLeft = remaining.filter { if case .split = $0 { true } else { false } }.count
            let share = left / Double(splitsLeft == remaining.count ? splitsLeft : remaining.count - splitsLeft)
            let lifted: [ScoredFormula]
            switch proposal {
            case .reduction(let decomposition):
                lifted = solve(
                    decomposition, budget: share, scoring: scoring, progress: progress, shouldStop: shouldStop,
                    report: report)
            case .split(let split):
                lifted = solve(
                    split, members: pair.members, budget: share, scoring: scoring, progress: progress,
                    shouldStop: shouldStop, report: report)
            }
            found += lifted
            if isSolved(lifted) { break }
        }
        return found
    }

    /// A reduced problem solved by the whole pipeline, its best formulas lifted to the original
    /// inputs and scored there.
    private func solve(
        _ decomposition: Decomposition, budget: Double, scoring: ScoringData,
        progress: (@Sendable (DiscoverProgress) -> Void)?, shouldStop: @escaping @Sendable () -> Bool,
        report: @Sendable (String) -> Void
    ) -> [ScoredFormula] {
        guard let reducedFit = decomposition.reduce(fit, variables: names),
              let reducedValidation = decomposition.reduce(validation, variables: names)
        else { return [] }
        report("decomposing: \(decomposition.summary)")
        let best = solveSmaller(
            fit: reducedFit, validation: reducedValidation, names: decomposition.names, budget: budget,
            prefix: decomposition.summary, progress: progress, shouldStop: shouldStop)
        return best.compactMap { candidate in
            scoring.scored(
                decomposition.lift(candidate.formula, variables: names),
                origin: "decomposition \(decomposition.summary): \(candidate.origin)", shouldStop: shouldStop)
        }
    }

    /// How many formulas of each part of a split are recombined (the best of each), and how
    /// many combinations are refitted, the best by their parts' ranks first.
    static let partsPerGroup = 3
    static let combinationCount = 9

    /// Each part of a split solved by the whole pipeline on the surrogate's data, within an
    /// equal share of `budget`; combinations of the parts' best formulas refitted and scored
    /// on the original data.
    private func solve(
        _ split: SurrogateSplit, members: [SurrogateNetwork.Member], budget: Double, scoring: ScoringData,
        progress: (@Sendable (DiscoverProgress) -> Void)?, shouldStop: @escaping @Sendable () -> Bool,
        report: @Sendable (String) -> Void
    ) -> [ScoredFormula] {
        let summary = split.summary(names: names)
        let reference = SurrogateSplit.reference(fit)
        report("splitting: \(summary)")
        let start = DispatchTime.now().uptimeNanoseconds
        var parts: [[ScoredFormula]] = []
        for index in split.groups.indices {
            let spent = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let share = (budget - spent) / Double(split.groups.count - index)
            guard !shouldStop(), share > 0,
                  let partFit = split.subproblem(index, data: fit, reference: reference, members: members),
                  let partValidation = split.subproblem(index, data: validation, reference: reference, members: members)
            else { return [] }
            let partNames = split.groups[index].map { names[$0] }
            let best = solveSmaller(
                fit: partFit, validation: partValidation, names: partNames, budget: share,
                prefix: "\(summary): f(\(partNames.joined(separator: ", ")))", progress: progress,
                shouldStop: shouldStop)
            guard !best.isEmpty else { return [] }
            parts.append(Array(best.prefix(Self.partsPerGroup)))
        }
        return Self.combinations(ranks: parts.map(\.count), limit: Self.combinationCount).compactMap { choice in
            guard !shouldStop(),
                  let combined = split.combine(
                    zip(parts, choice).map { $0[$1].formula }, names: names, fit: fit)
            else { return nil }
            let origins = zip(parts, choice).map { $0[$1].origin }.joined(separator: "; ")
            return scoring.scored(combined, origin: "split \(summary): \(origins)", shouldStop: shouldStop)
        }
    }

    /// Choices of one index per group (each below its count), the smallest sum of indices
    /// first (ties in order of enumeration), at most `limit` of them.
    static func combinations(ranks counts: [Int], limit: Int) -> [[Int]] {
        guard !counts.isEmpty, counts.allSatisfy({ $0 > 0 }) else { return [] }
        var all: [[Int]] = [[]]
        for count in counts {
            all = all.flatMap { prefix in (0..<count).map { prefix + [$0] } }
            // Only the smallest sums can be among the first `limit`.
            all.sort { $0.reduce(0, +) < $1.reduce(0, +) }
            if all.count > limit { all.removeLast(all.count - limit) }
        }
        return all
    }

    /// A smaller problem solved by the whole pipeline in `budget` seconds: its best formulas
    /// (`liftedCount`), over its own inputs.
    private func solveSmaller(
        fit: FormulaData, validation: FormulaData, names smallerNames: [String], budget: Double, prefix: String,
        progress: (@Sendable (DiscoverProgress) -> Void)?, shouldStop: @escaping @Sendable () -> Bool
    ) -> [ScoredFormula] {
        var smallerOptions = options
        smallerOptions.timeBudget = budget
        let label = "[\(prefix)] "
        guard let result = try? discover(
            train: (columns: fit.columns, names: smallerNames, target: fit.target),
            test: (columns: validation.columns, target: validation.target),
            library: library, options: smallerOptions,
            progress: progress.map { forward in
                { @Sendable message in forward(DiscoverProgress(message: label + message.message, seconds: message.seconds)) }
            },
            shouldStop: shouldStop)
        else { return [] }
        return ScoredFormula.promising(result.candidates, count: liftedCount, errorFloor: 0)
    }
}
