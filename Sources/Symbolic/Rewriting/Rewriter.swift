import Exact

/// Identities as rewrite rules under a cost model: the last stage of `simplified()`.
///
/// Bottom-up, at every node (its children already rewritten) each applicable rule
/// proposes equivalent forms, and the node becomes the one of least `complexity`,
/// kept only when strictly less than the node's own; then the rules are tried again on
/// the winner, a few rounds at most (greedy descent, as SymPy's `simplify` keeps the
/// shortest of its candidates). The rules:
/// - rational functions (`RationalRules.swift`): cancel the gcd of numerator and
///   denominator, together over a common denominator, factor (content, monomial,
///   square-free parts): (x² − y²)/(x − y) = x + y;
/// - trigonometry (`TrigonometricRules.swift`): sin² + cos² = 1 both ways, products to
///   sums (2·sin x·cos x = sin 2x, cos² u = (1 + cos 2u)/2), multiple angles and sums
///   of angles, sums to products, tan = sin/cos both ways, and the same for sinh, cosh,
///   tanh;
/// - exponentials and logarithms (`ExponentialRules.swift`): Σ cᵢ·log uᵢ = log ∏ uᵢ^cᵢ,
///   log of products and powers split where the signs allow, exp(u) ± exp(−u) as
///   cosh and sinh;
/// - roots and absolute values (`PowerRules.swift`): √(x²) = |x|, √a·√b = √(ab), and,
///   under `Assumptions`, |x| = x, √(x²·y) = x·√y.
///
/// Every rule is exact. Each is guarded by what the node contains (no trigonometric
/// rule runs on a node without sin, cos or tan), so a formula the rules do not touch
/// costs one scan of it; and the number of candidates tried is bounded by a budget,
/// so the stage always ends, and checks `shouldStop` at every node and candidate.
struct Rewriter {
    let assumptions: Assumptions
    let shouldStop: () -> Bool
    /// Candidates that may still be tried.
    var remainingCandidates: Int
    /// The polynomial work (gcds, factorisations) still allowed.
    var polynomialBudget: PolynomialBudget
    /// The form each node rewrote to, and each result to itself: a result is final, so
    /// the rounds that alternate with the canonical ones (`simplified(assuming:)`) redo
    /// nothing for what they did not change.
    private var rewritten: [Expr: Expr] = [:]

    static let candidateBudget = 600
    static let rounds = 3

    init(assumptions: Assumptions, shouldStop: @escaping () -> Bool) {
        self.assumptions = assumptions
        self.shouldStop = shouldStop
        self.remainingCandidates = Rewriter.candidateBudget
        self.polynomialBudget = PolynomialBudget(steps: 6_000, maximumTerms: 400)
    }

    /// The expression with every node rewritten to its cheapest known form.
    mutating func rewrite(_ e: Expr) throws(SimplificationInterrupted) -> Expr {
        if shouldStop() { throw SimplificationInterrupted() }
        let kids = e.children
        if kids.isEmpty { return e }
        if let known = rewritten[e] { return known }
        let newKids = try kids.map { (kid) throws(SimplificationInterrupted) in try rewrite(kid) }
        let result = try cheapest(newKids == kids ? e : e.replacingChildren(newKids))
        rewritten[e] = result
        rewritten[result] = result
        return result
    }

    /// The cheapest form of one node whose children are rewritten.
    mutating func cheapest(_ node: Expr) throws(SimplificationInterrupted) -> Expr {
        var best = node
        var bestCost = node.complexity
        for _ in 0..<Rewriter.rounds {
            let features = RewriteFeatures(best)
            guard features.mayRewrite else { return best }
            var improved = false
            for candidate in candidates(best, features, cost: bestCost) {
                if shouldStop() { throw SimplificationInterrupted() }
                guard remainingCandidates > 0 else { return best }
                remainingCandidates -= 1
                if candidate.isUndefined { continue }
                let cost = candidate.complexity
                if cost < bestCost {
                    best = candidate
                    bestCost = cost
                    improved = true
                }
            }
            if !improved { break }
        }
        return best
    }

    /// The forms the rules propose for a node.
    mutating func candidates(_ node: Expr, _ features: RewriteFeatures, cost: Int) -> [Expr] {
        var result: [Expr] = []
        if features.contains(.absoluteValue) || features.contains(.root) { result += powerCandidates(node) }
        if features.contains(.logarithm) || features.contains(.exponential) { result += exponentialCandidates(node) }
        // A lone sin(u), tanh(u), … (u already rewritten) has no shorter trigonometric or
        // hyperbolic form: the identities need two of them, or a power or quotient.
        var isApplication = false
        if case .apply = node.node { isApplication = true }
        if features.contains(.hyperbolic) && !isApplication { result += hyperbolicCandidates(node) }
        if features.contains(.trigonometric) && !isApplication { result += trigonometricCandidates(node) }
        if features.contains(.denominator) || features.contains(.polynomialSum) {
            result += rationalCandidates(node, complexity: cost)
        }
        return result
    }
}

/// What a node contains, to decide which rules may apply.
struct RewriteFeatures: OptionSet {
    let rawValue: Int
    static let trigonometric = RewriteFeatures(rawValue: 1)
    static let hyperbolic = RewriteFeatures(rawValue: 2)
    static let exponential = RewriteFeatures(rawValue: 4)
    static let logarithm = RewriteFeatures(rawValue: 8)
    static let root = RewriteFeatures(rawValue: 16)
    static let absoluteValue = RewriteFeatures(rawValue: 32)
    /// A power with a negative exponent of something with a symbol in it.
    static let denominator = RewriteFeatures(rawValue: 64)
    /// The node is a sum with a term of degree ≥ 2 in the polynomial sense (a candidate
    /// for factoring).
    static let polynomialSum = RewriteFeatures(rawValue: 128)

    init(rawValue: Int) { self.rawValue = rawValue }

    init(_ node: Expr) {
        var features: RewriteFeatures = []
        // Only the algebraic structure of the node counts, not function arguments.
        func visit(_ e: Expr, topLevel: Bool) {
            switch e.node {
            case .number, .symbol, .pi, .undefined:
                return
            case .apply(let function, let args):
                switch function {
                case .sin, .cos, .tan: features.insert(.trigonometric)
                case .sinh, .cosh, .tanh: features.insert(.hyperbolic)
                case .exp: features.insert(.exponential)
                case .log: features.insert(.logarithm)
                case .abs, .sign: features.insert(.absoluteValue)
                default: break
                }
                // Arguments are nodes of their own, rewritten before: the rules here work
                // outside them (`transformedOutsideFunctions`), so what is inside does not count.
                _ = args
            case .power(let base, let exponent):
                if !exponent.isInteger { features.insert(.root) }
                if topLevel && exponent.signum() < 0 && base.hasSymbol { features.insert(.denominator) }
                visit(base, topLevel: topLevel)
            case .sum(let terms), .product(let terms):
                for term in terms { visit(term, topLevel: topLevel) }
            }
        }
        visit(node, topLevel: true)
        // Factoring can shorten a sum only through a factor common to all its terms or a
        // repeated factor, which needs a power: x·y + x, x² + 2·x + 1.
        if case .sum(let terms) = node.node, terms.count >= 2, terms.count <= 24,
           terms.contains(where: { $0.hasPowerOrProductOfSymbols }),
           terms.contains(where: \.hasSquare) || Expr.haveCommonFactor(terms) {
            features.insert(.polynomialSum)
        }
        self = features
    }

    var mayRewrite: Bool { !isEmpty }
}

extension Expr {
    /// Whether a term has a factor b^n, n ≥ 2 an integer, b with a symbol.
    var hasSquare: Bool {
        let factors: [Expr]
        if case .product(let list) = node { factors = list } else { factors = [self] }
        return factors.contains { factor in
            let (base, exponent) = factor.baseAndExponent
            return exponent.isInteger && exponent > 1 && base.hasSymbol
        }
    }

    /// Whether every one of `terms` has a factor with the same base (x·y + x, √x + x).
    static func haveCommonFactor(_ terms: [Expr]) -> Bool {
        func bases(_ term: Expr) -> Set<Expr> {
            let (_, monomial) = term.coefficientAndMonomial
            let factors: [Expr]
            if case .product(let list) = monomial.node { factors = list } else { factors = [monomial] }
            return Set(factors.map(\.baseAndExponent.0).filter(\.hasSymbol))
        }
        var common = bases(terms[0])
        for term in terms.dropFirst() {
            common.formIntersection(bases(term))
            if common.isEmpty { return false }
        }
        return !common.isEmpty
    }

    /// Whether a term has degree ≥ 2 in its atoms: x², x·y, sin(x)·y.
    var hasPowerOrProductOfSymbols: Bool {
        switch node {
        case .power(let base, let exponent): return exponent.isInteger && exponent > 1 && base.hasSymbol
        case .product(let factors): return factors.filter(\.hasSymbol).count >= 2
            || factors.contains { $0.hasPowerOrProductOfSymbols }
        default: return false
        }
    }
}

extension Expr {
    /// `transformed(_:)` through sums, products and powers but not into function
    /// arguments (the function applications themselves are transformed): the rewriter
    /// has already rewritten every argument as a node of its own, so its rules need only
    /// the algebraic structure of the node at hand, and a rebuild of every argument at
    /// every node would make the stage quadratic.
    func transformedOutsideFunctions(_ transform: (Expr) -> Expr) -> Expr {
        switch node {
        case .sum, .product, .power:
            // Rebuilding canonically sorts and hashes every child: only when one changed.
            let kids = children
            let newKids = kids.map { $0.transformedOutsideFunctions(transform) }
            return transform(newKids == kids ? self : replacingChildren(newKids))
        default:
            return transform(self)
        }
    }

    /// `expanded()` outside function arguments (see `transformedOutsideFunctions`).
    func expandedOutsideFunctions() -> Expr { transformedOutsideFunctions { $0.expandedNode() } }
}
