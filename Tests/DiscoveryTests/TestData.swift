import Foundation

/// A small deterministic generator (SplitMix64) for reproducible samples and noise.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A standard normal deviate (Box–Muller).
    mutating func normal() -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let u2 = Double.random(in: 0..<1, using: &self)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}

/// Samples of `f` at `count` uniform random points of `range`, with Gaussian noise of standard
/// deviation `noise` times the standard deviation of the clean values.
func samples(
    _ f: (Double) -> Double, in range: ClosedRange<Double>, count: Int = 200, noise: Double = 0,
    seed: UInt64 = 1
) -> (x: [Double], y: [Double]) {
    var generator = SeededGenerator(seed: seed)
    let x = (0..<count).map { _ in Double.random(in: range, using: &generator) }
    var y = x.map(f)
    if noise > 0 {
        let mean = y.reduce(0, +) / Double(count)
        let spread = (y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count)).squareRoot()
        y = y.map { $0 + noise * spread * generator.normal() }
    }
    return (x, y)
}

/// |actual − expected| ≤ tolerance·max(1, |expected|).
func close(_ actual: Double, _ expected: Double, _ tolerance: Double) -> Bool {
    abs(actual - expected) <= tolerance * max(1, abs(expected))
}
