import Exact
import Foundation
import Symbolic

/// y = P(x)·F(m(x)) with monomials P = Π xᵢ^aᵢ and m = Π xᵢ^bᵢ and a function F of one
/// variable: the whole problem reduces to one input, u = m(x), and target y/P (Planck's and
/// Bose–Einstein's laws, n₀·exp(−mgx/(k_B T)), sin²(2π x₁x₂/x₃), x₁·x₂·tanh(x₂x₃/(x₄x₅))).
///
/// The test reads the elasticities eᵢ = xᵢ·∂log|y|/∂xᵢ = xᵢ∂ᵢy / y. Under the structure
///
///     e(x) = a + s(x)·b,   s = m·F′(m)/F(m),
///
/// so the elasticity vectors lie on one line: centred, they have rank one, along b. The
/// direction is the top eigenvector of their covariance; the residual off that line is
/// compared with the elasticities' own error (|eᵢ|·δᵢ, `InputGradients`), and b and a must
/// be small fractions. a is fixed only up to a multiple of b (P·m^t·F(m)/m^t is the same
/// law), so the prefactor chosen is the simplest: one input of the argument left out of it.
struct MonomialReduction: Sendable, Equatable {
    /// aᵢ, the prefactor's exponents.
    var prefactor: [Rational]
    /// bᵢ, the argument's exponents.
    var argument: [Rational]

    /// P over the inputs' names.
    func prefactorExpression(names: [String]) -> Expr { Self.monomial(prefactor, names: names) }

    /// m over the inputs' names.
    func argumentExpression(names: [String]) -> Expr { Self.monomial(argument, names: names) }

    static func monomial(_ exponents: [Rational], names: [String]) -> Expr {
        Expr.product(zip(names, exponents).compactMap { name, exponent in
            exponent == 0 ? nil : Expr.power(.symbol(name), exponent)
        })
    }

    /// The reduction the gradients show, or nil when they do not (or the law is a plain power
    /// law, for which the power-law stage is exact at once).
    static func detect(_ g: InputGradients) -> MonomialReduction? {
        let d = g.inputCount
        guard d >= 2 else { return nil }
        // Elasticities are defined for inputs that never vanish; fractional exponents only for
        // positive ones.
        let positive = g.columns.map { $0.allSatisfy { $0 > 0 } }
        guard zip(positive, g.columns).allSatisfy({ $0 || $1.allSatisfy { $0 < 0 } }) else { return nil }
        // Rows where y is far from 0 (a relative error of y turns into one of e).
        let scale = InputGradients.rootMeanSquare(g.values)
        let rows = g.values.indices.filter { Swift.abs(g.values[$0]) >= 0.1 * scale }
        guard rows.count >= Swift.max(10, g.rowCount / 5) else { return nil }
        let e: [[Double]] = rows.map { k in (0..<d).map { i in g.columns[i][k] * g.gradients[i][k] / g.values[k] } }
        guard e.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { return nil }
        let n = Double(e.count)
        // The mean weighted by y²: an elasticity's error is xᵢ·δ(∂ᵢy)/y, so inverse-variance
        // weights go as y², and rows near a zero of y (2x₁(1 − cos x₂x₃)) would otherwise pull
        // the mean, and with it the prefactor, off the line.
        let weights = rows.map { g.values[$0] * g.values[$0] }
        let totalWeight = weights.reduce(0, +)
        let mean = (0..<d).map { i in zip(e, weights).reduce(0) { $0 + $1.0[i] * $1.1 } / totalWeight }
        let centred = e.map { row in (0..<d).map { row[$0] - mean[$0] } }
        // Expected RMS error of the elasticity vector: √Σ (RMS(eᵢ)·δᵢ)².
        let noise = (0..<d).map { i -> Double in
            let rms = (e.reduce(0) { $0 + $1[i] * $1[i] } / n).squareRoot()
            let error = rms * g.relativeGradientError(i)
            return error * error
        }.reduce(0, +).squareRoot()
        guard noise.isFinite else { return nil }
        guard let direction = topEigenvector(centred, dimension: d) else { return nil }
        // Variation along the line must be real: else y is a power law (or F constant).
        let along = (centred.reduce(0) { $0 + dot($1, direction) * dot($1, direction) } / n).squareRoot()
        guard along > StructureTests.coverage * noise else { return nil }
        guard let argument = snappedDirection(direction),
              residual(centred, direction: argument.map { Double($0) }) <= StructureTests.coverage * noise
        else { return nil }
        guard let prefactor = simplestPrefactor(mean: mean, argument: argument, tolerance: StructureTests.coverage * noise)
        else { return nil }
        // Fractional exponents need positive inputs.
        for i in 0..<d where !positive[i] {
            guard argument[i].isInteger, prefactor[i].isInteger else { return nil }
        }
        return MonomialReduction(prefactor: prefactor, argument: argument)
    }

    /// The direction scaled so that its smallest clear entry is ±1 and rounded to halves;
    /// nil when some entry is not within 0.1 of a half.
    static func snappedDirection(_ b: [Double]) -> [Rational]? {
        let largest = b.map { Swift.abs($0) }.max() ?? 0
        guard largest > 0 else { return nil }
        let clear = b.indices.filter { Swift.abs(b[$0]) >= 0.2 * largest }
            .sorted { Swift.abs(b[$0]) < Swift.abs(b[$1]) }
        for pivot in clear {
            let scaled = b.map { $0 / Swift.abs(b[pivot]) }
            // The first clear entry positive: m and 1/m are the same reduction.
            let sign: Double = (scaled.first { Swift.abs($0) >= 0.2 * largest / Swift.abs(b[pivot]) } ?? 1) < 0 ? -1 : 1
            let halves = scaled.map { ($0 * sign * 2).rounded() }
            guard zip(halves, scaled).allSatisfy({ Swift.abs($0 / 2 - $1 * sign) <= 0.1 }),
                  halves.contains(where: { $0 != 0 })
            else { continue }
            return halves.compactMap { try? Rational(Int($0), 2) }
        }
        return nil
    }

    /// a = ē − t·b rounded to halves, for the t that gives the simplest prefactor (fewest
    /// inputs, then smallest exponents, then nearest the line) whose rounding stays within
    /// `tolerance` off the line through ē along b.
    ///
    /// The rounding of ē − t·b is constant between the t where one of its entries crosses a
    /// quarter (a half-step's midpoint), so the midpoints between those breakpoints enumerate
    /// every distinct rounding; t is bounded to keep every exponent within ±4. Zeroing one
    /// entry of the argument at a time is not enough: with mean elasticities ē₂ ≈ ē₃ (under
    /// 2x₁(1 − cos x₂x₃), b = (0, 1, 1)) the prefactor x₁ lies between those choices.
    static func simplestPrefactor(mean: [Double], argument: [Rational], tolerance: Double) -> [Rational]? {
        let b = argument.map { Double($0) }
        let bound = 4.0
        var low = -Double.infinity, high = Double.infinity
        for j in b.indices where b[j] != 0 {
            let ends = [(mean[j] - bound) / b[j], (mean[j] + bound) / b[j]]
            low = Swift.max(low, ends.min() ?? 0)
            high = Swift.min(high, ends.max() ?? 0)
        }
        guard low.isFinite, high.isFinite, low <= high else { return nil }
        var breakpoints = [low, high]
        for j in b.indices where b[j] != 0 {
            for quarter in stride(from: -4 * Int(bound) - 1, through: 4 * Int(bound) + 1, by: 2) {
                let t = (mean[j] - Double(quarter) / 4) / b[j]
                if t > low, t < high { breakpoints.append(t) }
            }
        }
        breakpoints.sort()
        let norm = dot(b, b)
        var best: (exponents: [Rational], size: (Int, Double, Double))?
        for (t0, t1) in zip(breakpoints, breakpoints.dropFirst()) {
            let t = (t0 + t1) / 2
            let halves = zip(mean, b).map { (($0 - t * $1) * 2).rounded() }
            // The rounded prefactor must leave the mean on the line through it along b.
            let offset = zip(mean, halves).map { $0 - $1 / 2 }
            let off = Swift.max(dot(offset, offset) - Foundation.pow(dot(offset, b), 2) / norm, 0).squareRoot()
            guard off <= Swift.max(tolerance, 0.05) else { continue }
            let exponents = halves.compactMap { try? Rational(Int($0), 2) }
            guard exponents.count == halves.count else { continue }
            let size = (halves.filter { $0 != 0 }.count, halves.reduce(0) { $0 + Swift.abs($1) }, off)
            if best == nil || size < (best?.size ?? (.max, .infinity, .infinity)) { best = (exponents, size) }
        }
        return best?.exponents
    }

    /// RMS distance of the rows from the line through 0 along `direction`.
    static func residual(_ rows: [[Double]], direction: [Double]) -> Double {
        let norm = dot(direction, direction)
        guard norm > 0, !rows.isEmpty else { return .infinity }
        let total = rows.reduce(0) { sum, row in
            let along = dot(row, direction)
            return sum + Swift.max(dot(row, row) - along * along / norm, 0)
        }
        return (total / Double(rows.count)).squareRoot()
    }

    /// The top eigenvector of the rows' covariance (power iteration on a d × d matrix).
    static func topEigenvector(_ rows: [[Double]], dimension d: Int) -> [Double]? {
        var covariance = Array(repeating: Array(repeating: 0.0, count: d), count: d)
        for row in rows {
            for i in 0..<d { for j in 0..<d { covariance[i][j] += row[i] * row[j] } }
        }
        // Start from the largest diagonal's axis, never orthogonal to a dominant direction.
        var v = Array(repeating: 0.0, count: d)
        guard let start = (0..<d).max(by: { covariance[$0][$0] < covariance[$1][$1] }) else { return nil }
        v[start] = 1
        for _ in 0..<500 {
            var next = (0..<d).map { i in dot(covariance[i], v) }
            let norm = dot(next, next).squareRoot()
            guard norm > 0, norm.isFinite else { return nil }
            next = next.map { $0 / norm }
            let change = zip(next, v).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            v = next
            if change < 1e-24 { break }
        }
        return v
    }

    static func dot(_ x: [Double], _ y: [Double]) -> Double { zip(x, y).reduce(0) { $0 + $1.0 * $1.1 } }
}
