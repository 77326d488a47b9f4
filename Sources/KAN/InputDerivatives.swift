/// Exact derivatives of one network output y with respect to the network's inputs, at n
/// rows: the value, the gradient and (when asked for) the Hessian.
///
/// Column-major like `Dataset(columns:)`: for d inputs,
///
///     values[row]          = y(x_row)
///     gradients[i][row]    = ∂y/∂x_i (x_row)                 i in 0..<d
///     hessians[i][j][row]  = ∂²y/∂x_i∂x_j (x_row)            symmetric: hessians[i][j] == hessians[j][i]
///
///     let net = try Network(shape: [2, 5, 1], seed: 0)
///     let d = try net.inputDerivatives(columns: [[0.1, 0.5], [-0.3, 0.2]], hessians: true)
///     d.gradients[0][1]        // ∂y/∂x₀ at (0.5, 0.2)
///     d.hessians?[0][1][1]     // ∂²y/∂x₀∂x₁ at (0.5, 0.2)
///
/// Uses: structure tests on a trained network (additive separability in x_i, x_j where
/// ∂²y/∂x_i∂x_j ≈ 0; symmetries where ratios of partial derivatives are constant) and
/// physics-informed losses, which need u, ∇u and the Laplacian Σ_i ∂²u/∂x_i².
public struct InputDerivatives: Sendable {
    /// y at each row (what `Network.evaluate` returns, up to rounding).
    public let values: [Double]
    /// d columns of n: `gradients[i][row]` = ∂y/∂x_i.
    public let gradients: [[Double]]
    /// d × d columns of n, `hessians[i][j][row]` = ∂²y/∂x_i∂x_j; nil when only gradients were
    /// asked for. The two triangles share storage: `hessians[i][j]` and `hessians[j][i]` are
    /// the same array.
    public let hessians: [[[Double]]]?

    /// The number of rows n.
    public var count: Int { values.count }
    /// The number of inputs d.
    public var inputCount: Int { gradients.count }

    /// The Laplacian Σ_i ∂²y/∂x_i² at each row; nil without Hessians.
    public var laplacian: [Double]? {
        guard let hessians else { return nil }
        var sum = [Double](repeating: 0, count: count)
        for i in 0..<inputCount {
            let column = hessians[i][i]
            for row in 0..<count { sum[row] += column[row] }
        }
        return sum
    }
}

extension Network {
    /// The exact value, gradient and optionally Hessian of output `output` with respect to
    /// the network's inputs at each row of `columns` (`columns[i][row]` is input i).
    ///
    /// Forward-mode differentiation through the layers (`InputDerivativePropagation`): every
    /// node carries its value, gradient and Hessian; each edge φ applies the chain rule with
    /// φ′ and φ″, sum nodes add, multiplication nodes apply the product rule. It computes
    /// exactly the function `evaluate` computes:
    ///
    /// - Spline edges φ(x) = w_b·b(x) + w_s·Σ_m c_m·B_m(x) differentiate the base function
    ///   (SiLU, identity, zero) and the B-spline basis analytically. An order-k spline is
    ///   C^{k−1}: its k-th derivative jumps at knots. There, as in `BSplineBasis.values(at:)`,
    ///   x belongs to the interval on its right (t_μ ≤ x < t_{μ+1}), so derivatives are the
    ///   right-hand ones. Order 0 splines are step functions: their derivative is 0 (the
    ///   jumps are ignored); order 1, piecewise linear: second derivative 0.
    /// - Outside its extended grid [t₀, t_{G+2k}) a spline is 0, as in `evaluate`: only the
    ///   base function contributes there (its derivatives included).
    /// - Symbolic edges c·f(a·x + b) + d use `SymbolicFunction.derivative` and
    ///   `secondDerivative` (c·a·f′ and c·a²·f″); a function made without an exact f″
    ///   uses a difference quotient of f′ (see `SymbolicFunction`).
    /// - Masked (pruned) edges contribute nothing.
    ///
    /// The derivatives are with respect to the network's *current* inputs: after
    /// `prunedInputs` there are `inputCount` of them, and `inputIndices` tells which
    /// original inputs they are (pass `dataset.selectingInputs(inputIndices)` columns).
    /// A pruned input's partial derivatives are 0 in the unpruned network.
    ///
    /// Cost: for each row and edge, O(d) for the gradient and O(d²) for the Hessian;
    /// memory beyond the result is at most 32 MB of blocks of rows (more only when a single
    /// row needs it).
    ///
    /// - Throws: `KANError.invalidData` when the number of columns is not `inputCount`, the
    ///   columns differ in length, an input is NaN or infinite, `output` is not in
    ///   `0..<outputCount`, or one row's jets would take more than 256 MB (Hessians of
    ///   thousands of inputs through wide layers).
    public func inputDerivatives(columns: [[Double]], output: Int = 0, hessians: Bool = false) throws -> InputDerivatives {
        guard columns.count == inputCount else {
            throw KANError.invalidData("expected \(inputCount) input columns (the network's current inputs), got \(columns.count)")
        }
        let count = columns.first?.count ?? 0
        for (i, column) in columns.enumerated() {
            guard column.count == count else {
                throw KANError.invalidData("input column \(i) has \(column.count) values, column 0 has \(count)")
            }
            if let row = column.firstIndex(where: { !$0.isFinite }) {
                throw KANError.invalidData("input column \(i) holds \(column[row]) at row \(row); derivatives need finite inputs")
            }
        }
        guard (0..<outputCount).contains(output) else {
            throw KANError.invalidData("output \(output) does not exist: the network has \(outputCount) output\(outputCount == 1 ? "" : "s") (0..<\(outputCount))")
        }
        let perRow = InputDerivativePropagation.workspacePerRow(layers, inputCount: inputCount, hessians: hessians)
        guard perRow <= InputDerivativePropagation.rowLimit else {
            throw KANError.invalidData("the \(hessians ? "Hessians" : "gradients") of \(inputCount) inputs through levels of up to \(InputDerivativePropagation.widths(layers).jets) nodes need more than \(InputDerivativePropagation.rowLimit) numbers of working memory per row\(hessians ? "; ask for gradients only" : "")")
        }
        let propagation = InputDerivativePropagation(network: self, output: output, hessians: hessians)
        return propagation.run(columns: columns, count: count)
    }
}
