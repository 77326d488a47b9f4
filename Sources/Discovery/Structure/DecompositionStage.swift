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

    /// Each decomposition solved in turn, within `budget` seconds in all, until one gives a
    /// formula `isSolved` accepts; the lifted formulas, scored by `scoring`.
    func run(
        budget: Double, scoring: ScoringData, isSolved: (ScoredFormula) -> Bool,
        progress: (@Sendable (DiscoverProgress) -> Void)?, shouldStop: @escaping @Sendable () -> Bool,
        report: @Sendable (String) -> Void
    ) -> [ScoredFormula] {
        let start = DispatchTime.now().uptimeNanoseconds
        let elapsed = { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        report("testing the structure on a surrogate network")
        guard let gradients = SurrogateNetwork().gradients(
            fit: fit, validation: validation, seed: options.seeds.first ?? 0, shouldStop: shouldStop)
        else { return [] }
        let proposals = decompositions(gradients)
        var found: [ScoredFormula] = []
        for (index, decomposition) in proposals.enumerated() {
            let left = budget - elapsed()
            guard !shouldStop(), left > 0 else { break }
            // An equal share of what is left for each proposal still to try.
            let share = left / Double(proposals.count - index)
            guard let reducedFit = decomposition.reduce(fit, variables: names),
                  let reducedValidation = decomposition.reduce(validation, variables: names)
            else { continue }
            report("decomposing: \(decomposition.summary)")
            var reducedOptions = options
            reducedOptions.timeBudget = share
            let prefix = "[\(decomposition.summary)] "
            let result = try? discover(
                train: (columns: reducedFit.columns, names: decomposition.names, target: reducedFit.target),
                test: (columns: reducedValidation.columns, target: reducedValidation.target),
                library: library, options: reducedOptions,
                progress: progress.map { forward in
                    { @Sendable message in forward(DiscoverProgress(message: prefix + message.message, seconds: message.seconds)) }
                },
                shouldStop: shouldStop)
            guard let result else { continue }
            let best = ScoredFormula.promising(
                result.candidates, count: liftedCount, errorFloor: 0)
            let lifted = best.compactMap { candidate in
                scoring.scored(
                    decomposition.lift(candidate.formula, variables: names),
                    origin: "decomposition \(decomposition.summary): \(candidate.origin)", shouldStop: shouldStop)
            }
            found += lifted
            if lifted.contains(where: isSolved) { break }
        }
        return found
    }
}
