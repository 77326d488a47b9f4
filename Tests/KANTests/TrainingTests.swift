import Foundation
import Testing
@testable import KAN

@Suite struct TrainingTests {
    @Test func lbfgsFitsThePaperExample() throws {
        let data = Fixtures.data(count: 1000, seed: 1)
        let test = Fixtures.data(count: 500, seed: 2)
        var net = try Network(shape: [2, 5, 1], gridSize: 5, seed: 0)
        var seen: [Int] = []
        let report = try net.train(on: data, test: test, options: TrainingOptions(steps: 20)) { seen.append($0.step) }
        #expect(report.steps == 20)
        #expect(seen == Array(0..<20))
        #expect(net.history.trainLoss.count == 20)
        #expect(report.evaluations > 20 && report.evaluations <= 20 * 26)
        #expect(try net.rootMeanSquareError(on: test) < 0.05)
    }

    @Test func adamOnMiniBatchesReducesTheLoss() throws {
        let data = Fixtures.data(count: 2000, seed: 1)
        var net = try Network(shape: [2, 3, 1], gridSize: 5, seed: 0)
        let before = try net.rootMeanSquareError(on: data)
        let report = try net.train(on: data, options: TrainingOptions(steps: 100, optimizer: .adam(learningRate: 0.02), batchSize: 256))
        #expect(report.evaluations == 100)
        #expect(try net.rootMeanSquareError(on: data) < 0.5 * before)
    }

    @Test func sameSeedGivesBitIdenticalParametersWithOneOrTwoThreads() throws {
        let data = Fixtures.data(count: 600, seed: 3)
        func run(threads: Int, batch: Int?) throws -> [Double] {
            var net = try Network(shape: [2, 3, 1], gridSize: 5, seed: 42)
            var options = TrainingOptions(steps: 6, batchSize: batch, regularization: .init(lambda: 0.01), seed: 5, threadCount: threads)
            options.gridUpdate = .init(count: 3, stopStep: 6)
            try net.train(on: data, options: options)
            return net.parameterVector()
        }
        let a = try run(threads: 1, batch: nil)
        #expect(a == (try run(threads: 1, batch: nil)))
        #expect(a == (try run(threads: 2, batch: nil)))
        let b = try run(threads: 2, batch: 300)
        #expect(b == (try run(threads: 1, batch: 300)))
    }

    @Test func nonFiniteLossThrowsAndRestoresParameters() throws {
        var x: [Double] = [], y: [Double] = []
        for s in 0..<50 { x += [Double(s) / 50, 0.5]; y.append(s == 10 ? .infinity : 1) }
        let data = try Dataset(rows: x, inputCount: 2, targets: y, outputCount: 1)
        var net = try Network(shape: [2, 2, 1], seed: 1)
        let before = net.parameterVector()
        #expect(throws: KANError.nonFiniteLoss(step: 0)) {
            try net.train(on: data, options: TrainingOptions(steps: 3))
        }
        #expect(net.parameterVector() == before)

        // A finite first step, then a symbolic edge that blows up: the last finite step is kept.
        let good = Fixtures.data(count: 200, seed: 4)
        var net2 = try Network(shape: [2, 2, 1], seed: 1)
        try net2.train(on: good, options: TrainingOptions(steps: 1))
        let kept = net2.parameterVector()
        let blowUp = SymbolicFunction(name: "bad", value: { _ in .nan }, derivative: { _ in .nan })
        try net2.setSymbolic(layer: 0, input: 0, output: 0, function: blowUp)
        #expect(throws: KANError.self) { try net2.train(on: good, options: TrainingOptions(steps: 2)) }
        #expect(net2.parameterVector() == kept)
        #expect(net2.history.trainLoss.count == 1)
    }

    @Test func stopsBetweenStepsWhenAsked() throws {
        let data = Fixtures.data(count: 200, seed: 4)
        var net = try Network(shape: [2, 2, 1], seed: 1)
        var completed = 0
        let report = try net.train(
            on: data, options: TrainingOptions(steps: 10), progress: { _ in completed += 1 }, shouldStop: { completed >= 3 })
        #expect(report.steps == 3)
        #expect(report.interrupted)
        #expect(net.history.trainLoss.count == 3)
    }

    /// A stop asked for inside a step (L-BFGS polls before each iteration and evaluation, the
    /// evaluator before each chunk) ends it at once, and the step is discarded: the network
    /// is the one of the last completed step, bit for bit.
    @Test(arguments: [1, 2, 5, 40])
    func aStopInsideAStepDiscardsIt(afterPolls polls: Int) throws {
        let data = Fixtures.data(count: 600, seed: 4)
        var net = try Network(shape: [2, 3, 1], seed: 1)
        try net.train(on: data, options: TrainingOptions(steps: 2))
        let kept = net.parameterVector()
        var calls = 0
        let report = try net.train(on: data, options: TrainingOptions(steps: 5), shouldStop: {
            calls += 1
            return calls > polls
        })
        #expect(report.interrupted)
        #expect(report.steps == 0)
        #expect(net.history.trainLoss.count == 2)
        #expect(net.parameterVector().map(\.bitPattern) == kept.map(\.bitPattern))
    }

    @Test func rejectsMismatchedData() throws {
        var net = try Network(shape: [3, 2, 1])
        let data = Fixtures.data(count: 10, seed: 1)
        #expect(throws: KANError.self) { try net.train(on: data) }
        #expect(throws: KANError.self) { try net.evaluate([1, 2]) }
        #expect(throws: KANError.self) { try Network(shape: [2]) }
        #expect(throws: KANError.self) { try Network(shape: [2, 0, 1]) }
        #expect(throws: KANError.self) { try Network(shape: [LayerWidth(sum: 1, mult: 1), 1]) }
        #expect(throws: KANError.self) { try Network(shape: [2, 1], gridSize: 0) }
        #expect(throws: KANError.self) { try Dataset(rows: [1, 2, 3], inputCount: 2) }
        #expect(throws: KANError.self) { try Dataset(rows: [1, 2], inputCount: 2, targets: [1, 2], outputCount: 1) }
    }
}
