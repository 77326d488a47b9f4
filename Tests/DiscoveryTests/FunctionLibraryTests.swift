import Discovery
import Foundation
import Symbolic
import Testing

@Suite struct FunctionLibraryTests {
    let x = Expr.symbol("x")

    @Test func standardLibraryIsPykansPlusThree() {
        let library = FunctionLibrary.standard
        #expect(library.names == NumericPrimitive.standard.map(\.name))
        #expect(library.count == 30)
        #expect(library["sin"]?.cost == 2)
        #expect(library["x"]?.cost == 1)
        #expect(library["gaussian"]?.expression == Expr.exp(-x * x))
        #expect(library["1/sqrt(x)"]?.numeric.domain == PrimitiveDomain(lowerBound: 0, poles: [0]))
    }

    @Test func addReplacesRemoveAndLookup() throws {
        var library = FunctionLibrary.standard
        let cube = try Primitive(name: "cube", expression: x * x * x, cost: 3)
        library.add(cube)
        #expect(library.names.last == "cube")
        library.add(try Primitive(name: "sin", expression: .sin(x), cost: 7))
        #expect(library["sin"]?.cost == 7)
        #expect(library.names.firstIndex(of: "sin") == NumericPrimitive.standard.firstIndex { $0.name == "sin" })
        #expect(library.remove(named: "tan")?.name == "tan")
        #expect(library["tan"] == nil)
        #expect(library.remove(named: "nothing") == nil)
    }

    @Test func declaredStandardExpressionReusesHandWrittenMetadata() throws {
        let sine = try Primitive(name: "sine", expression: .sin(x), cost: 2)
        #expect(sine.numeric.periodicity == NumericPrimitive.sine.periodicity)
        #expect(sine.numeric.name == "sine")
    }

    @Test func userPrimitiveGetsDomainAndSymmetry() throws {
        let shifted = try Primitive(name: "log1m", expression: .log(1 - x), cost: 3)
        #expect(shifted.numeric.domain.upperBound == 1)
        #expect(shifted.numeric.domain.poles == [1])
        let root = try Primitive(name: "root2", expression: .sqrt(x + 2), cost: 3)
        #expect(root.numeric.domain.lowerBound == -2)
        let tangent = try Primitive(name: "tan2", expression: .tan(2 * x), cost: 3)
        #expect(tangent.numeric.domain.polePeriod.map { abs($0 - .pi / 2) < 1e-15 } == true)
        let cube = try Primitive(name: "cube", expression: x * x * x + x, cost: 3)
        #expect(cube.numeric.reflection == .odd(offset: 0))
        #expect(abs(cube.numeric.value(0.5) - 0.625) < 1e-15)
        #expect(abs(cube.numeric.derivative(0.5) - 1.75) < 1e-15)
        #expect(cube.applied(to: .symbol("u")) == Expr.symbol("u") * Expr.symbol("u") * Expr.symbol("u") + Expr.symbol("u"))
    }

    @Test func declarationsAreValidated() {
        #expect(throws: PrimitiveError.foreignSymbol(name: "bad", symbol: "y")) {
            try Primitive(name: "bad", expression: x + .symbol("y"), cost: 1)
        }
        #expect(throws: PrimitiveError.negativeCost(name: "neg", cost: -1)) {
            try Primitive(name: "neg", expression: x, cost: -1)
        }
        #expect(throws: PrimitiveError.emptyName) { try Primitive(name: " ", expression: x, cost: 1) }
        #expect(throws: PrimitiveError.nowhereFinite(name: "nan")) {
            try Primitive(name: "nan", expression: .sqrt(-1 - x * x), cost: 1)
        }
        #expect(throws: PrimitiveError.undefined(name: "undef")) {
            try Primitive(name: "undef", expression: x / 0, cost: 1)
        }
    }

    @Test func symbolicFunctionIsProtected() throws {
        let reciprocal = try #require(FunctionLibrary.standard["1/x"])
        let f = reciprocal.symbolicFunction
        #expect(f.value(0).isFinite)
        #expect(f.derivative(0).isFinite)
        #expect(f.name == "1/x")
    }
}
