import Discovery
import Foundation
import Testing

@Suite struct SymmetryInferenceTests {
    @Test(arguments: NumericPrimitive.standard.map(\.name))
    func inferenceAgreesWithTheBuiltInMetadata(name: String) throws {
        let known = try #require(NumericPrimitive.standard.first { $0.name == name })
        let inferred = NumericPrimitive.inferring(
            name: known.name, cost: known.cost, value: known.value, derivative: known.derivative,
            domain: known.domain)
        #expect(inferred.reflection == known.reflection)
        #expect(inferred.degeneracy == known.degeneracy)
    }

    @Test func unknownStructureStaysGeneral() {
        let wave = NumericPrimitive.inferring(
            name: "bump", cost: 4, value: { sin($0) + 0.1 * $0 * $0 },
            derivative: { cos($0) + 0.2 * $0 })
        #expect(wave.reflection == .none && wave.degeneracy == .none)
        let log2 = NumericPrimitive.inferring(
            name: "log2", cost: 3, value: { Foundation.log2($0) }, derivative: { 1 / ($0 * M_LN2) },
            domain: PrimitiveDomain(lowerBound: 0, poles: [0]))
        #expect(log2.degeneracy == .none)
    }

    @Test func inferredPrimitiveFitsLikeTheBuiltIn() {
        let cube = NumericPrimitive.inferring(
            name: "cube", cost: 3, value: { $0 * $0 * $0 }, derivative: { 3 * $0 * $0 })
        #expect(cube.degeneracy == .homogeneous(degree: 3))
        let data = samples({ 2 * pow($0 - 0.4, 3) + 1 }, in: -1...1)
        let fit = AffineFit(fitting: cube, x: data.x, y: data.y)
        #expect(close(fit.a, 1, 1e-10) && close(fit.b, -0.4, 1e-10))
        #expect(close(fit.c, 2, 1e-10) && close(fit.d, 1, 1e-10))
    }
}
