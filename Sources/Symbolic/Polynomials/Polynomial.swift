import Exact

/// A polynomial over Q in the variables x₀, …, xₙ₋₁, stored sparsely as a map from
/// exponent vectors to nonzero rational coefficients:
///
/// ```swift
/// // 3·x₀²·x₁ - 1/2 in two variables
/// Polynomial(variableCount: 2, terms: [[2, 1]: 3, [0, 0]: Rational(-1) / 2])
/// ```
///
/// It is the exact arithmetic under `cancel`, `together` and `factor`: an expression is
/// read as a quotient of two polynomials in its atoms (symbols, function applications,
/// roots; see `PolynomialAtoms`), and the quotient's gcd is cancelled. Terms are ordered
/// lexicographically by exponent vector (x₀ > x₁ > …) where an order matters: the leading
/// term, exact division.
struct Polynomial: Hashable, Sendable {
    typealias Exponents = [Int]

    let variableCount: Int
    /// Nonzero coefficients by exponent vector (each of length `variableCount`).
    private(set) var terms: [Exponents: Rational]

    init(variableCount: Int, terms: [Exponents: Rational] = [:]) {
        self.variableCount = variableCount
        self.terms = terms.filter { !$0.value.isZero }
    }

    static func constant(_ value: Rational, variableCount: Int) -> Polynomial {
        Polynomial(variableCount: variableCount, terms: [Array(repeating: 0, count: variableCount): value])
    }

    /// xᵢ.
    static func variable(_ index: Int, variableCount: Int) -> Polynomial {
        var exponents = Array(repeating: 0, count: variableCount)
        exponents[index] = 1
        return Polynomial(variableCount: variableCount, terms: [exponents: 1])
    }

    var zeroExponents: Exponents { Array(repeating: 0, count: variableCount) }
    var one: Polynomial { .constant(1, variableCount: variableCount) }
    var isZero: Bool { terms.isEmpty }
    var isConstant: Bool { terms.keys.allSatisfy { $0.allSatisfy { $0 == 0 } } }
    var termCount: Int { terms.count }

    /// The value of a constant polynomial (0 for the zero polynomial).
    var constantValue: Rational? {
        guard isConstant else { return nil }
        return terms[zeroExponents] ?? 0
    }

    static func + (lhs: Polynomial, rhs: Polynomial) -> Polynomial {
        var result = lhs.terms
        for (exponents, c) in rhs.terms {
            let sum = (result[exponents] ?? 0) + c
            result[exponents] = sum.isZero ? nil : sum
        }
        return Polynomial(variableCount: lhs.variableCount, terms: result)
    }

    static prefix func - (operand: Polynomial) -> Polynomial { operand.scaled(by: -1) }
    static func - (lhs: Polynomial, rhs: Polynomial) -> Polynomial { lhs + (-rhs) }

    static func * (lhs: Polynomial, rhs: Polynomial) -> Polynomial {
        var result: [Exponents: Rational] = [:]
        for (a, c) in lhs.terms {
            for (b, d) in rhs.terms {
                var exponents = a
                for i in exponents.indices { exponents[i] += b[i] }
                let sum = (result[exponents] ?? 0) + c * d
                result[exponents] = sum.isZero ? nil : sum
            }
        }
        return Polynomial(variableCount: lhs.variableCount, terms: result)
    }

    func scaled(by c: Rational) -> Polynomial {
        if c.isZero { return Polynomial(variableCount: variableCount) }
        return Polynomial(variableCount: variableCount, terms: terms.mapValues { $0 * c })
    }

    /// self^n for n ≥ 0 by repeated squaring.
    func power(_ n: Int) -> Polynomial {
        var result = one, base = self, k = n
        while k > 0 {
            if k & 1 == 1 { result = result * base }
            k >>= 1
            if k > 0 { base = base * base }
        }
        return result
    }

    /// self · xᵥ^k.
    func shifted(_ v: Int, by k: Int) -> Polynomial {
        var result: [Exponents: Rational] = [:]
        for (exponents, c) in terms {
            var e = exponents
            e[v] += k
            result[e] = c
        }
        return Polynomial(variableCount: variableCount, terms: result)
    }

    /// The degree in xᵥ (0 for the zero polynomial).
    func degree(in v: Int) -> Int { terms.keys.reduce(0) { Swift.max($0, $1[v]) } }

    /// The total degree (0 for the zero polynomial).
    var totalDegree: Int { terms.keys.reduce(0) { Swift.max($0, $1.reduce(0, +)) } }

    /// The coefficient of xᵥ^k, a polynomial free of xᵥ.
    func coefficient(in v: Int, degree k: Int) -> Polynomial {
        var result: [Exponents: Rational] = [:]
        for (exponents, c) in terms where exponents[v] == k {
            var e = exponents
            e[v] = 0
            result[e] = c
        }
        return Polynomial(variableCount: variableCount, terms: result)
    }

    /// The coefficients in xᵥ, each free of xᵥ, by power.
    func coefficients(in v: Int) -> [Int: Polynomial] {
        var grouped: [Int: [Exponents: Rational]] = [:]
        for (exponents, c) in terms {
            var e = exponents
            e[v] = 0
            grouped[exponents[v], default: [:]][e] = c
        }
        return grouped.mapValues { Polynomial(variableCount: variableCount, terms: $0) }
    }

    /// ∂/∂xᵥ.
    func derivative(in v: Int) -> Polynomial {
        var result: [Exponents: Rational] = [:]
        for (exponents, c) in terms where exponents[v] > 0 {
            var e = exponents
            e[v] -= 1
            result[e] = c * Rational(exponents[v])
        }
        return Polynomial(variableCount: variableCount, terms: result)
    }

    /// The first variable that occurs, if any.
    var firstVariable: Int? {
        (0..<variableCount).first { v in terms.keys.contains { $0[v] > 0 } }
    }

    /// Whether a precedes b lexicographically from the top (x₀ first).
    static func lexGreater(_ a: Exponents, _ b: Exponents) -> Bool {
        for i in a.indices where a[i] != b[i] { return a[i] > b[i] }
        return false
    }

    /// The lexicographically leading term.
    var leadingTerm: (Exponents, Rational)? {
        var best: (Exponents, Rational)? = nil
        for (exponents, c) in terms {
            if let current = best, !Polynomial.lexGreater(exponents, current.0) { continue }
            best = (exponents, c)
        }
        return best
    }

    /// The exact quotient self / divisor, or nil when divisor does not divide self (or the
    /// division takes more than `maximumSteps` leading-term steps).
    ///
    /// Multivariate division by leading terms in lexicographic order: when the divisor
    /// divides, every leading term of the running remainder is divisible by the divisor's.
    func dividedExactly(by divisor: Polynomial, maximumSteps: Int = 20_000) -> Polynomial? {
        guard let (leadExponents, leadCoefficient) = divisor.leadingTerm,
              let inverse = try? leadCoefficient.reciprocal() else { return nil }
        if divisor.isConstant { return scaled(by: inverse) }
        var quotient: [Exponents: Rational] = [:]
        var remainder = self
        var steps = 0
        while let (exponents, c) = remainder.leadingTerm {
            steps += 1
            guard steps <= maximumSteps else { return nil }
            var e = exponents
            for i in e.indices {
                e[i] -= leadExponents[i]
                if e[i] < 0 { return nil }
            }
            let factor = c * inverse
            quotient[e] = factor
            remainder = remainder - Polynomial(variableCount: variableCount, terms: [e: factor]) * divisor
        }
        return Polynomial(variableCount: variableCount, terms: quotient)
    }

    /// The positive rational c with self = ±c·P, P having coprime integer coefficients and
    /// a positive leading coefficient: gcd of the numerators over lcm of the denominators,
    /// signed like the leading coefficient. 1 for the zero polynomial.
    var unitContent: Rational {
        guard let (_, lead) = leadingTerm else { return 1 }
        var numerators = BigInteger(0)
        var denominators = BigInteger(1)
        for c in terms.values {
            numerators = BigInteger.gcd(numerators, c.numerator)
            let g = BigInteger.gcd(denominators, c.denominator)
            denominators = (try? (denominators * c.denominator).dividedExactly(by: g)) ?? denominators
        }
        guard let content = try? Rational(numerators, denominators) else { return 1 }
        return lead.signum() < 0 ? -content : content
    }

    /// self divided by its unit content: integer coefficients, coprime, leading one positive.
    var normalized: Polynomial {
        guard !isZero, let inverse = try? unitContent.reciprocal() else { return self }
        return scaled(by: inverse)
    }
}
