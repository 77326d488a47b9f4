/// A library function f for fitting an edge as `c·f(a·x + b) + d`, in numeric form: its name,
/// its cost (complexity), its value and derivative as closures, and the facts about f the fit
/// relies on (domain, reflection symmetry, which inner constants are redundant).
///
///     let sine = NumericPrimitive(
///         name: "sin", cost: 2, value: { sin($0) }, derivative: { cos($0) },
///         reflection: .odd(offset: 0))
///
/// The closures are all the fit needs, so a primitive compiled from a `Symbolic` expression
/// (a `primitive` declaration in `library/std.kan`) plugs in the same way as the built-ins in
/// `StandardPrimitives.swift`. `value` and `derivative` are the exact mathematical functions:
/// they may return NaN or ±∞ outside `domain`. Use `protectedValue` / `protectedDerivative`
/// where an argument may leave the domain (training), and the affine fit, which keeps every
/// sample's argument inside it.
public struct NumericPrimitive: Sendable {
    /// The primitive's name as the library spells it (`"sin"`, `"x^2"`, `"1/sqrt(x)"`).
    public var name: String
    /// The complexity charged for using the primitive (pykan: 1 for x, 2 for x² and sin, …).
    public var cost: Int
    /// u ↦ f(u).
    public var value: @Sendable (Double) -> Double
    /// u ↦ f′(u).
    public var derivative: @Sendable (Double) -> Double
    /// u ↦ f″(u), when given; nil for a primitive given only as value and derivative (the
    /// built-ins): `Primitive.symbolicFunction` then compiles it from the expression.
    public var secondDerivative: (@Sendable (Double) -> Double)?
    /// Where f is defined and finite.
    public var domain: PrimitiveDomain
    /// How f behaves under u ↦ -u; lets the fit search only a ≥ 0.
    public var reflection: Reflection
    /// Which of the inner constants (a, b) are redundant for f.
    public var degeneracy: AffineDegeneracy
    /// Whether f repeats; lets the fit report b reduced to one period.
    public var periodicity: Periodicity

    public init(
        name: String, cost: Int,
        value: @escaping @Sendable (Double) -> Double,
        derivative: @escaping @Sendable (Double) -> Double,
        secondDerivative: (@Sendable (Double) -> Double)? = nil,
        domain: PrimitiveDomain = .real,
        reflection: Reflection = .none,
        degeneracy: AffineDegeneracy = .none,
        periodicity: Periodicity = .none
    ) {
        self.name = name
        self.cost = cost
        self.value = value
        self.derivative = derivative
        self.secondDerivative = secondDerivative
        self.domain = domain
        self.reflection = reflection
        self.degeneracy = degeneracy
        self.periodicity = periodicity
    }
}

extension NumericPrimitive {
    /// f(−u) in terms of f(u).
    ///
    /// When f(−u) = f(u) (`even`) or f(−u) = k − f(u) (`odd(offset: k)`; k = 0 for a true odd
    /// function, π for arccos, 1 for the sigmoid), then c·f(−|a|x − b) + d is again of the form
    /// c′·f(|a|x + b′) + d′, so the fit searches a ≥ 0 only and reports a ≥ 0.
    public enum Reflection: Sendable, Hashable {
        case none
        case even
        case odd(offset: Double)
    }

    /// f(u + P) = f(u) for the period P; if `halfPeriodNegates`, also f(u + P/2) = −f(u)
    /// (sin, cos). The fit then reports b in (−P/2, P/2], and c > 0 when the half period negates.
    public enum Periodicity: Sendable, Hashable {
        case none
        case periodic(period: Double, halfPeriodNegates: Bool)
    }

    /// Which inner constants of c·f(a·x + b) + d are redundant for f, so the fit searches fewer
    /// of them and reports them in one canonical form (fewer degenerate constants to snap later).
    public enum AffineDegeneracy: Sendable, Hashable {
        /// a and b are both identifiable (sin, tanh, gaussian, …): a 2-D search.
        case none
        /// f ≡ 0: only d is fitted (a = 1, b = 0, c = 0).
        case zero
        /// f(u) = u: c·(a·x + b) + d is a line; reported with a = 1, b = 0.
        case identity
        /// f(λu) = λᵏ·f(u) for λ > 0 (powers, sqrt, abs, sgn): the scale |a| moves into c, so
        /// a = ±1 and only the shift b is searched.
        case homogeneous(degree: Double)
        /// f(λu) = f(u) + log λ for λ > 0 (log): |a| moves into d, so a = ±1.
        case logarithmic
        /// f(u + s) = eˢ·f(u) (exp): b moves into c, so b = 0 and only a is searched.
        case exponential
    }
}
