import Symbolic

/// Symbols, evaluation, exact simplification, calculus and printers for symbolic
/// expressions (`Symbolic.Expr`).
///
///     symbols x, y
///     let f = exp(sin(pi*x) + y^2)
///     diff(f, y)                    # 2*y*exp(y^2 + sin(pi*x))
///     latex(1/3*x)                  # \frac{x}{3}
///     evaluate(f, {x: 0, y: 0})     # 1
///
/// Every builtin here that takes an `expression` also accepts a number (a
/// constant expression) and a `formula` (its expression).
public enum SymbolicBuiltins: BuiltinGroup {
    /// What these builtins accept as an expression.
    static let expressionLike: ParameterType = .oneOf([.expression, .opaque("formula")])

    public static var builtins: [Builtin] {
        [
            Builtin("symbol", [.required("name", .string)], group: "symbolic",
                    doc: "A symbol as a value: symbol(\"x\") is what `symbols x` binds to x.") { call in
                let name = try call.string("name")
                guard ValueFormatter.isIdentifier(name) else { throw call.error("'\(name)' is not a valid symbol name", at: "name") }
                return .symbolic(SymbolicBuilder.symbol(name))
            },
            Builtin("evaluate", [.required("expression", expressionLike), .optional("values", .record, default: .record(RecordStorage()))],
                    group: "symbolic",
                    doc: "The number an expression takes with values for its symbols: evaluate(x^2 + y, {x: 2, y: 1}) is 5.") { call in
                let values = try call.record("values")
                var bindings: [String: Double] = [:]
                for entry in values.entries {
                    guard let value = entry.value.numberValue else {
                        throw call.error("the value of '\(entry.key)' must be a number", at: "values")
                    }
                    bindings[entry.key] = value
                }
                let expression = try expressionArgument(call, "expression")
                do throws(SymbolicEvaluator.UnboundSymbol) {
                    return .number(try SymbolicEvaluator.evaluate(expression, bindings))
                } catch {
                    throw call.error("no value for the symbol '\(error.name)'", at: "values")
                }
            },
            Builtin("free_symbols", [.required("expression", expressionLike)], group: "symbolic",
                    doc: "The names of the symbols in an expression, sorted.") { call in
                .list(try expressionArgument(call, "expression").freeSymbols.sorted().map(Value.string))
            },
            Builtin("simplify", [.required("expression", expressionLike)], group: "symbolic",
                    doc: "Exact simplification: expands, cancels common polynomial factors, factors, and applies trigonometric, exponential and logarithmic identities where they make the expression shorter: simplify((x^2 - y^2)/(x - y)) is x + y, simplify(sin(x)^2 + cos(x)^2) is 1. Rules that need a sign (sqrt(x^2) = x) apply to symbols declared `symbols x positive`.") { call in
                let expression = try expressionArgument(call, "expression")
                let interpreter = call.interpreter
                let simplified: Expr
                do {
                    // Ctrl-C abandons the simplification of a huge expression.
                    simplified = try expression.simplified(assuming: interpreter.assumptions,
                                                           shouldStop: { interpreter.isInterrupted })
                } catch {
                    throw KanError("interrupted", at: call.location)
                }
                return try result(call, simplified)
            },
            Builtin("cancel", [.required("expression", expressionLike)], group: "symbolic",
                    doc: "One quotient over a common denominator, numerator and denominator expanded and their greatest common divisor cancelled: cancel((x^2 - 1)/(x - 1)) is x + 1, cancel(1/x + 1/y) is (x + y)/(x*y).") { call in
                try result(call, try expressionArgument(call, "expression").cancelled())
            },
            Builtin("together", [.required("expression", expressionLike)], group: "symbolic",
                    doc: "One quotient over a common denominator, numerator and denominator expanded, nothing cancelled: together(1/x + 1/y) is (x + y)/(x*y), together((x^2 - 1)/(x - 1)) keeps its common factor (cancel removes it).") { call in
                try result(call, try expressionArgument(call, "expression").together())
            },
            Builtin("factor", [.required("expression", expressionLike)], group: "symbolic",
                    doc: "cancel, then numerator and denominator factored over the rationals into content, common monomial and irreducible factors: factor(x^2 - y^2) is (x - y)*(x + y), factor(x^3 + y^3) is (x + y)*(x^2 - x*y + y^2), factor(2*x^3 - 4*x^2 + 2*x) is 2*x*(x - 1)^2.") { call in
                try result(call, try expressionArgument(call, "expression").factored())
            },
            Builtin("apart", [.required("expression", expressionLike), .required("symbol", .oneOf([.expression, .string]))],
                    group: "symbolic",
                    doc: "Partial fractions in a symbol, exact: a polynomial plus numerators over powers of the denominator's irreducible factors over the rationals: apart(1/(x^2 - 1), x) is 1/(2*(x - 1)) - 1/(2*(x + 1)). Other symbols are parameters when the denominator has simple roots in the symbol: apart(1/((x + a)*(x + b)), x) is 1/((b - a)*(x + a)) - 1/((b - a)*(x + b)).") { call in
                let name = try symbolName(call, "symbol")
                let expression = try expressionArgument(call, "expression")
                guard let parts = expression.apart(in: name) else {
                    throw call.error("apart needs a rational function of \(name) (no function or root of \(name)) whose denominator, with other symbols in it, has only simple roots in \(name); and small enough for exact arithmetic",
                                     at: "expression")
                }
                return try result(call, parts)
            },
            Builtin("expand", [.required("expression", expressionLike)], group: "symbolic",
                    doc: "Multiplies out products and integer powers of sums (up to power 64): expand((x + 1)^2) is x^2 + 2*x + 1.") { call in
                let expression = try expressionArgument(call, "expression")
                let interpreter = call.interpreter
                do {
                    // Ctrl-C abandons a large expansion.
                    return try result(call, try expression.expanded(shouldStop: { interpreter.isInterrupted }))
                } catch is SimplificationInterrupted {
                    throw KanError("interrupted", at: call.location)
                }
            },
            Builtin("diff", [.required("expression", expressionLike), .required("symbol", .oneOf([.expression, .string])),
                             .optional("n", .integer, default: .number(1), "how many times to differentiate (0 to 20)")],
                    group: "symbolic",
                    doc: "The derivative with respect to a symbol, exact: diff(sin(x)*x, x) is x*cos(x) + sin(x); diff(f, x, n: 2) the second.") { call in
                let name = try symbolName(call, "symbol")
                let count = try call.integer("n")
                guard (0...20).contains(count) else { throw call.error("n must be between 0 and 20, got \(count)", at: "n") }
                var expression = try expressionArgument(call, "expression")
                for _ in 0..<count {
                    expression = expression.derivative(withRespectTo: name)
                    try call.interpreter.checkInterrupt(at: call.location)
                }
                return try result(call, expression)
            },
            Builtin("subs", [.required("expression", expressionLike), .required("values", .record,
                                                                          "{name: number or expression, ...}")],
                    group: "symbolic",
                    doc: "Substitutes for symbols, all at once: subs(x^2 + y, {x: y + 1, y: 2}) is (y + 1)^2 + 2.") { call in
                var replacements: [String: Expr] = [:]
                for entry in try call.record("values").entries {
                    guard let operand = SymbolicBuilder.operand(entry.value), !(entry.value.isFormula) else {
                        throw call.error("the value for '\(entry.key)' must be a number or an expression, got \(entry.value.typeName)",
                                         at: "values")
                    }
                    replacements[entry.key] = operand.expression
                }
                return try result(call, try expressionArgument(call, "expression").substituting(replacements))
            },
            Builtin("text", [.required("expression", expressionLike)], group: "symbolic",
                    doc: "The plain-text form, which parse() and KanLang read back: text(x^2/3) is \"x^2/3\".") { call in
                .string(TextPrinter().print(try expressionArgument(call, "expression")))
            },
            Builtin("latex", [.required("expression", expressionLike)], group: "symbolic",
                    doc: "The LaTeX form: latex(sqrt(x)/2) is \"\\frac{\\sqrt{x}}{2}\".") { call in
                .string(LatexPrinter().print(try expressionArgument(call, "expression")))
            },
            Builtin("sympy", [.required("expression", expressionLike)], group: "symbolic",
                    doc: "The SymPy (Python) form: sympy(x^2) is \"x**2\".") { call in
                .string(SympyPrinter().print(try expressionArgument(call, "expression")))
            },
            Builtin("parse", [.required("text", .string)], group: "symbolic",
                    doc: "An expression from its text form, with every name a symbol: parse(\"exp(-x^2/2)\"). Errors give the column in the text.") { call in
                let text = try call.string("text")
                let parsed: Expr
                do throws(ParseError) {
                    parsed = try Expr(parsing: text)
                } catch {
                    throw call.error("cannot parse expression: column \(error.column) of the text: \(error.message)", at: "text")
                }
                return try result(call, parsed)
            },
        ]
    }

    /// The expression of an argument that is a number, an expression or a formula.
    static func expressionArgument(_ call: BuiltinCall, _ name: String) throws(KanError) -> Expr {
        guard let operand = SymbolicBuilder.operand(try call.value(name)) else {
            throw call.error("\(name) must be an expression", at: name)
        }
        return operand.expression
    }

    /// The name of a symbol given as an expression (`x`) or a string (`"x"`).
    static func symbolName(_ call: BuiltinCall, _ parameter: String) throws(KanError) -> String {
        switch try call.value(parameter) {
        case .string(let name) where ValueFormatter.isIdentifier(name): return name
        case .symbolic(let symbolic):
            if let name = symbolic.expression.symbolName { return name }
        default: break
        }
        throw call.error("\(parameter) must be a symbol", at: parameter)
    }

    /// An expression result, or a located error past the size and depth limits or when it
    /// is undefined (`subs(1/x, {x: 0})`).
    static func result(_ call: BuiltinCall, _ expression: Expr) throws(KanError) -> Value {
        let undefined = "\(call.builtinName): the result is undefined "
            + "(a division by zero, or a function outside its domain such as log(0))"
        return try call.interpreter.symbolicResult(at: call.location, undefined: undefined) { () throws(SymbolicBuilder.TooDeep) in
            try SymbolicBuilder.measured(expression)
        }
    }
}

extension Value {
    /// Whether this is a formula value.
    var isFormula: Bool {
        if case .opaque(let object) = self { return object is FormulaValue }
        return false
    }
}
