import Foundation
import Symbolic

/// What the structure tests say of a table: the public face of `Sources/Discovery/Structure`,
/// for the KanLang builtin `structure` and for users who want the oracle without the search.
///
///     let report = StructureReport.analyse(columns: [x1, x2, x3], names: ["x1", "x2", "x3"], target: y)
///     report?.merges        // ["x2 - x3"]: y depends on x2 and x3 only through x2 − x3
///     report?.reduction     // "x1*F(u), u = x2*x3": one input after dividing by x1
public struct StructureReport: Sendable {
    /// The surrogate networks' RMS error on the held-out rows (on log|y| when learned so).
    public var surrogateRMSE: Double
    /// Groups of an additive split y = g(x_A) + h(x_B) + …; one group when there is none.
    public var additive: [[String]]
    /// Groups of a multiplicative split y = g(x_A)·h(x_B)·…; one group when there is none.
    public var multiplicative: [[String]]
    /// Groups of y = F(g(x_A) + h(x_B) + …) with an unknown one-dimensional outer function F
    /// (`OuterSeparability`); one group when there is none (or more than 12 inputs).
    public var outer: [[String]]
    /// The usual transforms T of the target (`y`, `1/y`, `y^2`, `1/y^2`, `log(y)`, `sin(y)`)
    /// for which T(y) is a sum over the `outer` groups; empty with one group.
    public var transforms: [String]
    /// Pairs that enter only through one combination, clearest first: `x2 - x3`, `x1*x2`.
    public var merges: [Expr]
    /// y = P·F(m) with monomials P and m, as text ("x1*F(u), u = x2*x3/x4"), or nil.
    public var reduction: String?

    /// The tests on a surrogate pair trained on every 5th row held out (as `discover` does);
    /// nil when the table is too small or the training fails or is stopped.
    public static func analyse(
        columns: [[Double]], names: [String], target: [Double], seed: UInt64 = 0,
        shouldStop: @escaping @Sendable () -> Bool = { false }
    ) -> StructureReport? {
        guard columns.count == names.count, !columns.isEmpty,
              columns.allSatisfy({ $0.count == target.count }), target.count >= 10
        else { return nil }
        let split = DiscoverData.split(FormulaData(columns: columns, target: target), test: nil, stride: 5)
        guard let pair = SurrogateNetwork().members(
            fit: split.fit, validation: split.validation, seed: seed, hessians: true, shouldStop: shouldStop),
            let separability = Separability(columns: pair.columns, members: pair.members)
        else { return nil }
        let gradients = InputGradients(columns: pair.columns, members: pair.members)
        let outer = OuterSeparability(members: pair.members)
        let named = { (groups: [[Int]]) in groups.map { $0.map { names[$0] } } }
        let reduction = MonomialReduction.detect(gradients).map { reduction -> String in
            let decomposition = Decomposition.reducing(reduction, names: names)
            return decomposition.summary
        }
        return StructureReport(
            surrogateRMSE: gradients.error, additive: named(separability.additive),
            multiplicative: named(separability.multiplicative),
            outer: named(outer?.groups ?? [Array(names.indices)]),
            transforms: DecompositionStage.splits(
                separability: nil, outer: outer, members: pair.members,
                data: FormulaData(columns: pair.columns, target: pair.members[0].values)
            ).compactMap { split in
                if case .sum(let transform) = split.kind { return transform.label("y") }
                return nil
            },
            merges: StructureTests.merges(gradients).map { $0.merge.expression(names: names) },
            reduction: reduction)
    }
}
