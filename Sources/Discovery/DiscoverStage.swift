import Foundation

/// The stages of `discover` a user can switch, in the order they run. The choice from the
/// Pareto front always runs: it is how a result is chosen.
///
///     kan discover data.csv --stages networks,decomposition,rationalisation
///
/// measures the KAN path alone: no power law, sparse sum or ratio is fitted, in the problem
/// or in the smaller problems the decomposition solves.
public enum DiscoverStage: String, CaseIterable, Sendable, Hashable, Comparable {
    /// C·Π xᵢ^pᵢ fitted in log space (`PowerLawSearch`).
    case powerLaws = "power-laws"
    /// Sparse sums of dictionary terms after a transform of the target (`SparseTermSearch`).
    case sparseSums = "sparse-sums"
    /// Ratios of sparse sums (`SparseRationalSearch`).
    case ratios
    /// Structure tests on a surrogate network and recursive solving of the smaller problems
    /// they propose (`DecompositionStage`).
    case decomposition
    /// Networks trained, pruned, matched and searched, then the anytime rounds (`DiscoverJob`,
    /// `AnytimeSchedule`).
    case networks
    /// Constants snapped to p/q and p/q·π and the result simplified exactly (`Rationalization`).
    case rationalisation

    /// The stages of a comma-separated list of names (`selection`, which always runs, is
    /// accepted and ignored); throws a message naming the unknown entry and the known names.
    public static func parse(_ list: String) throws(DiscoverError) -> Set<DiscoverStage> {
        var stages: Set<DiscoverStage> = []
        for entry in list.split(separator: ",", omittingEmptySubsequences: false) {
            let name = entry.trimmingCharacters(in: .whitespaces).lowercased()
            if name == "selection" { continue }
            if name == "rationalization" { stages.insert(.rationalisation); continue }
            guard let stage = DiscoverStage(rawValue: name) else {
                throw DiscoverError.invalidOptions(
                    "unknown stage '\(entry)'; the stages are \(allNames.joined(separator: ", ")) and selection")
            }
            stages.insert(stage)
        }
        return stages
    }

    /// Every stage's name, in pipeline order.
    public static var allNames: [String] { allCases.map(\.rawValue) }

    public static func < (lhs: DiscoverStage, rhs: DiscoverStage) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
