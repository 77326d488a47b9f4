import Foundation
import Testing
@testable import KAN

/// Direct Cox–de Boor recursion on pykan's half-open convention, the reference for the fast path.
private func coxDeBoor(_ x: Double, knots t: [Double], m: Int, k: Int) -> Double {
    if k == 0 { return (t[m] <= x && x < t[m + 1]) ? 1 : 0 }
    var value = 0.0
    let d1 = t[m + k] - t[m]
    if d1 != 0 { value += (x - t[m]) / d1 * coxDeBoor(x, knots: t, m: m, k: k - 1) }
    let d2 = t[m + k + 1] - t[m + 1]
    if d2 != 0 { value += (t[m + k + 1] - x) / d2 * coxDeBoor(x, knots: t, m: m + 1, k: k - 1) }
    return value
}

@Suite struct BSplineBasisTests {
    @Test(arguments: [0, 1, 2, 3, 4])
    func partitionOfUnityInsideTheGrid(order: Int) {
        let basis = BSplineBasis(gridSize: 7, order: order, range: -1...1)
        #expect(basis.knots.count == 7 + 2 * order + 1)
        for q in 0..<200 {
            let x = -1 + 2 * Double(q) / 200
            let sum = basis.values(at: x).reduce(0, +)
            #expect(abs(sum - 1) < 1e-12, "x = \(x)")
        }
    }

    @Test(arguments: [1, 2, 3, 5])
    func agreesWithDirectRecursion(order: Int) {
        // A non-uniform grid, as after a grid update.
        let grid = [-1.3, -0.9, -0.2, 0.05, 0.4, 1.1, 1.2]
        let basis = BSplineBasis(grid: grid, order: order)
        var rng = SeededGenerator(seed: 7)
        let lo = basis.knots.first!, hi = basis.knots.last!
        for _ in 0..<300 {
            let x = rng.nextUniform(in: (lo - 0.3)...(hi + 0.3))
            let fast = basis.values(at: x)
            for m in 0..<basis.basisCount {
                let reference = coxDeBoor(x, knots: basis.knots, m: m, k: order)
                #expect(abs(fast[m] - reference) < 1e-12, "x = \(x), m = \(m)")
            }
        }
    }

    @Test func derivativesMatchFiniteDifferences() {
        let basis = BSplineBasis(grid: [-1, -0.5, 0.1, 0.3, 1], order: 3)
        for x in stride(from: -1.4, through: 1.4, by: 0.137) {
            let h = 1e-6
            let plus = basis.values(at: x + h), minus = basis.values(at: x - h)
            let d = basis.derivatives(at: x)
            for m in 0..<basis.basisCount {
                #expect(abs(d[m] - (plus[m] - minus[m]) / (2 * h)) < 1e-6, "x = \(x), m = \(m)")
            }
        }
    }

    @Test func zeroOutsideTheExtendedGrid() {
        let basis = BSplineBasis(gridSize: 5, order: 3, range: -1...1)
        #expect(basis.values(at: -5).allSatisfy { $0 == 0 })
        #expect(basis.values(at: 5).allSatisfy { $0 == 0 })
        #expect(basis.values(at: .nan).allSatisfy { $0 == 0 })
    }
}
