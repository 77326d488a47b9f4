/// A loss built from a network's outputs and their input derivatives at sets of points: the
/// physics-informed losses of PDEs, boundary conditions and data fits, in one form.
///
///     L = Σ_t w_t · (1/n_t) Σ_r ( Σ_c a_c · (D_c u_{o_c})(x_r) − g_t(x_r) )²
///
/// Each term t lives on one point set (n_t rows), combines linearly the operators D_c
/// (value, ∂/∂x_i, ∂²/∂x_i∂x_j, the Laplacian) of outputs o_c, and subtracts a target column
/// g_t (zero when empty). The 2-D Poisson problem ∇²u = f on the interior, u = 0 on the
/// boundary is
///
///     let loss = try DerivativeLoss(pointSets: [interior, boundary], terms: [
///         .init(points: 0, components: [.init(.laplacian)], target: f),
///         .init(weight: 100, points: 1, components: [.init(.value)]),
///     ])
///     try net.train(loss: loss, options: TrainingOptions(steps: 200))
///
/// The value and its exact gradient with respect to every network parameter come from
/// `DerivativeLossKernel` (forward jets, then reverse mode through them), so L-BFGS and Adam
/// train on it as on the data fit.
public struct DerivativeLoss: Sendable {
    /// What is taken of an output at each point.
    public enum Operator: Sendable, Hashable {
        /// u itself.
        case value
        /// ∂u/∂x_i.
        case derivative(Int)
        /// ∂²u/∂x_i∂x_j (symmetric: (i, j) and (j, i) are the same).
        case secondDerivative(Int, Int)
        /// Σ_i ∂²u/∂x_i².
        case laplacian
    }

    /// a · D u_o.
    public struct Component: Sendable, Equatable {
        public var coefficient: Double
        public var operator_: Operator
        public var output: Int
        public init(_ operator_: Operator, coefficient: Double = 1, output: Int = 0) {
            self.coefficient = coefficient
            self.operator_ = operator_
            self.output = output
        }
    }

    /// w · mean over the points of (Σ components − target)².
    public struct Term: Sendable {
        public var weight: Double
        public var points: Int
        public var components: [Component]
        /// One value per point, or empty for 0.
        public var target: [Double]
        public init(weight: Double = 1, points: Int, components: [Component], target: [Double] = []) {
            self.weight = weight
            self.points = points
            self.components = components
            self.target = target
        }
    }

    /// Point sets as input columns: `pointSets[s][i][row]`.
    public let pointSets: [[[Double]]]
    public let terms: [Term]

    /// - Throws: `KANError.invalidData` for empty, ragged or non-finite point sets, a term on
    ///   a point set that does not exist, a target of the wrong length or non-finite, a
    ///   negative or non-finite weight or coefficient, or a term without components. The
    ///   network (input and output counts) is checked when the loss is used.
    public init(pointSets: [[[Double]]], terms: [Term]) throws {
        for (s, columns) in pointSets.enumerated() {
            guard let count = columns.first?.count, count > 0 else {
                throw KANError.invalidData("point set \(s) has no points")
            }
            for (i, column) in columns.enumerated() {
                guard column.count == count else {
                    throw KANError.invalidData("point set \(s): column \(i) has \(column.count) values, column 0 has \(count)")
                }
                if let row = column.firstIndex(where: { !$0.isFinite }) {
                    throw KANError.invalidData("point set \(s): column \(i) holds \(column[row]) at row \(row)")
                }
            }
        }
        guard !terms.isEmpty else { throw KANError.invalidData("a loss needs at least one term") }
        for (t, term) in terms.enumerated() {
            guard pointSets.indices.contains(term.points) else {
                throw KANError.invalidData("term \(t) refers to point set \(term.points); there are \(pointSets.count)")
            }
            let count = pointSets[term.points][0].count
            guard term.target.isEmpty || term.target.count == count else {
                throw KANError.invalidData("term \(t): the target has \(term.target.count) values for \(count) points")
            }
            if let row = term.target.firstIndex(where: { !$0.isFinite }) {
                throw KANError.invalidData("term \(t): the target is \(term.target[row]) at point \(row)")
            }
            guard term.weight.isFinite, term.weight >= 0 else {
                throw KANError.invalidData("term \(t): the weight must be finite and non-negative, got \(term.weight)")
            }
            guard !term.components.isEmpty else { throw KANError.invalidData("term \(t) has no components") }
            guard term.components.allSatisfy({ $0.coefficient.isFinite }) else {
                throw KANError.invalidData("term \(t) has a non-finite coefficient")
            }
        }
        self.pointSets = pointSets
        self.terms = terms
    }

    /// Checks the loss against a network's inputs and outputs.
    func validate(for network: Network) throws {
        let d = network.inputCount
        for (s, columns) in pointSets.enumerated() where columns.count != d {
            throw KANError.invalidData("point set \(s) has \(columns.count) columns; the network has \(d) inputs")
        }
        for (t, term) in terms.enumerated() {
            for component in term.components {
                guard (0..<network.outputCount).contains(component.output) else {
                    throw KANError.invalidData("term \(t) uses output \(component.output); the network has \(network.outputCount)")
                }
                switch component.operator_ {
                case .value, .laplacian: break
                case .derivative(let i):
                    guard (0..<d).contains(i) else { throw KANError.invalidData("term \(t): ∂/∂x_\(i) of a network with \(d) inputs") }
                case .secondDerivative(let i, let j):
                    guard (0..<d).contains(i), (0..<d).contains(j) else {
                        throw KANError.invalidData("term \(t): ∂²/∂x_\(i)∂x_\(j) of a network with \(d) inputs")
                    }
                }
            }
        }
    }

    /// All points of every set, as one data set (for grid updates).
    var allPoints: Dataset? {
        guard let first = pointSets.first else { return nil }
        var columns = [[Double]](repeating: [], count: first.count)
        for set in pointSets {
            for i in columns.indices where i < set.count { columns[i].append(contentsOf: set[i]) }
        }
        return try? Dataset(columns: columns)
    }
}

extension Network {
    /// The value of `loss` for the current parameters.
    ///
    /// - Throws: `KANError.invalidData` when the loss does not fit the network's inputs or
    ///   outputs.
    public func value(of loss: DerivativeLoss) throws -> Double {
        try loss.validate(for: self)
        return DerivativeLossKernel(network: self, loss: loss).evaluate(gradient: nil)
    }

    /// The loss and its gradient with respect to `parameterVector()` (`ParameterLayout`).
    func valueAndGradient(of loss: DerivativeLoss) throws -> (value: Double, gradient: [Double]) {
        try loss.validate(for: self)
        var gradient = [Double](repeating: 0, count: parameterCount)
        let kernel = DerivativeLossKernel(network: self, loss: loss)
        let value = gradient.withUnsafeMutableBufferPointer { kernel.evaluate(gradient: $0.baseAddress) }
        return (value, gradient)
    }
}
