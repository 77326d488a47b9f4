import Discovery
import Foundation
import KAN
import Symbolic
import Testing

/// Interaction strengths and separability trees read from networks that compute known laws
/// exactly (compiled from their formulas), so the Hessians are the laws' own.
@Suite struct FeatureInteractionTests {
    let x = Expr.symbol("x"), y = Expr.symbol("y"), z = Expr.symbol("z")

    func interaction(_ formula: Expr, _ variables: [String], range: ClosedRange<Double> = -0.9...0.9) throws -> FeatureInteraction {
        let network = try Network(formula: formula, variables: variables, library: .standard)
        // Seeded: the measures are read from these samples, so a run is repeatable.
        var generator = SeededGenerator(seed: 11)
        let rows = (0..<200).flatMap { _ in variables.map { _ in Double.random(in: range, using: &generator) } }
        let samples = try Dataset(rows: rows, inputCount: variables.count)
        return try FeatureInteraction(network: network, samples: samples)
    }

    @Test func sumsDoNotInteract() throws {
        let sum = try interaction(pow(x, 2) + .sin(y), ["x", "y"])
        #expect(sum.additive[0][1] < 1e-9)
        let product = try interaction(x * y, ["x", "y"])
        #expect(product.additive[0][1] > 0.5)
        #expect(product.multiplicative[0][1] < 1e-9)
        let wave = try interaction(.sin(x + y), ["x", "y"])
        // sin(x + y)'s mixed partial is as large as its curvatures (0.5–0.7 on 200 samples):
        // far from the 1e-9 of a sum, however the samples fall.
        #expect(wave.additive[0][1] > 0.2 && wave.multiplicative[0][1] > 0.1)
    }

    @Test func treesNestProductsAndSums() throws {
        let names = ["x", "y", "z"]
        let product = try interaction(pow(x + y, 2) * z, names)
        let tree = SeparabilityTree(product, threshold: 0.1)
        #expect(tree == .product([.leaf([0, 1]), .leaf([2])]), "\(tree)")
        #expect(tree.text(names: names) == "f(x, y) * z")
        // exp(sin(x) + y^2) = exp(sin(x))·exp(y^2): a product, flattened.
        let paper = try interaction(.exp(.sin(x) + pow(y, 2)) * z, names)
        #expect(SeparabilityTree(paper, threshold: 0.1) == .product([.leaf([0]), .leaf([1]), .leaf([2])]))
        let nested = try interaction((pow(x, 2) + .sin(y)) * .exp(z), names)
        #expect(SeparabilityTree(nested, threshold: 0.1) == .product([.sum([.leaf([0]), .leaf([1])]), .leaf([2])]))
        #expect(SeparabilityTree(nested, threshold: 0.1).text(names: names) == "(x + y) * z")
        let sum = try interaction(x * y + z, names)
        #expect(SeparabilityTree(sum, threshold: 0.1) == .sum([.leaf([0, 1]), .leaf([2])]))
        let whole = try interaction(.sin(x + y + z), names)
        #expect(SeparabilityTree(whole, threshold: 0.1) == .leaf([0, 1, 2]))
    }
}
