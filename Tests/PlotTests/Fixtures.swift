import Foundation
import KAN

/// Shared test data: f(x, y) = exp(sin(πx) + y²) on [-1, 1]² from a fixed generator.
enum Fixtures {
    static func paperTarget(_ x: [Double]) -> Double { exp(sin(Double.pi * x[0]) + x[1] * x[1]) }

    /// `count` samples of `target` on [-1, 1]^inputs (a linear congruential sequence,
    /// so the data are the same on every platform).
    static func data(count: Int, inputs: Int = 2, seed: UInt64 = 1,
                     target: ([Double]) -> Double = paperTarget) throws -> Dataset {
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
        var x: [Double] = [], y: [Double] = []
        for _ in 0..<count {
            let row = (0..<inputs).map { _ in next() }
            x += row
            y.append(target(row))
        }
        return try Dataset(rows: x, inputCount: inputs, targets: y, outputCount: 1)
    }

    static let sine = SymbolicFunction(name: "sin", value: { sin($0) }, derivative: { cos($0) })
}
