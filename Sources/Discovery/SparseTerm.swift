import Exact
import Foundation
import Symbolic

/// One term φ(x) of a sparse sum Σⱼ cⱼ·φⱼ(x) (`SparseTermSearch`): a monomial of the inputs,
/// the logarithm of one input, a monomial times the cosine or sine of an exact frequency
/// (`AngularFrequency`) times one input or a monomial of them, or an exponential of one input.
///
///     .monomial(halves: [-2, 0, 2])                        x₁⁻¹·x₃
///     .logarithm(input: 1)                                 log x₂
///     .oscillation(.cos, input: 2, halves: [1, 1, 0])      √x₁·√x₂·cos x₃
///     .wave(.cos, argument: [2, 2, -2], halves: [0, 0, 0], frequency: 4π)   cos(4πx₁x₂/x₃)
///
/// Exponents are stored in halves (kᵢ/2), as in `MonomialFactor`, so that square roots of
/// non-negative inputs are exact: a half-odd power of a negative input is NaN.
enum SparseTerm: Hashable, Sendable {
    /// Π xᵢ^(kᵢ/2).
    case monomial(halves: [Int])
    /// log xₖ (for inputs that are positive on every sample).
    case logarithm(input: Int)
    /// Π xᵢ^(kᵢ/2) · f(ω·m(x)) for a monomial argument m = Π xᵢ^(aᵢ/2): one input
    /// (`oscillation`) or a product of them (`WaveArgument`).
    case wave(Oscillation, argument: [Int], halves: [Int], frequency: AngularFrequency)
    /// e^(r·xₖ^p) for p = ±1 (`GrowthRate`).
    case exponential(input: Int, power: Int, rate: GrowthRate)

    /// Π xᵢ^(kᵢ/2) · f(ω·xₖ), with kₖ = 0: the wave whose argument is the one input xₖ.
    static func oscillation(
        _ function: Oscillation, input k: Int, halves: [Int], frequency: AngularFrequency = .one
    ) -> SparseTerm {
        var argument = [Int](repeating: 0, count: halves.count)
        argument[k] = 2
        return .wave(function, argument: argument, halves: halves, frequency: frequency)
    }

    /// The periodic factor of a wave.
    enum Oscillation: Hashable, Sendable {
        case cos, sin
    }

    /// Whether the term has no amplitude: a monomial, or a wave, logarithm or exponential alone.
    var isBare: Bool {
        if case .wave(_, _, let halves, _) = self { return halves.allSatisfy { $0 == 0 } }
        return true
    }

    /// Whether this is an exponential at a rate (`GrowthRate`).
    var isExponential: Bool {
        if case .exponential = self { return true }
        return false
    }

    /// Whether this is the constant 1 (the monomial with every exponent 0).
    var isConstant: Bool {
        if case .monomial(let halves) = self { return halves.allSatisfy { $0 == 0 } }
        return false
    }

    /// φ at sample s of `columns` (NaN or ±∞ where it is undefined).
    func value(_ columns: [[Double]], at s: Int) -> Double {
        switch self {
        case .monomial(let halves):
            return Self.monomial(halves, columns, at: s)
        case .logarithm(let input):
            return Foundation.log(columns[input][s])
        case .wave(let function, let argument, let halves, let frequency):
            let phase = frequency.value * Self.monomial(argument, columns, at: s)
            let periodic = function == .cos ? Foundation.cos(phase) : Foundation.sin(phase)
            return Self.monomial(halves, columns, at: s) * periodic
        case .exponential(let input, let power, let rate):
            return Foundation.exp(rate.value * Foundation.pow(columns[input][s], Double(power)))
        }
    }

    /// φ as an exact expression over `variables`.
    func expression(variables: [String]) -> Expr {
        switch self {
        case .monomial(let halves):
            return Self.monomialExpression(halves, variables: variables)
        case .logarithm(let input):
            return Expr.log(.symbol(variables[input]))
        case .wave(let function, let argument, let halves, let frequency):
            let phase = frequency.argument(Self.monomialExpression(argument, variables: variables))
            return Self.monomialExpression(halves, variables: variables)
                * (function == .cos ? Expr.cos(phase) : Expr.sin(phase))
        case .exponential(let input, let power, let rate):
            return Expr.exp(rate.argument(Expr.power(.symbol(variables[input]), Rational(power))))
        }
    }

    /// Π xᵢ^(kᵢ/2) at sample s.
    static func monomial(_ halves: [Int], _ columns: [[Double]], at s: Int) -> Double {
        var m = 1.0
        for (i, k) in halves.enumerated() where k != 0 { m *= power(columns[i][s], halves: k) }
        return m
    }

    /// x^(k/2): an integer power when k is even, a power of √x otherwise (NaN for x < 0).
    static func power(_ x: Double, halves k: Int) -> Double {
        k % 2 == 0 ? Foundation.pow(x, Double(k / 2)) : Foundation.pow(x.squareRoot(), Double(k))
    }

    /// Π xᵢ^(kᵢ/2) as an exact expression (1 for no factor).
    static func monomialExpression(_ halves: [Int], variables: [String]) -> Expr {
        // Rational(k, 2) throws only for a zero denominator.
        Expr.product(zip(variables, halves).compactMap { name, k in
            guard k != 0, let exponent = try? Rational(k, 2) else { return nil }
            return Expr.power(.symbol(name), exponent)
        })
    }
}
