import Foundation

/// Symmetries detected numerically, for primitives that arrive as bare closures (a `primitive`
/// declaration compiled through `Symbolic`) rather than with hand-written metadata.
///
///     let cube = NumericPrimitive.inferring(
///         name: "cube", cost: 3, value: { $0 * $0 * $0 }, derivative: { 3 * $0 * $0 })
///     cube.degeneracy   // .homogeneous(degree: 3)
///     cube.reflection   // .odd(offset: 0)
///
/// Every property is checked at several probe arguments inside the domain, with two scale
/// factors where it involves one, to a relative tolerance of 1e-10; anything not confirmed is
/// left at `.none`, which is always correct (only the search is larger and the constants are
/// reported uncanonicalised). Periodicity is not inferred.
extension NumericPrimitive {
    /// A primitive whose reflection symmetry and affine degeneracy are detected from `value`.
    public static func inferring(
        name: String, cost: Int,
        value: @escaping @Sendable (Double) -> Double,
        derivative: @escaping @Sendable (Double) -> Double,
        domain: PrimitiveDomain = .real
    ) -> NumericPrimitive {
        let probes = [0.3, 0.55, 0.9, 1.7, 2.6, 4.1].flatMap { [$0, -$0] }.filter {
            domain.admits($0, $0)
        }
        let inferrer = SymmetryInference(value: value, domain: domain, probes: probes)
        return NumericPrimitive(
            name: name, cost: cost, value: value, derivative: derivative, domain: domain,
            reflection: inferrer.reflection(), degeneracy: inferrer.degeneracy())
    }
}

/// The numeric checks behind `NumericPrimitive.inferring`.
struct SymmetryInference {
    var value: (Double) -> Double
    var domain: PrimitiveDomain
    var probes: [Double]

    static func agree(_ x: Double, _ y: Double) -> Bool {
        x.isFinite && y.isFinite && abs(x - y) <= 1e-10 * Swift.max(1, abs(x), abs(y))
    }

    /// Whether `relation` holds at every probe for which all its arguments are admissible, and
    /// at three or more of them.
    func holds(_ arguments: (Double) -> [Double], _ relation: (Double) -> Bool) -> Bool {
        var checked = 0
        for u in probes where arguments(u).allSatisfy({ domain.admits($0, $0) }) {
            guard relation(u) else { return false }
            checked += 1
        }
        return checked >= 3
    }

    func reflection() -> NumericPrimitive.Reflection {
        if holds({ [$0, -$0] }, { Self.agree(value(-$0), value($0)) }) { return .even }
        guard let first = probes.first(where: { domain.admits(-$0, -$0) }) else { return .none }
        let offset = value(first) + value(-first)
        guard offset.isFinite else { return .none }
        if holds({ [$0, -$0] }, { Self.agree(value($0) + value(-$0), offset) }) {
            // Snap an offset that is zero to rounding.
            return .odd(offset: abs(offset) <= 1e-12 ? 0 : offset)
        }
        return .none
    }

    func degeneracy() -> NumericPrimitive.AffineDegeneracy {
        if holds({ [$0] }, { value($0) == 0 }) { return .zero }
        if holds({ [$0] }, { Self.agree(value($0), $0) }) { return .identity }
        if holds({ [$0, $0 + 1] }, { Self.agree(value($0 + 1), M_E * value($0)) }),
            holds({ [$0, $0 - 0.5] }, { Self.agree(value($0 - 0.5), Foundation.exp(-0.5) * value($0)) })
        {
            return .exponential
        }
        if holds({ [$0, 2 * $0, 3 * $0] }, {
            Self.agree(value(2 * $0), value($0) + Foundation.log(2.0))
                && Self.agree(value(3 * $0), value($0) + Foundation.log(3.0))
        }) {
            return .logarithmic
        }
        // f(2u) = 2ᵏ·f(u): read k at one probe, confirm at all with factors 2 and 3.
        if let u = probes.first(where: {
            domain.admits(2 * $0, 2 * $0) && value($0) != 0 && value($0).isFinite
        }) {
            let ratio = value(2 * u) / value(u)
            if ratio > 0, ratio.isFinite {
                var degree = Foundation.log2(ratio)
                // Snap to a multiple of 1/2 when within rounding (x^1.5, 1/sqrt).
                let snapped = (2 * degree).rounded() / 2
                if abs(snapped - degree) <= 1e-9 { degree = snapped }
                let k = degree
                if holds({ [$0, 2 * $0, 3 * $0] }, {
                    Self.agree(value(2 * $0), Foundation.pow(2, k) * value($0))
                        && Self.agree(value(3 * $0), Foundation.pow(3, k) * value($0))
                }) {
                    return .homogeneous(degree: k)
                }
            }
        }
        return .none
    }
}
