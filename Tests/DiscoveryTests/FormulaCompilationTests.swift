import Discovery
import Exact
import Foundation
import KAN
import Symbolic
import Testing

/// Formulas compiled into networks (the kanpiler): shapes, exact values, the formula composed
/// back, and errors for what a KAN's edges cannot express.
@Suite struct FormulaCompilationTests {
    let x = Expr.symbol("x"), y = Expr.symbol("y"), z = Expr.symbol("z")

    func compile(_ formula: Expr, _ variables: [String]? = nil) throws -> Network {
        try Network(formula: formula, variables: variables ?? formula.freeSymbols.sorted(), library: .standard)
    }

    /// The network computes the formula at a few points of [-0.9, 0.9]^d (positive for roots).
    func expectComputes(_ network: Network, _ formula: Expr, _ variables: [String], positive: Bool = false) throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<8 {
            let point = variables.map { _ in Double.random(in: positive ? 0.1...0.9 : -0.9...0.9, using: &rng) }
            let expected = formula.evaluate(Dictionary(uniqueKeysWithValues: zip(variables, point)))
            let value = try network.evaluate(point)[0]
            #expect(abs(value - expected) <= 1e-12 * max(1, abs(expected)), "\(formula) at \(point): \(value)")
        }
    }

    /// The formula composed back from the network, constants snapped to exact values.
    func composed(_ network: Network, _ variables: [String]) throws -> Expr {
        let formula = try #require(try NetworkComposition.formulas(network, library: .standard, variables: variables).first)
        var replacements: [String: Expr] = [:]
        for (name, value) in zip(formula.parameterNames, formula.parameterValues) {
            if let rational = Rational(exactly: value), rational.denominator < 1000 { replacements[name] = Expr(rational) }
            else if let multiple = Rational(exactly: value / Double.pi), multiple.denominator < 1000 { replacements[name] = Expr(multiple) * .pi }
            else { replacements[name] = Expr(try #require(Rational(exactly: value))) }
        }
        return formula.expression.substituting(replacements).simplified()
    }

    @Test func thePapersExampleIsTwoOneOne() throws {
        let formula = Expr.exp(.sin(.pi * x) + pow(y, 2))
        let network = try compile(formula)
        #expect(network.shape == [2, 1, 1])
        #expect(try network.symbolicEdge(layer: 0, input: 0, output: 0)?.function.name == "sin")
        #expect(try network.symbolicEdge(layer: 0, input: 0, output: 0)?.a == Double.pi)
        #expect(try network.symbolicEdge(layer: 0, input: 1, output: 0)?.function.name == "x^2")
        #expect(try network.symbolicEdge(layer: 1, input: 0, output: 0)?.function.name == "exp")
        try expectComputes(network, formula, ["x", "y"])
        #expect(try composed(network, ["x", "y"]) == formula)
    }

    @Test func productsAreMultiplicationNodes() throws {
        let product = x * y
        let network = try compile(product)
        // The output is the multiplication node itself.
        #expect(network.shape == [2, LayerWidth(sum: 0, mult: 1)])
        try expectComputes(network, product, ["x", "y"])
        // Three factors nest; a scale and an offset need one more sum node.
        let triple = 2 * x * y * z + 1
        let deep = try compile(triple)
        #expect(deep.layers.count == 3, "\(deep.shape)")
        try expectComputes(deep, triple, ["x", "y", "z"])
        let mixed = Expr.sin(x) * Expr.cos(y) - x / y
        try expectComputes(try compile(mixed), mixed, ["x", "y"], positive: true)
    }

    @Test func deeperFormulasPassValuesThrough() throws {
        // x enters at level 0 and is needed at level 2: an identity node carries it.
        let formula = Expr.exp(Expr.sin(x)) + x
        let network = try compile(formula)
        #expect(network.shape == [1, 2, 1])
        try expectComputes(network, formula, ["x"])
        #expect(try composed(network, ["x"]) == formula)
    }

    @Test func twoTermsFromOneNodeUseACopy() throws {
        // One edge per (node, sub-node): sin(x) and x^2 both leave x into one sum.
        let formula = Expr.sin(x) + pow(x, 2) + y
        let network = try compile(formula)
        try expectComputes(network, formula, ["x", "y"])
        #expect(try composed(network, ["x", "y"]) == formula)
    }

    @Test func rootsReciprocalsAndUnusedVariables() throws {
        let formula = Expr.sqrt(x) + 1 / y
        let network = try compile(formula, ["x", "y", "z"])
        #expect(network.inputCount == 3)
        try expectComputes(network, formula, ["x", "y", "z"], positive: true)
        let single = try compile(3 * x - 1)
        #expect(single.shape == [1, 1])
        try expectComputes(single, 3 * x - 1, ["x"])
    }

    @Test func whatAKANCannotExpressIsAnErrorNamingIt() throws {
        #expect(throws: FormulaCompilationError.noPrimitive(function: "x^7", in: "x^7")) { try compile(pow(x, 7)) }
        #expect(throws: FormulaCompilationError.constant("2")) { try compile(Expr(2), ["x"]) }
        #expect(throws: FormulaCompilationError.unknownVariable(name: "y", variables: ["x"])) { try compile(x + y, ["x"]) }
        #expect(throws: FormulaCompilationError.invalidVariables(["x", "x"])) { try compile(x, ["x", "x"]) }
        #expect(throws: FormulaCompilationError.severalArguments("f(x, y)")) { try compile(Expr.function("f", x, y)) }
        let noIdentity = FunctionLibrary.standard.restricted(to: ["sin"])
        #expect(throws: FormulaCompilationError.self) { try Network(formula: .sin(x), variables: ["x"], library: noIdentity) }
        // 300 variables carried through 400 levels of nested sines: 120,000 identity nodes.
        var deep = x
        for _ in 0..<400 { deep = .sin(deep) }
        let names = (1...300).map { "v\($0)" }
        let wide = Expr.sum([deep] + names.map(Expr.symbol))
        #expect(throws: FormulaCompilationError.self) { try compile(wide, ["x"] + names) }
        do {
            _ = try FormulaCompilation.compile(wide, variables: ["x"] + names, library: .standard)
        } catch let error as FormulaCompilationError {
            if case .tooLarge = error {} else { Issue.record("\(error)") }
        }
        let compiled = try FormulaCompilation.compile(.exp(.sin(.pi * x) + pow(y, 2)), variables: ["x", "y"], library: .standard)
        #expect(compiled.shape == [2, 1, 1])
        let message = FormulaCompilationError.noPrimitive(function: "x^7", in: "x^7 + 1").description
        #expect(message.contains("no primitive of the function library computes x^7"))
    }
}
