import Discovery
import Exact
import Foundation
@testable import KAN
import Symbolic
import Testing

@Suite struct NetworkCompositionTests {
    let x1 = Expr.symbol("x1"), x2 = Expr.symbol("x2")

    /// The formula with every parameter replaced by its (exactly representable) value.
    func exact(_ formula: ParametricFormula) throws -> Expr {
        var replacements: [String: Expr] = [:]
        for (name, value) in zip(formula.parameterNames, formula.parameterValues) {
            replacements[name] = Expr(try #require(Rational(exactly: value)))
        }
        return formula.expression.substituting(replacements).simplified()
    }

    func symbolic(_ network: inout Network, _ l: Int, _ i: Int, _ j: Int, _ name: String,
                  _ a: Double, _ b: Double, _ c: Double, _ d: Double) throws {
        let primitive = try #require(FunctionLibrary.standard[name])
        try network.setSymbolic(layer: l, input: i, output: j, function: primitive.symbolicFunction,
                                a: a, b: b, c: c, d: d)
    }

    @Test func helloShapeComposesWithFoldedConstants() throws {
        var network = try Network(shape: [2, 1, 1], seed: 0)
        try symbolic(&network, 0, 0, 0, "sin", 2, 0, 1, 0.5)
        try symbolic(&network, 0, 1, 0, "x^2", 1, 0, 1, -0.5)
        try symbolic(&network, 1, 0, 0, "exp", 1, 0, 1, 0)
        let formulas = try NetworkComposition.formulas(network, library: .standard, variables: ["x1", "x2"])
        #expect(formulas.count == 1)
        let formula = formulas[0]
        // θ3·exp(θ2·x2^2 + θ1·sin(θ0·x1)) + θ4: the offsets 0.5 and −0.5 fold into one, which
        // exp moves into its scale; the exact zero offsets of sin and x² stay exact.
        #expect(formula.parameterCount == 5, "\(formula.expression)")
        #expect(try exact(formula) == Expr.exp(Expr.sin(2 * x1) + x2 * x2))
        for point in [[0.3, -0.7], [-0.9, 0.1]] {
            let expected = try network.evaluate(point)[0]
            var values: [String: Double] = ["x1": point[0], "x2": point[1]]
            for (name, value) in zip(formula.parameterNames, formula.parameterValues) { values[name] = value }
            #expect(abs(formula.expression.evaluate(values) - expected) < 1e-12)
        }
    }

    @Test func productNodeAndPrunedInput() throws {
        var network = try Network(shape: [3, LayerWidth(sum: 0, mult: 1), 1], seed: 0)
        // x1 → first factor, x3 → second factor; x2 has no live edge; the cross edges are masked.
        try symbolic(&network, 0, 0, 0, "x", 2, 0, 1, 0)
        try symbolic(&network, 0, 2, 1, "x", 1, 0, 3, 0)
        for (i, j) in [(0, 1), (1, 0), (1, 1), (2, 0)] { try network.setEdgeActive(layer: 0, input: i, output: j, false) }
        try symbolic(&network, 1, 0, 0, "x", 1, 0, 1, 0)
        let pruned = network.subnetwork(keepingNodes: [[0, 2], [0], [0]])
        let formula = try #require(try NetworkComposition.formulas(pruned, library: .standard, variables: ["x1", "x2", "x3"]).first)
        #expect(try exact(formula) == 6 * x1 * Expr.symbol("x3"))
        #expect(!formula.expression.contains(symbol: "x2"))
        #expect(formula.variables == ["x1", "x2", "x3"])
    }

    @Test func splineEdgesAreReported() throws {
        let network = try Network(shape: [1, 1], seed: 0)
        #expect(throws: CompositionError.splineEdge(EdgeLocation(layer: 0, input: 0, output: 0))) {
            try NetworkComposition.formulas(network, library: .standard, variables: ["x"])
        }
    }
}
