import Exact

/// Trigonometric candidates for the rewriter.
///
/// - products to sums: sin u·sin v = (cos(u − v) − cos(u + v))/2,
///   cos u·cos v = (cos(u − v) + cos(u + v))/2, sin u·cos v = (sin(u + v) + sin(u − v))/2,
///   applied to every product of sines and cosines (powers included), so
///   2·sin x·cos x = sin 2x, sin² x + cos² x = 1 and
///   27/10 − 27·cos²(13x/20 + π/4)/5 = 27·sin(13x/10)/10 (the shift by π/2 that
///   appears is then a quarter turn, `Trigonometry.swift`);
/// - Pythagoras both ways: sin² u = 1 − cos² u, cos² u = 1 − sin² u (then expanded);
/// - multiple angles and sums of angles: sin 2u = 2·sin u·cos u,
///   cos(a + b) = cos a·cos b − sin a·sin b, …, then Pythagoras, for cancellations that
///   only show in the single angles;
/// - sums to products: sin a ± sin b = 2·sin((a ± b)/2)·cos((a ∓ b)/2), and the like for
///   cosines (a cosine is a sine shifted by π/2);
/// - tan u = sin u / cos u both ways (and tanh u = sinh u / cosh u);
/// - harmonic addition, a·sin u + b·cos u = R·sin(u + φ) for an exact phase
///   (`HarmonicAddition.swift`).
extension Rewriter {
    mutating func trigonometricCandidates(_ node: Expr) -> [Expr] {
        var result: [Expr] = [node.linearizedTrigonometry()]
        result.append(node.replacingSquares(of: .sin, by: .cos).expandedOutsideFunctions())
        result.append(node.replacingSquares(of: .cos, by: .sin).expandedOutsideFunctions())
        let angles = node.expandedAngles()
        if angles != node {
            let expanded = angles.expandedOutsideFunctions()
            result.append(expanded)
            result.append(expanded.replacingSquares(of: .sin, by: .cos).expandedOutsideFunctions())
            result.append(expanded.replacingSquares(of: .cos, by: .sin).expandedOutsideFunctions())
        }
        let quotients = node.tangentsAsQuotients()
        if quotients != node {
            result.append(quotients)
            result.append(quotients.linearizedTrigonometry())
        }
        result.append(node.quotientsAsTangents())
        result += node.sumsToProducts()
        result += node.harmonicSums()
        // A quotient may cancel only once Pythagoras is applied: (sin² x − 1)/(sin x − 1).
        if RewriteFeatures(node).contains(.denominator) {
            result += rationalCandidates(node.replacingSquares(of: .cos, by: .sin))
            result += rationalCandidates(node.replacingSquares(of: .sin, by: .cos))
        }
        return result
    }
}

extension Expr {
    /// Every product of sines and cosines (at most 8 factors counted with their powers)
    /// written as a sum of sines and cosines of sums of the arguments.
    func linearizedTrigonometry() -> Expr {
        Expr.sum(terms.map(\.linearizedTerm))
    }

    private var linearizedTerm: Expr {
        let factors: [Expr]
        if case .product(let list) = node { factors = list } else { factors = [self] }
        var trigonometric: [(Function, Expr)] = []
        var others: [Expr] = []
        for factor in factors {
            let (base, exponent) = factor.baseAndExponent
            if case .apply(let f, let args) = base.node, f == .sin || f == .cos, exponent.isInteger,
               exponent.signum() > 0, let n = exponent.numerator.asInt, trigonometric.count + n <= 8 {
                for _ in 0..<n { trigonometric.append((f, args[0])) }
            } else {
                others.append(factor)
            }
        }
        guard trigonometric.count >= 2 else { return self }
        var accumulated = Expr.apply(trigonometric[0].0, trigonometric[0].1)
        for (g, v) in trigonometric.dropFirst() {
            accumulated = Expr.sum(accumulated.terms.map { Expr.productToSum($0, g, v) })
        }
        return Expr.distribute(others + [accumulated])
    }

    /// term·g(v) for a term c·f(u) (f ∈ {sin, cos}), as a sum.
    private static func productToSum(_ term: Expr, _ g: Function, _ v: Expr) -> Expr {
        let (c, m) = term.coefficientAndMonomial
        guard case .apply(let f, let args) = m.node, f == .sin || f == .cos else {
            return product([term, apply(g, v)])
        }
        let u = args[0]
        let half = Expr.number(c * Rational.oneHalf)
        let difference = u - v, total = u + v
        switch (f, g) {
        case (.sin, .sin): return half * (cos(difference) - cos(total))
        case (.cos, .cos): return half * (cos(difference) + cos(total))
        case (.sin, _): return half * (sin(total) + sin(difference))
        default: return half * (sin(total) - sin(difference))
        }
    }

    /// Every f(u)^n (n ≥ 2, f ∈ {sin, cos, sinh, cosh}) with f(u)² written through g(u)²:
    /// sin² = 1 − cos², cos² = 1 − sin², sinh² = cosh² − 1, cosh² = 1 + sinh².
    func replacingSquares(of f: Function, by g: Function) -> Expr {
        transformedOutsideFunctions { e in
            guard case .power(let base, let exponent) = e.node, case .apply(f, let args) = base.node,
                  exponent.isInteger, let n = exponent.numerator.asInt, n >= 2, n <= 12 else { return e }
            let square = Expr.power(Expr.apply(g, args), Rational(2))
            let replacement: Expr
            switch f {
            case .sinh: replacement = square - 1
            case .cosh: replacement = 1 + square
            default: replacement = 1 - square
            }
            return Expr.power(base, Rational(n % 2)) * Expr.power(replacement, Rational(n / 2))
        }
    }

    /// sin and cos of sums (up to 3 terms) and of small integer multiples (2 to 4) of an
    /// angle, written in the single angles.
    func expandedAngles() -> Expr {
        transformedOutsideFunctions { e in
            guard case .apply(let f, let args) = e.node, f == .sin || f == .cos else { return e }
            return Expr.angleExpansion(f, args[0], depth: 0) ?? e
        }
    }

    private static func expandedTrig(_ f: Function, _ u: Expr, depth: Int) -> Expr {
        angleExpansion(f, u, depth: depth + 1) ?? apply(f, u)
    }

    private static func angleExpansion(_ f: Function, _ u: Expr, depth: Int) -> Expr? {
        guard depth < 6 else { return nil }
        let a: Expr, b: Expr
        if case .sum(let terms) = u.node, terms.count <= 3 {
            a = terms[0]
            b = sum(Array(terms.dropFirst()))
        } else {
            let (c, m) = u.coefficientAndMonomial
            guard c.isInteger, let k = c.numerator.asInt, k >= 2, k <= 4 else { return nil }
            a = product([Expr(k - 1), m])
            b = m
        }
        let sinA = expandedTrig(.sin, a, depth: depth), cosA = expandedTrig(.cos, a, depth: depth)
        let sinB = expandedTrig(.sin, b, depth: depth), cosB = expandedTrig(.cos, b, depth: depth)
        return f == .sin ? sinA * cosB + cosA * sinB : cosA * cosB - sinA * sinB
    }

    /// tan u as sin u / cos u, tanh u as sinh u / cosh u.
    func tangentsAsQuotients() -> Expr {
        transformedOutsideFunctions { e in
            switch e.node {
            case .apply(.tan, let args): return Expr.sin(args[0]) / Expr.cos(args[0])
            case .apply(.tanh, let args): return Expr.sinh(args[0]) / Expr.cosh(args[0])
            default: return e
            }
        }
    }

    /// sin(u)^a·cos(u)^b with a, b of opposite signs as tan(u)^k·sin(u)^(a−k)·cos(u)^(b+k),
    /// k the exponent of smaller size signed like a (sin/cos = tan, cos/sin = 1/tan); the
    /// same for sinh, cosh, tanh.
    func quotientsAsTangents() -> Expr {
        transformedOutsideFunctions { e in
            guard case .product(let factors) = e.node else { return e }
            var exponents: [Expr: Rational] = [:]
            for factor in factors {
                let (base, exponent) = factor.baseAndExponent
                if case .apply(let f, _) = base.node, [.sin, .cos, .sinh, .cosh].contains(f) { exponents[base] = exponent }
            }
            guard exponents.count >= 2 else { return e }
            var changes: [Expr: Rational] = [:]
            var tangents: [Expr] = []
            for (base, a) in exponents {
                guard case .apply(let f, let args) = base.node, f == .sin || f == .sinh else { continue }
                let partner = Expr.apply(f == .sin ? .cos : .cosh, args)
                guard let b = exponents[partner], a.signum() * b.signum() < 0 else { continue }
                let size = Swift.min(a.magnitude, b.magnitude)
                let k = a.signum() > 0 ? size : -size
                changes[base] = a - k
                changes[partner] = b + k
                tangents.append(Expr.power(Expr.apply(f == .sin ? .tan : .tanh, args), k))
            }
            guard !tangents.isEmpty else { return e }
            let kept = factors.map { factor -> Expr in
                let (base, _) = factor.baseAndExponent
                if let exponent = changes[base] { return Expr.power(base, exponent) }
                return factor
            }
            return Expr.product(kept + tangents)
        }
    }

    /// For a sum, each pair of terms ±c·sin a, ±c·sin b (a cosine read as the sine shifted
    /// by π/2) written as one product.
    func sumsToProducts() -> [Expr] {
        guard case .sum(let terms) = node, terms.count <= 8 else { return [] }
        var sines: [(Int, Rational, Expr)] = []
        for (index, term) in terms.enumerated() {
            let (c, m) = term.coefficientAndMonomial
            if case .apply(let f, let args) = m.node {
                if f == .sin { sines.append((index, c, args[0])) }
                if f == .cos { sines.append((index, c, args[0] + Expr.pi / 2)) }
            }
        }
        guard sines.count >= 2 else { return [] }
        var result: [Expr] = []
        for i in 0..<sines.count {
            for j in (i + 1)..<sines.count {
                let (first, c, a) = sines[i], (second, d, b) = sines[j]
                guard c.magnitude == d.magnitude else { continue }
                let half = Expr.number(Rational.oneHalf)
                let combined: Expr = c == d
                    ? 2 * Expr.number(c) * Expr.sin(half * (a + b)) * Expr.cos(half * (a - b))
                    : 2 * Expr.number(c) * Expr.cos(half * (a + b)) * Expr.sin(half * (a - b))
                var rest = terms
                rest.remove(at: second)
                rest.remove(at: first)
                result.append(Expr.sum(rest + [combined]))
            }
        }
        return result
    }
}
