import Dispatch
import Foundation
import KAN

/// The smooth stand-in for the data that the structure tests differentiate: two KANs of
/// Kolmogorov's width, [d, 2d + 1, 1] (every continuous function of d inputs is a sum of 2d + 1
/// outer functions of sums of inner ones), from two initialisations, in parallel; their mean is
/// the surrogate and their disagreement its error (`InputGradients`). Each is trained without
/// sparsity on a coarse grid and then on a grid twice as fine (pykan's grid extension: the
/// coarse fit places the grid, the fine one brings the error down, and with it the
/// derivatives' error).
struct SurrogateNetwork {
    /// The widest hidden layer trained (for many inputs 2d + 1 edges per input costs more than
    /// the structure tests gain).
    var maximumWidth = 15
    var gridSize = 5
    var stepsPerGrid = 100
    /// Rows trained on (evenly strided).
    var rowLimit = 1000

    /// The surrogate's values, input gradients and their errors at the rows of `fit`; nil when
    /// training fails or is stopped.
    ///
    /// A target of one sign that spans more than a decade (x₁·(e^(x₂x₃/(x₄x₅)) − 1) on [1, 5]⁵
    /// spans twelve) is learned as log|y|: a network's error is spread evenly over its output,
    /// so on y itself the small values, and the derivatives there, would be lost in the error
    /// of the large ones. Its gradients are then turned back into those of y,
    /// ∂y/∂xᵢ = y·∂log|y|/∂xᵢ; the relative errors δᵢ are the same for both.
    func gradients(
        fit: FormulaData, validation: FormulaData, seed: UInt64, shouldStop: @escaping @Sendable () -> Bool
    ) -> InputGradients? {
        if let sign = Self.logarithmicSign(fit.target),
           let learned = meanGradients(
            fit: Self.logarithm(fit, sign: sign), validation: Self.logarithm(validation, sign: sign), seed: seed,
            shouldStop: shouldStop) {
            let values = learned.values.map { sign * Foundation.exp($0) }
            return InputGradients(
                columns: learned.columns, values: values,
                gradients: learned.gradients.map { column in zip(column, values).map { $0 * $1 } },
                gradientErrors: learned.gradientErrors, error: learned.error)
        }
        return meanGradients(fit: fit, validation: validation, seed: seed, shouldStop: shouldStop)
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

    /// The two networks' mean gradients on `fit` as it is.
    private func meanGradients(
        fit: FormulaData, validation: FormulaData, seed: UInt64, shouldStop: @escaping @Sendable () -> Bool
    ) -> InputGradients? {
        let rows = fit.strided(limit: rowLimit)
        let pair = ConcurrentResults<(values: [Double], gradients: [[Double]], error: Double)?>(count: 2, empty: nil)
        DispatchQueue.concurrentPerform(iterations: 2) { member in
            pair.store(train(rows: rows, validation: validation, seed: seed &+ UInt64(member), shouldStop: shouldStop), at: member)
        }
        guard !shouldStop(), let a = pair.values[0], let b = pair.values[1] else { return nil }
        let d = rows.columns.count
        let gradients = (0..<d).map { i in zip(a.gradients[i], b.gradients[i]).map { ($0 + $1) / 2 } }
        let errors = (0..<d).map { i -> Double in
            let difference = InputGradients.rootMeanSquare(zip(a.gradients[i], b.gradients[i]).map { $0 - $1 })
            return difference / (2 * InputGradients.rootMeanSquare(gradients[i]))
        }
        return InputGradients(
            columns: rows.columns, values: zip(a.values, b.values).map { ($0 + $1) / 2 }, gradients: gradients,
            gradientErrors: errors, error: (a.error + b.error) / 2)
    }

    /// One network's values and gradients at `rows`, and its validation RMSE.
    private func train(
        rows: FormulaData, validation: FormulaData, seed: UInt64, shouldStop: @escaping @Sendable () -> Bool
    ) -> (values: [Double], gradients: [[Double]], error: Double)? {
        let d = rows.columns.count
        guard d >= 1, let data = try? Dataset(columns: rows.columns, targetColumns: [rows.target]),
              var network = try? Network(
                shape: [LayerWidth(sum: d), LayerWidth(sum: Swift.min(2 * d + 1, maximumWidth)), 1],
                configuration: Network.Configuration(gridSize: gridSize, seed: seed))
        else { return nil }
        var options = TrainingOptions(steps: stepsPerGrid, threadCount: 1)
        options.gridUpdate.stopStep = stepsPerGrid / 2
        do {
            try network.train(on: data, options: options, shouldStop: shouldStop)
            guard !shouldStop() else { return nil }
            try network.refine(gridSize: 2 * gridSize, samples: data)
            try network.train(on: data, options: options, shouldStop: shouldStop)
            guard !shouldStop() else { return nil }
            let held = try Dataset(columns: validation.columns, targetColumns: [validation.target])
            let error = try network.rootMeanSquareError(on: held)
            let derivatives = try network.inputDerivatives(columns: rows.columns)
            guard error.isFinite, derivatives.values.allSatisfy(\.isFinite),
                  derivatives.gradients.allSatisfy({ $0.allSatisfy(\.isFinite) })
            else { return nil }
            return (derivatives.values, derivatives.gradients, error)
        } catch {
            return nil
        }
    }
}
