import Foundation
import Testing
@testable import KAN

@Suite struct LineSearchTests {
    /// f(x) = (x − 3)², but NaN from x = 2 on (a log or square root leaving its domain):
    /// the first trial step lands there; the search must treat it as a rejected step and
    /// settle on a finite point short of it, not keep the NaN end of its bracket.
    @Test func nonFiniteTrialPointsAreRejected() throws {
        let objective: LBFGS.Objective = { x in
            x[0] >= 2 ? (.nan, [.nan], .nan) : ((x[0] - 3) * (x[0] - 3), [2 * (x[0] - 3)], 0)
        }
        let search = StrongWolfe.search(
            objective: objective, x: [0], t: 10, d: [1], f: 9, g: [-6], gtd: -6, auxiliary: 0)
        #expect(search.f.isFinite && search.f < 9)
        #expect(search.t > 0 && search.t < 2)
    }

    /// A non-finite gradient gives no direction: the step leaves x unchanged.
    @Test func nonFiniteGradientLeavesTheParameters() throws {
        var optimizer = LBFGS()
        var x = [1.0, 2.0]
        let result = optimizer.step(&x) { _ in (1, [.infinity, 0], 1) }
        #expect(x == [1, 2])
        #expect(result.value == 1)
    }

    /// Training a symbolic edge c·log(a·x + b) + d from a poor start: the line search
    /// tries steps that take a·x + b below zero (NaN), rejects them, and training ends
    /// with a finite, lower loss instead of stopping on a non-finite one.
    @Test func trainingThroughADomainEdgeStaysFinite() throws {
        let logarithm = SymbolicFunction(name: "log", value: { log($0) }, derivative: { 1 / $0 })
        let data = Fixtures.data(count: 200, inputs: 1, seed: 3) { 3 * log($0[0] + 1.05) }
        var net = try Network(shape: [1, 1], seed: 0)
        try net.setSymbolic(layer: 0, input: 0, output: 0, function: logarithm, a: 1, b: 4, c: 1, d: 0)
        let before = try net.rootMeanSquareError(on: data)
        let report = try net.train(on: data, options: TrainingOptions(steps: 20, gridUpdate: .disabled))
        #expect(report.trainLoss.isFinite)
        #expect(try net.rootMeanSquareError(on: data) < 0.5 * before)
    }
}
