/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny seeded generator whose sequence is
/// fixed by its definition, unlike `SystemRandomNumberGenerator` or the standard
/// library's `shuffle(using:)`, whose use of random bits may change between Swift
/// releases. Splits and shuffles of kan's data must repeat exactly for a given seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    /// A generator whose sequence is determined by `seed`.
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` by Lemire's multiply-and-reject method: unbiased,
    /// and defined here so the sequence never depends on the standard library.
    mutating func next(below bound: Int) -> Int {
        let limit = UInt64(bound)
        var product = next().multipliedFullWidth(by: limit)
        if product.low < limit {
            let threshold = (0 &- limit) % limit
            while product.low < threshold { product = next().multipliedFullWidth(by: limit) }
        }
        return Int(product.high)
    }
}

extension Array {
    /// Fisher–Yates shuffle driven by `generator`, the same on every platform and release.
    mutating func shuffle(with generator: inout SplitMix64) {
        guard count > 1 else { return }
        for i in stride(from: count - 1, to: 0, by: -1) {
            swapAt(i, generator.next(below: i + 1))
        }
    }
}
