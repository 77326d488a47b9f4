import Foundation

extension FormulaFit {
    /// The standard error of each parameter of a fitted formula, from the Jacobian at its
    /// values (the textbook linearisation of nonlinear least squares):
    ///
    ///     SE(θₖ) = s·√((JᵀJ)⁻¹)ₖₖ,    s² = Σ rₛ² / (n − p),    Jₛₖ = ∂f/∂θₖ(xₛ; θ)
    ///
    /// s is the fit's own residual standard deviation: the noise on noisy data, the rounding (or
    /// the look-alike's misfit) otherwise, so the errors say how far the data let each constant
    /// move. `Rationalization` snaps a constant only to numbers within a few standard errors.
    /// A parameter the data do not determine (a zero or dependent column of J: degenerate
    /// constants that trade off) gets +∞; nil when the formula cannot be evaluated or there are
    /// no more samples than parameters.
    public func standardErrors(of formula: ParametricFormula, on data: FormulaData) -> [Double]? {
        let n = data.count, p = formula.parameterCount
        guard p > 0 else { return [] }
        guard n > p, let model = try? formula.compile() else { return nil }
        let columns = data.columns.map { Array($0.prefix(n)) }
        let y = Array(data.target.prefix(n))
        var prediction: [Double] = []
        guard let sse = Self.squaredError(model, columns, formula.parameterValues, y, &prediction) else { return nil }
        var jacobian: [[Double]] = []
        for name in formula.parameterNames {
            guard let derivative = try? CompiledFormula(
                formula.expression.derivative(withRespectTo: name), variables: formula.variables,
                parameters: formula.parameterNames)
            else { return nil }
            jacobian.append(derivative.evaluate(columns: columns, parameters: formula.parameterValues).map {
                $0.isFinite ? $0 : 0
            })
        }
        var normal = [Double](repeating: 0, count: p * p)
        var gradient = [Double](repeating: 0, count: p)
        Self.normalEquations(jacobian, y, prediction, &normal, &gradient)
        let variance = sse / Double(n - p)
        // Column k of (JᵀJ)⁻¹ by solving with the unit vector eₖ; a tiny relative ridge keeps
        // the factorisation defined, and a determined parameter is not changed by it.
        return (0..<p).map { k in
            guard normal[k * p + k] > 0 else { return .infinity }
            var unit = [Double](repeating: 0, count: p)
            unit[k] = 1
            guard let column = Self.solveDamped(normal, unit, p, 1e-12), column[k] > 0 else { return .infinity }
            let error = (variance * column[k]).squareRoot()
            // Dependent columns leave (JᵀJ)⁻¹ at the ridge's scale: as good as undetermined.
            return error.isFinite && column[k] * normal[k * p + k] < 1e8 ? error : .infinity
        }
    }
}
