import Foundation

/// A Kolmogorov–Arnold network: layers of learnable univariate edge functions.
///
/// Level l of the shape holds `shape[l].sum` sum nodes and `shape[l].mult`
/// multiplication nodes; layer l maps the `shape[l].nodeCount` nodes of level l to
/// level l + 1 (`y_j = Σ_i φ_{l,j,i}(x_i)`, then products for multiplication nodes).
///
///     var net = try Network(shape: [2, 5, 1], gridSize: 5, seed: 0)
///     let report = try net.train(on: data, options: TrainingOptions(steps: 50))
///     let y = try net.evaluate([0.5, -0.2])
///
/// `Network` is a value: copies are independent, and a failed training step leaves
/// the last finite parameters in place.
public struct Network: Sendable {
    /// Construction settings that the layers were built with.
    public struct Configuration: Sendable, Codable, Equatable {
        public var gridSize: Int = 5
        public var splineOrder: Int = 3
        public var gridRange: ClosedRange<Double> = -1...1
        public var baseFunction: BaseFunction = .silu
        public var multiplicationArity: Int = 2
        /// pykan MultKAN's noise_scale: initial spline noise amplitude ·1/G.
        public var noiseScale: Double = 0.3
        public var scaleBaseMean: Double = 0
        public var scaleBaseSpread: Double = 1
        /// Mixing weight of the uniform grid in grid updates: grid = ε·uniform + (1 − ε)·quantiles.
        public var gridEpsilon: Double = 0.02
        public var seed: UInt64 = 0

        public init(
            gridSize: Int = 5, splineOrder: Int = 3, gridRange: ClosedRange<Double> = -1...1,
            baseFunction: BaseFunction = .silu, multiplicationArity: Int = 2, noiseScale: Double = 0.3,
            scaleBaseMean: Double = 0, scaleBaseSpread: Double = 1, gridEpsilon: Double = 0.02, seed: UInt64 = 0
        ) {
            self.gridSize = gridSize
            self.splineOrder = splineOrder
            self.gridRange = gridRange
            self.baseFunction = baseFunction
            self.multiplicationArity = multiplicationArity
            self.noiseScale = noiseScale
            self.scaleBaseMean = scaleBaseMean
            self.scaleBaseSpread = scaleBaseSpread
            self.gridEpsilon = gridEpsilon
            self.seed = seed
        }
    }

    public internal(set) var configuration: Configuration
    public internal(set) var layers: [Layer]
    /// For each current input, its index among the original inputs (pruning removes inputs).
    public internal(set) var inputIndices: [Int]
    /// Loss history over all `train` calls.
    public internal(set) var history: TrainingHistory = TrainingHistory()
    /// The inputs of the last forward pass over the training set (pykan's `cache_data`);
    /// used by `edgeSamples`, `refine`, `prune` and attribution when no samples are given.
    public internal(set) var cachedInputs: Dataset?
    /// The frozen flags behind `trainability`; nil when everything is trainable.
    var frozenParameters: Trainability?

    /// Creates a network of the given shape with pykan's initialisation.
    ///
    /// - Throws: `KANError.invalidConfiguration` for fewer than two levels, empty or
    ///   negative widths, multiplication nodes on the input level, G < 1, k < 0,
    ///   arity < 1 or an empty grid range.
    public init(shape: [LayerWidth], configuration: Configuration) throws {
        guard shape.count >= 2 else {
            throw KANError.invalidConfiguration("a shape needs at least an input and an output level, got \(shape)")
        }
        for (l, w) in shape.enumerated() {
            guard w.sum >= 0, w.mult >= 0, w.nodeCount >= 1 else {
                throw KANError.invalidConfiguration("level \(l) of shape \(shape) has no nodes or a negative width")
            }
        }
        guard shape[0].mult == 0 else {
            throw KANError.invalidConfiguration("the input level cannot have multiplication nodes (shape \(shape))")
        }
        guard configuration.gridSize >= 1 else {
            throw KANError.invalidConfiguration("grid size must be at least 1, got \(configuration.gridSize)")
        }
        guard configuration.splineOrder >= 0, configuration.splineOrder <= 10 else {
            throw KANError.invalidConfiguration("spline order must be in 0...10, got \(configuration.splineOrder)")
        }
        guard configuration.multiplicationArity >= 1 else {
            throw KANError.invalidConfiguration("multiplication arity must be at least 1, got \(configuration.multiplicationArity)")
        }
        let range = configuration.gridRange
        guard range.lowerBound.isFinite, range.upperBound.isFinite, range.upperBound > range.lowerBound else {
            throw KANError.invalidConfiguration("grid range must be finite and non-empty, got \(range)")
        }
        guard BSplineBasis(gridSize: configuration.gridSize, order: configuration.splineOrder, range: range).spansFiniteInterval else {
            throw KANError.invalidConfiguration("grid range \(range) is too wide or too narrow for a grid of \(configuration.gridSize) intervals extended by \(configuration.splineOrder) on each side: its knots would be infinite or all equal")
        }
        self.configuration = configuration
        var rng = SeededGenerator(seed: configuration.seed)
        var layers: [Layer] = []
        for l in 0..<(shape.count - 1) {
            layers.append(Layer(
                inputCount: shape[l].nodeCount, sumCount: shape[l + 1].sum, multCount: shape[l + 1].mult,
                arity: configuration.multiplicationArity, gridSize: configuration.gridSize,
                order: configuration.splineOrder, range: range, baseFunction: configuration.baseFunction,
                noiseScale: configuration.noiseScale, scaleBaseMean: configuration.scaleBaseMean,
                scaleBaseSpread: configuration.scaleBaseSpread, rng: &rng))
        }
        self.layers = layers
        self.inputIndices = Array(0..<shape[0].nodeCount)
    }

    /// Creates a network; the common options as arguments.
    public init(
        shape: [LayerWidth], gridSize: Int = 5, splineOrder: Int = 3, gridRange: ClosedRange<Double> = -1...1,
        baseFunction: BaseFunction = .silu, multiplicationArity: Int = 2, seed: UInt64 = 0
    ) throws {
        try self.init(shape: shape, configuration: Configuration(
            gridSize: gridSize, splineOrder: splineOrder, gridRange: gridRange, baseFunction: baseFunction,
            multiplicationArity: multiplicationArity, seed: seed))
    }

    init(configuration: Configuration, layers: [Layer], inputIndices: [Int]) {
        self.configuration = configuration
        self.layers = layers
        self.inputIndices = inputIndices
    }

    /// The current shape, level by level.
    public var shape: [LayerWidth] {
        guard let first = layers.first else { return [] }
        return [LayerWidth(sum: first.inputCount)] + layers.map { LayerWidth(sum: $0.sumCount, mult: $0.multCount) }
    }

    public var inputCount: Int { layers.first?.inputCount ?? 0 }
    public var outputCount: Int { layers.last?.outputCount ?? 0 }
    /// The grid size G of the first layer (all layers share it unless refined separately).
    public var gridSize: Int { layers.first?.gridSize ?? 0 }

    /// Evaluates the network at one input vector.
    public func evaluate(_ input: [Double]) throws -> [Double] {
        guard input.count == inputCount else {
            throw KANError.invalidData("expected \(inputCount) inputs, got \(input.count)")
        }
        return try evaluate(Dataset(rows: input, inputCount: inputCount)).outputs
    }

    /// Evaluates the network on every sample of `data` (targets are ignored).
    /// Returns the outputs row-major, `count × outputCount`.
    public func evaluate(_ data: Dataset) throws -> (outputs: [Double], count: Int) {
        guard data.inputCount == inputCount else {
            throw KANError.invalidData("the data has \(data.inputCount) inputs, the network \(inputCount)")
        }
        let evaluator = Evaluator(network: self, threadCount: nil)
        return (evaluator.predict(parameters: parameterVector(), inputs: data.inputs, count: data.count), data.count)
    }

    /// Root-mean-square error of the outputs against the targets of `data` (no regularisation).
    public func rootMeanSquareError(on data: Dataset) throws -> Double {
        guard data.outputCount == outputCount else {
            throw KANError.invalidData("the data has \(data.outputCount) targets, the network \(outputCount) outputs")
        }
        let predicted = try evaluate(data).outputs
        var sum = 0.0
        for q in 0..<predicted.count {
            let r = predicted[q] - data.targets[q]
            sum += r * r
        }
        return (sum / Double(max(predicted.count, 1))).squareRoot()
    }
}
