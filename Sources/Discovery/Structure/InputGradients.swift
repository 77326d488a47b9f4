import Foundation

/// A smooth surrogate of the data — its values and first partial derivatives at the data's own
/// rows — with how far those derivatives can be trusted: what the structure tests read.
///
/// The surrogate is a pair of trained networks (`SurrogateNetwork`); tests build one from a
/// known law. The derivatives' error comes from the surrogates themselves, not from a
/// constant: two networks trained from different initialisations agree where the data pin
/// the function down and disagree by about their errors elsewhere, so with gᴬ and gᴮ their
/// gradients, the mean's relative error for input i is
///
///     δᵢ = RMS(gᴬᵢ − gᴮᵢ) / (2·RMS(gᵢ))
///
/// (the difference of two independent errors has √2 times their spread; the mean of two has
/// 1/√2 of it).
struct InputGradients: Sendable {
    /// The inputs, `columns[i][row]`.
    var columns: [[Double]]
    /// The surrogate's values at the rows.
    var values: [Double]
    /// `gradients[i][row]` = ∂y/∂xᵢ at the row.
    var gradients: [[Double]]
    /// δᵢ above (0 for an exact law).
    var gradientErrors: [Double]
    /// The surrogate's RMS error on held-out rows (0 for an exact law).
    var error: Double

    /// The mean of a surrogate pair and its gradient errors δᵢ (above).
    init(columns: [[Double]], members: [SurrogateNetwork.Member]) {
        let a = members[0], b = members[members.count - 1]
        let d = columns.count
        let mean = (0..<d).map { i in zip(a.gradients[i], b.gradients[i]).map { ($0 + $1) / 2 } }
        self.columns = columns
        values = zip(a.values, b.values).map { ($0 + $1) / 2 }
        gradients = mean
        gradientErrors = (0..<d).map { i in
            InputGradients.rootMeanSquare(zip(a.gradients[i], b.gradients[i]).map { $0 - $1 })
                / (2 * InputGradients.rootMeanSquare(mean[i]))
        }
        error = (a.error + b.error) / 2
    }

    init(columns: [[Double]], values: [Double], gradients: [[Double]], gradientErrors: [Double], error: Double) {
        self.columns = columns
        self.values = values
        self.gradients = gradients
        self.gradientErrors = gradientErrors
        self.error = error
    }

    var rowCount: Int { values.count }
    var inputCount: Int { columns.count }

    /// δᵢ, at least `rounding` (floating point); infinite for an input y does not vary with.
    func relativeGradientError(_ i: Int, rounding: Double = 1e-6) -> Double {
        guard InputGradients.rootMeanSquare(gradients[i]) > 0 else { return .infinity }
        return Swift.max(gradientErrors[i], rounding)
    }

    static func rootMeanSquare(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        return (values.reduce(0) { $0 + $1 * $1 } / Double(values.count)).squareRoot()
    }
}
