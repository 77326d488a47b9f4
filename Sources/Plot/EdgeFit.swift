/// A symbolic fit to overlay on an edge's activation: the caller's formula as a
/// function of the edge's input, its text and its R² on the edge's samples.
///
///     let fit = EdgeFit(label: "0.99·sin(3.14·x + 0.01)", rSquared: 0.9998) { 0.99 * sin(3.14 * $0 + 0.01) }
public struct EdgeFit {
    public var label: String
    /// Coefficient of determination of the fit on the samples, when known.
    public var rSquared: Double?
    public var function: (Double) -> Double

    public init(label: String, rSquared: Double? = nil, function: @escaping (Double) -> Double) {
        self.label = label
        self.rSquared = rSquared
        self.function = function
    }
}
