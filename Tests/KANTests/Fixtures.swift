import Foundation
@testable import KAN

/// Shared test data: f(x, y) = exp(sin(πx) + y²) on [-1, 1]², inputs from a seed.
enum Fixtures {
    static func paperTarget(_ x: [Double]) -> Double { exp(sin(Double.pi * x[0]) + x[1] * x[1]) }

    static func data(count: Int, inputs: Int = 2, seed: UInt64, range: ClosedRange<Double> = -1...1,
                     target: ([Double]) -> Double = paperTarget) -> Dataset {
        var rng = SeededGenerator(seed: seed)
        var x: [Double] = []
        var y: [Double] = []
        for _ in 0..<count {
            let row = (0..<inputs).map { _ in rng.nextUniform(in: range) }
            x += row
            y.append(target(row))
        }
        // Sizes are consistent by construction.
        return (try? Dataset(rows: x, inputCount: inputs, targets: y, outputCount: 1))!
    }

    static let sine = SymbolicFunction(name: "sin", value: { sin($0) }, derivative: { cos($0) })
    static let square = SymbolicFunction(name: "x^2", value: { $0 * $0 }, derivative: { 2 * $0 })
    static let exponential = SymbolicFunction(name: "exp", value: { exp($0) }, derivative: { exp($0) })

    static func resolver(_ name: String) -> SymbolicFunction? {
        [sine, square, exponential].first { $0.name == name }
    }
}
