/// Starting a network from another one's functions (pykan's `initialize_from_another_model`).
extension Network {
    /// This network's structure and grids with the functions of `other`: each spline edge of
    /// `other` fitted by least squares onto this network's grid size (as `refined` does), each
    /// symbolic and mixed edge and each mask copied. For moving a trained model onto a finer
    /// or coarser grid built separately, or onto a fresh network of the same shape.
    ///
    /// - Throws: `KANError.invalidConfiguration` when the shapes, spline orders or base
    ///   functions differ (the edges could not be the same functions); `missingSamples`
    ///   without samples (none given and `other` never trained).
    public func initialized(from other: Network, samples: Dataset? = nil) throws -> Network {
        guard other.shape == shape else {
            throw KANError.invalidConfiguration("the other network has shape \(other.shape), this one \(shape): they must be equal")
        }
        guard other.configuration.splineOrder == configuration.splineOrder else {
            throw KANError.invalidConfiguration("the other network has splines of order \(other.configuration.splineOrder), this one \(configuration.splineOrder)")
        }
        guard zip(other.layers, layers).allSatisfy({ $0.baseFunction == $1.baseFunction && $0.arity == $1.arity }) else {
            throw KANError.invalidConfiguration("the networks differ in base function or multiplication arity")
        }
        var result = try other.refined(gridSize: gridSize, samples: samples)
        result.configuration = configuration
        result.history = history
        result.inputIndices = inputIndices
        return result
    }
}
