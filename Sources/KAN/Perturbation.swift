import Foundation

/// Noise on a network's parameters (pykan's `perturb`): to test that training recovers a
/// known network, to escape a poor optimum, or to see how sensitive a fit is.
extension Network {
    /// The network with Gaussian noise of standard deviation `scale` added to the trainable
    /// parameters of every live edge: (a, b, c, d) of a symbolic edge; w_b, w_s and the
    /// coefficients of a spline edge; all of them for a mixed edge. Masked edges are left as
    /// they were. Seeded: the same seed gives the same noise.
    ///
    /// - Throws: `KANError.invalidConfiguration` when `scale` is negative or not finite, or so
    ///   large that a parameter overflows to infinity (no checkpoint could hold it).
    public func perturbed(scale: Double, seed: UInt64 = 0) throws -> Network {
        guard scale.isFinite, scale >= 0 else {
            throw KANError.invalidConfiguration("the noise scale must be a finite number >= 0, got \(scale)")
        }
        var rng = SeededGenerator(seed: seed)
        var result = self
        for l in result.layers.indices {
            let nb = result.layers[l].basisCount
            for e in 0..<result.layers[l].edgeCount where result.layers[l].mask[e] != 0 {
                let symbolic = result.layers[l].symbolic[e] != nil
                if symbolic {
                    for p in 0..<4 { result.layers[l].affine[4 * e + p] += scale * rng.nextGaussian() }
                }
                if !symbolic || result.layers[l].splineResidual[e] {
                    result.layers[l].scaleBase[e] += scale * rng.nextGaussian()
                    result.layers[l].scaleSpline[e] += scale * rng.nextGaussian()
                    for m in 0..<nb { result.layers[l].coefficients[e * nb + m] += scale * rng.nextGaussian() }
                }
            }
        }
        for layer in result.layers {
            guard layer.affine.allSatisfy(\.isFinite), layer.scaleBase.allSatisfy(\.isFinite),
                  layer.scaleSpline.allSatisfy(\.isFinite), layer.coefficients.allSatisfy(\.isFinite) else {
                throw KANError.invalidConfiguration("noise of scale \(scale) makes a parameter infinite")
            }
        }
        return result
    }
}

extension SeededGenerator {
    /// A standard normal sample (Box–Muller, one of the pair).
    mutating func nextGaussian() -> Double {
        // 1 − u is in (0, 1]: log never sees 0.
        let u = 1 - nextUniform(), v = nextUniform()
        return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
    }
}
