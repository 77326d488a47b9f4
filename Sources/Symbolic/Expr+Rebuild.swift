import Exact

/// Structural traversal: rebuilding a node from new children, substitution,
/// free symbols.
extension Expr {
    /// The same kind of node over `newChildren`, through the canonical builders
    /// (so a rebuilt tree is canonical again).
    public func replacingChildren(_ newChildren: [Expr]) -> Expr {
        switch node {
        case .number, .symbol, .pi, .undefined: self
        case .sum: Expr.sum(newChildren)
        case .product: Expr.product(newChildren)
        case .power(_, let exponent): Expr.power(newChildren[0], exponent)
        case .apply(let function, _): Expr.apply(function, newChildren)
        }
    }

    /// Applies `transform` bottom-up: children first, then the rebuilt node.
    public func transformed(_ transform: (Expr) throws -> Expr) rethrows -> Expr {
        let kids = children
        if kids.isEmpty { return try transform(self) }
        return try transform(replacingChildren(kids.map { try $0.transformed(transform) }))
    }

    /// The expression with every symbol named in `replacements` replaced,
    /// simultaneously: `(x + y).substituting(["x": y, "y": x]) == y + x`.
    public func substituting(_ replacements: [String: Expr]) -> Expr {
        transformed { expr in
            if case .symbol(let name) = expr.node, let replacement = replacements[name] { return replacement }
            return expr
        }
    }

    /// The expression with the symbol `name` replaced by `value`.
    public func substituting(_ name: String, with value: Expr) -> Expr {
        substituting([name: value])
    }

    /// The names of the symbols in the expression.
    public var freeSymbols: Set<String> {
        var names: Set<String> = []
        func visit(_ expr: Expr) {
            if case .symbol(let name) = expr.node { names.insert(name) }
            for child in expr.children { visit(child) }
        }
        visit(self)
        return names
    }

    /// Whether the symbol `name` occurs in the expression.
    public func contains(symbol name: String) -> Bool {
        if case .symbol(let own) = node { return own == name }
        return children.contains { $0.contains(symbol: name) }
    }
}
