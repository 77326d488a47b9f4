import Dispatch
import Foundation
import KAN

/// The smooth stand-in for the data that the structure tests differentiate: two KANs of
/// Kolmogorov's width, [d, 2d + 1, 1] (every continuous function of d inputs is a sum of 2d + 1
/// outer functions of sums of inner ones), from two initialisations, in parallel; their mean is
/// the surrogate and their disagreement its error (`InputGradients`). Each is trained without
/// sparsity on a coarse grid and then on grids twice as fine while the validation error keeps
/// falling (pykan's grid extension: the coarse fit places the grid, the fine ones bring the
/// error down, and with it the derivatives' error).
///
/// A target of one sign that spans more than a decade (x₁·(e^(x₂x₃/(x₄x₅)) − 1) on [1, 5]⁵
/// spans twelve) is also learned as s = log|y|: a network's error is spread evenly over its
/// output, so on y itself the small values, and the derivatives there, would be lost in the
/// error of the large ones. The derivatives are turned back into those of y = ±eˢ:
/// ∂ᵢy = y·∂ᵢs and ∂ᵢ∂ⱼy = y·(∂ᵢ∂ⱼs + ∂ᵢs·∂ⱼs).
struct SurrogateNetwork {
    /// The widest hidden layer trained (for many inputs 2d + 1 edges per input costs more than
    /// the structure tests gain).
    var maximumWidth = 15
    var gridSize = 5
    var stepsPerGrid = 100
    /// Rows trained on (evenly strided).
    var rowLimit = 1000

    /// One trained network's values and derivatives of y at the rows.
    struct Member: Sendable {
        var values: [Double]
        var gradients: [[Double]]
        /// `hessians[i][j][row]`, when asked for.
        var hessians: [[[Double]]]?
        /// Its RMS error on the validation rows (of log|y| when learned on that scale).
        var error: Double
        /// The trained network, to evaluate the surrogate away from the rows (`predict`).
        var network: Network
        /// The sign of y when the network learned s = log|y| (y = sign·eˢ), nil when it learned y.
        var logarithmicSign: Double? = nil

        /// y at new points (`columns[i][row]`), as the network computes it; nil when the
        /// network cannot evaluate them or a value is not finite.
        func predict(columns: [[Double]]) -> [Double]? {
            guard let data = try? Dataset(columns: columns), let outputs = try? network.evaluate(data).outputs
            else { return nil }
            let values = logarithmicSign.map { sign in outputs.map { sign * Foundation.exp($0) } } ?? outputs
            return values.allSatisfy(\.isFinite) ? values : nil
        }
    }

    /// The mean of the members' predictions at new points (the surrogate itself).
    static func predict(_ members: [Member], columns: [[Double]]) -> [Double]? {
        let predictions = members.compactMap { $0.predict(columns: columns) }
        guard predictions.count == members.count, let first = predictions.first else { return nil }
        return first.indices.map { k in predictions.reduce(0) { $0 + $1[k] } / Double(predictions.count) }
    }

    /// The two members at the rows (`fit`, at most `rowLimit` rows of it) and those rows;
    /// nil when training fails or is stopped. For a target of one sign spanning more than a
    /// decade both scales are trained, and the pair whose gradients agree better (the smaller
    /// median δᵢ, `InputGradients`) is kept: log|y| evens out a target spanning decades, but a
    /// target that only comes close to 0 at a few points (|x₁ − x₂| at x₁ = x₂) has a log with
    /// spikes there that no network follows.
    func members(
        fit: FormulaData, validation: FormulaData, seed: UInt64, hessians: Bool = false,
        shouldStop: @escaping @Sendable () -> Bool
    ) -> (columns: [[Double]], members: [Member])? {
        let rows = fit.strided(limit: rowLimit)
        let direct = pair(rows: rows, validation: validation, seed: seed, hessians: hessians, shouldStop: shouldStop)
        guard let sign = Self.logarithmicSign(rows.target),
              let logarithmic = pair(
                rows: Self.logarithm(rows, sign: sign), validation: Self.logarithm(validation, sign: sign), seed: seed,
                hessians: hessians, shouldStop: shouldStop)?.map({ Self.exponentiated($0, sign: sign) })
        else { return direct.map { (rows.columns, $0) } }
        guard let direct else { return (rows.columns, logarithmic) }
        let agreement = { (members: [Member]) -> Double in
            StructureTests.median(InputGradients(columns: rows.columns, members: members).gradientErrors)
        }
        return (rows.columns, agreement(logarithmic) < agreement(direct) ? logarithmic : direct)
    }

    /// Two networks trained in parallel from seeds `seed` and `seed + 1`.
    private func pair(
        rows: FormulaData, validation: FormulaData, seed: UInt64, hessians: Bool,
        shouldStop: @escaping @Sendable () -> Bool
    ) -> [Member]? {
        let trained = ConcurrentResults<Member?>(count: 2, empty: nil)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            trained.store(train(
                rows: rows, validation: validation, seed: seed &+ UInt64(index), hessians: hessians,
                shouldStop: shouldStop), at: index)
        }
        guard !shouldStop() else { return nil }
        let members = trained.values.compactMap { $0 }
        return members.count == 2 ? members : nil
    }

    /// The mean gradients and their errors (`InputGradients`); nil when training fails.
    func gradients(
        fit: FormulaData, validation: FormulaData, seed: UInt64, shouldStop: @escaping @Sendable () -> Bool
    ) -> InputGradients? {
        members(fit: fit, validation: validation, seed: seed, shouldStop: shouldStop)
            .map { InputGradients(columns: $0.columns, members: $0.members) }
    }

    /// The sign of a target learned on a log scale (all values of it, spanning more than a
    /// factor 10), or nil.
    static func logarithmicSign(_ target: [Double]) -> Double? {
        guard let first = target.first, first != 0 else { return nil }
        let sign: Double = first > 0 ? 1 : -1
        var low = Double.infinity, high = 0.0
        for y in target {
            let magnitude = sign * y
            guard magnitude > 0, magnitude.isFinite else { return nil }
            low = Swift.min(low, magnitude)
            high = Swift.max(high, magnitude)
        }
        return high > 10 * low ? sign : nil
    }

    static func logarithm(_ data: FormulaData, sign: Double) -> FormulaData {
        FormulaData(columns: data.columns, target: data.target.map { Foundation.log(Swift.max(sign * $0, .leastNormalMagnitude)) })
    }

    /// A member learned on s = log|y| as derivatives of y (above).
    static func exponentiated(_ member: Member, sign: Double) -> Member {
        let y = member.values.map { sign * Foundation.exp($0) }
        let s = member.gradients
        let gradients = s.map { column in zip(column, y).map { $0 * $1 } }
        let hessians = member.hessians.map { second in
            second.indices.map { i in
                second[i].indices.map { j in
                    y.indices.map { k in y[k] * (second[i][j][k] + s[i][k] * s[j][k]) }
                }
            }
        }
        return Member(
            values: y, gradients: gradients, hessians: hessians, error: member.error, network: member.network,
            logarithmicSign: sign)
    }

    /// The grid is doubled twice at most beyond the first extension (5 → 10 → 20 → 40): an
    /// oscillating law, sin²(2πx₁x₂/x₃) on [1, 2]²×[1, 4], has an outer function with seven
    /// half-periods that a grid of 10 does not follow, and derivatives read off a fit that
    /// misses the law are noise.
    static func finestGrid(_ coarse: Int) -> Int { 8 * coarse }
    /// A doubling is followed by another only when it cut the validation error by this
    /// factor (pykan's grid extension stops when the test loss does: past that, a finer grid
    /// learns the noise)…
    static let worthwhileGain = 1.5
    /// … and only while the error is above this fraction of the target's RMS: a surrogate
    /// within 1 % is one the structure tests can read (their tolerances come from the two
    /// members' disagreement), and finer grids then cost time the reduced problems need
    /// (I.40.1's fit at 0.25 % gains 4 % from a grid of 20, for 40 % more training time).
    static let closeEnough = 1e-2

    /// One network trained on `rows`, its derivatives there; of the grids tried, the one of
    /// lowest validation error.
    private func train(
        rows: FormulaData, validation: FormulaData, seed: UInt64, hessians: Bool,
        shouldStop: @escaping @Sendable () -> Bool
    ) -> Member? {
        let d = rows.columns.count
        guard d >= 1, let data = try? Dataset(columns: rows.columns, targetColumns: [rows.target]),
              var network = try? Network(
                shape: [LayerWidth(sum: d), LayerWidth(sum: Swift.min(2 * d + 1, maximumWidth)), 1],
                configuration: Network.Configuration(gridSize: gridSize, seed: seed))
        else { return nil }
        var options = TrainingOptions(steps: stepsPerGrid, threadCount: 1)
        options.gridUpdate.stopStep = stepsPerGrid / 2
        do {
            let held = try Dataset(columns: validation.columns, targetColumns: [validation.target])
            let scale = InputGradients.rootMeanSquare(validation.target)
            try network.train(on: data, options: options, shouldStop: shouldStop)
            guard !shouldStop() else { return nil }
            var grid = gridSize
            var best: (network: Network, error: Double)?
            var previous = try network.rootMeanSquareError(on: held)
            // Extend the grid while it pays (below).
            while grid < Self.finestGrid(gridSize) {
                grid *= 2
                try network.refine(gridSize: grid, samples: data)
                try network.train(on: data, options: options, shouldStop: shouldStop)
                guard !shouldStop() else { return nil }
                let error = try network.rootMeanSquareError(on: held)
                if error.isFinite, error < best?.error ?? .infinity { best = (network, error) }
                guard error * Self.worthwhileGain < previous, error > Self.closeEnough * scale else { break }
                previous = error
            }
            guard let (network, error) = best else { return nil }
            let derivatives = try network.inputDerivatives(columns: rows.columns, hessians: hessians)
            guard error.isFinite, derivatives.values.allSatisfy(\.isFinite),
                  derivatives.gradients.allSatisfy({ $0.allSatisfy(\.isFinite) })
            else { return nil }
            return Member(
                values: derivatives.values, gradients: derivatives.gradients, hessians: derivatives.hessians,
                error: error, network: network)
        } catch {
            return nil
        }
    }
}
