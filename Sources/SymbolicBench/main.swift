// symbolic-bench: times exact simplification and compiled evaluation.
//
// (`--table FILE` and `--complexity` instead time the identity table; see
// IdentityTable.swift.)
//
// 1. simplify a ~1,000-node expression: a sum of products of small polynomial
//    powers whose expansion collapses, Σₖ ((x + aₖ·y)² - (x - aₖ·y)²)·(z + k)/4
//    = Σₖ aₖ·x·y·(z + k);
// 2. evaluate exp(sin(π·x1) + x2²) on 10⁶ points: compiled (column-at-a-time),
//    the tree-walking `evaluate`, and a hand-written Swift loop as the floor.
import Exact
import Foundation
import Symbolic

func seconds(_ duration: Duration) -> Double {
    let (s, attoseconds) = duration.components
    return Double(s) + Double(attoseconds) * 1e-18
}

/// The best of `repetitions` timings of `body`, and its last result.
func measure<T>(repetitions: Int, _ body: () -> T) -> (Double, T) {
    let clock = ContinuousClock()
    var best = Double.infinity
    var result: T? = nil
    for _ in 0..<repetitions {
        var value: T? = nil
        let elapsed = clock.measure { value = body() }
        best = min(best, seconds(elapsed))
        result = value
    }
    return (best, result!)
}

func format(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }

// Modes for `scripts/bench-symbolic --sympy` (see IdentityTable.swift).
let arguments = CommandLine.arguments
if let index = arguments.firstIndex(of: "--table"), index + 1 < arguments.count {
    exit(benchIdentityTable(arguments[index + 1], repetitions: 5))
}
if arguments.contains("--complexity") { exit(printComplexities()) }

// 1. Simplification.
let x = Expr.symbol("x"), y = Expr.symbol("y"), z = Expr.symbol("z")
var terms: [Expr] = []
var k = 0
var big = Expr.zero
while big.complexity < 1_000 {
    let a = Expr(k % 7 + 1) / Expr(k % 3 + 1)
    let term = (Expr.power(x + a * y, Rational(2)) - Expr.power(x - a * y, Rational(2))) * (z + Expr(k)) / 4
    terms.append(term)
    big = Expr.sum(terms)
    k += 1
}
let (simplifyTime, simplified) = measure(repetitions: 5) { big.simplified() }
print("simplify: \(big.complexity)-node expression (\(terms.count) products of squares) -> "
    + "\(simplified.complexity) nodes: \(format(simplifyTime * 1e3, 2)) ms "
    + "(\(format(Double(big.complexity) / simplifyTime / 1e3, 0)) k input nodes/s)")
print("  result: \(simplified.text.prefix(100))...")

// 2. Evaluation on 10^6 points.
let count = 1_000_000
let x1 = Expr.symbol("x1"), x2 = Expr.symbol("x2")
let formula = Expr.exp(Expr.sin(.pi * x1) + Expr.power(x2, Rational(2)))
var generator = SystemRandomNumberGenerator()
let column1 = (0..<count).map { _ in Double.random(in: -1...1, using: &generator) }
let column2 = (0..<count).map { _ in Double.random(in: -1...1, using: &generator) }
guard let compiled = try? formula.compile(variables: ["x1", "x2"]) else {
    print("could not compile \(formula)")
    exit(1)
}

var output = [Double](repeating: 0, count: count)
let (compiledTime, _) = measure(repetitions: 5) {
    compiled.evaluate(columns: [column1, column2], into: &output)
}
let compiledSum = output.reduce(0, +)

let (treeTime, treeSum) = measure(repetitions: 2) { () -> Double in
    var total = 0.0
    var point: [String: Double] = ["x1": 0, "x2": 0]
    for i in 0..<count {
        point["x1"] = column1[i]
        point["x2"] = column2[i]
        total += formula.evaluate(point)
    }
    return total
}

let (pointTime, pointSum) = measure(repetitions: 2) { () -> Double in
    var total = 0.0
    for i in 0..<count { total += compiled.evaluate([column1[i], column2[i]]) }
    return total
}

let (handTime, handSum) = measure(repetitions: 5) { () -> Double in
    var total = 0.0
    column1.withUnsafeBufferPointer { a in
        column2.withUnsafeBufferPointer { b in
            for i in 0..<count { total += exp(sin(Double.pi * a[i]) + b[i] * b[i]) }
        }
    }
    return total
}

// Several threads share one CompiledExpression (it is Sendable).
let threads = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
let (parallelTime, _) = measure(repetitions: 5) { () -> Int in
    let chunk = (count + threads - 1) / threads
    output.withUnsafeMutableBufferPointer { out in
        nonisolated(unsafe) let out = out
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            let start = t * chunk, end = min(count, start + chunk)
            guard start < end else { return }
            let slice = UnsafeMutableBufferPointer(rebasing: out[start..<end])
            compiled.evaluate(columns: [column1, column2], rows: start..<end, into: slice)
        }
    }
    return 0
}

func rate(_ t: Double) -> String { "\(format(Double(count) / t / 1e6, 1)) M points/s" }
print("evaluate \(formula.text) on \(count) points:")
print("  compiled, columns:     \(format(compiledTime * 1e3, 1)) ms  \(rate(compiledTime))")
print("  compiled, \(threads) threads:   \(format(parallelTime * 1e3, 1)) ms  \(rate(parallelTime)) (on a shared, busy machine)")
print("  compiled, per point:   \(format(pointTime * 1e3, 1)) ms  \(rate(pointTime))")
print("  tree-walking evaluate: \(format(treeTime * 1e3, 1)) ms  \(rate(treeTime))")
print("  hand-written loop:     \(format(handTime * 1e3, 1)) ms  \(rate(handTime))")
print("  compiled is \(format(treeTime / compiledTime, 1))x faster than the tree walk, "
    + "\(format(compiledTime / handTime, 2))x the time of the hand-written loop")
print("  checksums: \(format(compiledSum, 6)) \(format(treeSum, 6)) \(format(pointSum, 6)) \(format(handSum, 6))")
