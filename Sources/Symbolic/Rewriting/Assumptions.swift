import Exact

/// The values a variable is known to take: an interval, each end open or closed.
///
/// ```swift
/// SymbolDomain.positive                       // (0, ∞)
/// SymbolDomain(lower: 0.5, upper: 3)          // [0.5, 3], as read from data
/// ```
///
/// Simplification uses only the sign it implies (see `Expr.possibleSigns(assuming:)`):
/// rules such as √(x²) = x and log(x·y) = log x + log y hold only for positive arguments.
public struct SymbolDomain: Hashable, Sendable {
    public var lower: Double
    public var upper: Double
    public var lowerIsOpen: Bool
    public var upperIsOpen: Bool

    public init(lower: Double = -.infinity, upper: Double = .infinity,
                lowerIsOpen: Bool = false, upperIsOpen: Bool = false) {
        self.lower = lower
        self.upper = upper
        self.lowerIsOpen = lowerIsOpen
        self.upperIsOpen = upperIsOpen
    }

    /// (0, ∞).
    public static let positive = SymbolDomain(lower: 0, lowerIsOpen: true)
    /// [0, ∞).
    public static let nonnegative = SymbolDomain(lower: 0)
    /// (−∞, 0).
    public static let negative = SymbolDomain(upper: 0, upperIsOpen: true)
    /// (−∞, 0].
    public static let nonpositive = SymbolDomain(upper: 0)

    /// The signs a value in the interval may have.
    var signs: PossibleSigns {
        var result: PossibleSigns = []
        if upper > 0 { result.insert(.positive) }
        if lower < 0 { result.insert(.negative) }
        let zeroInside = (lower < 0 || (lower == 0 && !lowerIsOpen)) && (upper > 0 || (upper == 0 && !upperIsOpen))
        if zeroInside { result.insert(.zero) }
        return result.isEmpty ? .any : result
    }
}

/// What is known of an expression's variables: a domain per name (variables not named
/// are any real number).
///
/// ```swift
/// let positive = Assumptions(["x": .positive, "y": .positive])
/// Expr.sqrt(x * x * y).simplified(assuming: positive)   // x*sqrt(y)
/// ```
public struct Assumptions: Hashable, Sendable {
    public var domains: [String: SymbolDomain]

    public init(_ domains: [String: SymbolDomain] = [:]) { self.domains = domains }

    /// No variable known.
    public static let none = Assumptions()

    /// Every name in `names` positive.
    public static func positive(_ names: [String]) -> Assumptions {
        Assumptions(Dictionary(names.map { ($0, SymbolDomain.positive) }, uniquingKeysWith: { a, _ in a }))
    }

    public subscript(name: String) -> SymbolDomain? {
        get { domains[name] }
        set { domains[name] = newValue }
    }

    public var isEmpty: Bool { domains.isEmpty }
}

/// The signs an expression may take: a subset of {negative, zero, positive}.
struct PossibleSigns: OptionSet, Hashable {
    let rawValue: Int
    static let negative = PossibleSigns(rawValue: 1)
    static let zero = PossibleSigns(rawValue: 2)
    static let positive = PossibleSigns(rawValue: 4)
    static let any: PossibleSigns = [.negative, .zero, .positive]
    static let nonnegative: PossibleSigns = [.zero, .positive]
    static let nonpositive: PossibleSigns = [.negative, .zero]

    var isPositive: Bool { self == .positive }
    var isNonnegative: Bool { !contains(.negative) }
    var isNonpositive: Bool { !contains(.positive) }
    var isNegative: Bool { self == .negative }

    /// The signs of a·b for a in self and b in other.
    func times(_ other: PossibleSigns) -> PossibleSigns {
        var result: PossibleSigns = []
        if contains(.zero) || other.contains(.zero) { result.insert(.zero) }
        if (contains(.positive) && other.contains(.positive)) || (contains(.negative) && other.contains(.negative)) {
            result.insert(.positive)
        }
        if (contains(.positive) && other.contains(.negative)) || (contains(.negative) && other.contains(.positive)) {
            result.insert(.negative)
        }
        return result
    }

    /// The signs of a + b for a in self and b in other.
    func plus(_ other: PossibleSigns) -> PossibleSigns {
        if self == .zero { return other }
        if other == .zero { return self }
        if isNonnegative && other.isNonnegative {
            return contains(.zero) && other.contains(.zero) ? .nonnegative : .positive
        }
        if isNonpositive && other.isNonpositive {
            return contains(.zero) && other.contains(.zero) ? .nonpositive : .negative
        }
        return .any
    }
}

extension Expr {
    /// The signs the expression may take where it is defined, given `assumptions`:
    /// exact for numbers and π, from the domain for symbols, by the rules of signs
    /// through sums, products and powers (an even power is ≥ 0, a root of what is
    /// defined is ≥ 0), positive for exp and cosh, ≥ 0 for abs, and the argument's
    /// sign for the odd increasing functions sinh, tanh, asin, atan, atanh.
    func possibleSigns(assuming assumptions: Assumptions) -> PossibleSigns {
        switch node {
        case .number(let value):
            return value.signum() > 0 ? .positive : (value.signum() < 0 ? .negative : .zero)
        case .pi:
            return .positive
        case .symbol(let name):
            return assumptions[name]?.signs ?? .any
        case .undefined:
            return .any
        case .sum(let terms):
            var result = PossibleSigns.zero
            for term in terms {
                result = result.plus(term.possibleSigns(assuming: assumptions))
                if result == .any { return .any }
            }
            return result
        case .product(let factors):
            var result = PossibleSigns.positive
            for factor in factors { result = result.times(factor.possibleSigns(assuming: assumptions)) }
            return result
        case .power(let base, let exponent):
            let signs = base.possibleSigns(assuming: assumptions)
            let zero: PossibleSigns = signs.contains(.zero) && exponent.signum() > 0 ? .zero : []
            if !exponent.isInteger { return PossibleSigns.positive.union(zero) }
            if !exponent.numerator.isDivisibleByTwo { return signs.subtracting(exponent.signum() < 0 ? .zero : []) }
            return signs.subtracting(.zero).isEmpty ? signs : PossibleSigns.positive.union(zero)
        case .apply(let function, let args):
            switch function {
            case .exp, .cosh: return .positive
            case .abs:
                return args[0].possibleSigns(assuming: assumptions).contains(.zero) ? .nonnegative : .positive
            case .sinh, .tanh, .asin, .atan, .atanh, .sign:
                return args[0].possibleSigns(assuming: assumptions)
            default:
                return .any
            }
        }
    }
}
