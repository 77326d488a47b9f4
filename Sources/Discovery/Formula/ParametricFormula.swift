import Exact
import Foundation
import Symbolic

/// A closed-form formula over the data's variables with free real constants: the object that
/// the formula stage refits, canonicalises and snaps to exact numbers.
///
/// ```swift
/// let x = Expr.symbol("x"), a = ParametricFormula.parameter(0), b = ParametricFormula.parameter(1)
/// let f = ParametricFormula(expression: a * Expr.sin(x) + b, variables: ["x"],
///                           parameterNames: ["θ0", "θ1"], parameterValues: [2.0001, 0.4999])
/// f.evaluate(columns: [[0, 1]])      // ≈ [0.4999, 2.1830]
/// ```
///
/// `expression` is an exact `Expr` whose symbols are the data's column names (`variables`)
/// and the parameter symbols `θ0`, `θ1`, … (`parameterNames`, made by `parameterName(_:)`
/// only, so they never clash with a column name). `parameterValues[k]` is the current value
/// of `parameterNames[k]`. A snapped constant is no longer a parameter: it has been
/// substituted into `expression` as an exact number (`fixing(_:to:)`).
public struct ParametricFormula: Sendable, Hashable {
    /// The expression, over variable symbols and parameter symbols.
    public var expression: Expr
    /// The data's column names, in column order.
    public var variables: [String]
    /// The symbols of `expression` that are free constants.
    public var parameterNames: [String]
    /// The parameters' current values, in the order of `parameterNames`.
    public var parameterValues: [Double]

    public init(expression: Expr, variables: [String], parameterNames: [String], parameterValues: [Double]) {
        self.expression = expression
        self.variables = variables
        self.parameterNames = parameterNames
        self.parameterValues = parameterValues
    }
}

extension ParametricFormula {
    /// The prefix of every parameter symbol. Greek, so that no data column (CSV headers are
    /// identifiers in practice) and no parsed formula can name one by accident.
    public static let parameterPrefix = "θ"

    /// The name of the nth parameter: `θ0`, `θ1`, ….
    public static func parameterName(_ index: Int) -> String { "\(parameterPrefix)\(index)" }

    /// The symbol of the nth parameter, `Expr.symbol(parameterName(index))`.
    public static func parameter(_ index: Int) -> Expr { .symbol(parameterName(index)) }

    /// The index n of a name `θn` made by `parameterName(_:)`, or nil.
    public static func parameterIndex(_ name: String) -> Int? {
        guard name.hasPrefix(parameterPrefix) else { return nil }
        let digits = name.dropFirst(parameterPrefix.count)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let index = Int(digits), index >= 0,
              parameterName(index) == name else { return nil }
        return index
    }

    /// A formula built from an expression whose parameters are the symbols `θn` it contains,
    /// with their values given by name, ordered by index.
    ///
    /// A `θn` of the expression missing from `values` makes the initialiser fail: its value
    /// would be a guess.
    public init?(expression: Expr, variables: [String], values: [String: Double]) {
        let names = expression.freeSymbols.filter { Self.parameterIndex($0) != nil }
            .sorted { (Self.parameterIndex($0) ?? 0) < (Self.parameterIndex($1) ?? 0) }
        var list: [Double] = []
        for name in names {
            guard let value = values[name] else { return nil }
            list.append(value)
        }
        self.init(expression: expression, variables: variables, parameterNames: names, parameterValues: list)
    }

    /// The number of free parameters.
    public var parameterCount: Int { parameterNames.count }

    /// The current values by parameter name.
    public var valuesByName: [String: Double] {
        var result: [String: Double] = [:]
        for (name, value) in zip(parameterNames, parameterValues) { result[name] = value }
        return result
    }

    /// The smallest index n such that no parameter `θm`, m ≥ n, is in use: where fresh
    /// parameter names start.
    public var nextParameterIndex: Int {
        let used = parameterNames.compactMap(Self.parameterIndex)
            + expression.freeSymbols.compactMap(Self.parameterIndex)
        return (used.max() ?? -1) + 1
    }

    /// Whether the formula is well formed: as many values as names, distinct parameter names
    /// that are not variables, and every symbol of `expression` a variable or a parameter.
    public var isWellFormed: Bool {
        guard parameterNames.count == parameterValues.count,
              Set(parameterNames).count == parameterNames.count,
              Set(parameterNames).isDisjoint(with: variables) else { return false }
        let known = Set(variables).union(parameterNames)
        return expression.freeSymbols.isSubset(of: known)
    }

    /// The formula with parameter `name` replaced by the exact `value` (a snap) and removed
    /// from the parameter list. Unchanged when `name` is not a parameter.
    public func fixing(_ name: String, to value: Expr) -> ParametricFormula {
        guard let index = parameterNames.firstIndex(of: name) else { return self }
        var result = self
        result.expression = expression.substituting(name, with: value)
        result.parameterNames.remove(at: index)
        result.parameterValues.remove(at: index)
        return result.droppingUnusedParameters()
    }

    /// The formula without the parameters that no longer occur in `expression`.
    public func droppingUnusedParameters() -> ParametricFormula {
        let used = expression.freeSymbols
        var result = self
        result.parameterNames = []
        result.parameterValues = []
        for (name, value) in zip(parameterNames, parameterValues) where used.contains(name) {
            result.parameterNames.append(name)
            result.parameterValues.append(value)
        }
        return result
    }

    /// The formula with the given parameter values (same order as `parameterNames`).
    public func with(values: [Double]) -> ParametricFormula {
        var result = self
        result.parameterValues = values
        return result
    }

    /// The expression with every parameter replaced by a number: its value exactly when that
    /// is a short decimal, otherwise the decimal rounded to `significantDigits` significant
    /// digits (see `Rational.decimal(_:significantDigits:)`), so that a constant that never
    /// snapped prints as `0.318310`-like text rather than as the 53-bit binary fraction.
    ///
    /// Parameters already snapped are exact numbers in `expression` and stay exact. A function of
    /// parameters alone (sin(θ₃)) becomes one decimal (`Expr.foldingFunctions(of:)`).
    public func substituting(significantDigits: Int = 6) -> Expr {
        let values = Dictionary(zip(parameterNames, parameterValues), uniquingKeysWith: { first, _ in first })
        let folded = expression.foldingFunctions(of: values, significantDigits: significantDigits)
        var replacements: [String: Expr] = [:]
        for (name, value) in zip(parameterNames, parameterValues) {
            if let rational = Rational.decimal(value, significantDigits: significantDigits) {
                replacements[name] = .number(rational)
            } else {
                replacements[name] = .undefined
            }
        }
        return folded.substituting(replacements)
    }

    /// The expression with every parameter replaced by its value converted exactly (the
    /// binary fraction of the Double): the formula's exact numeric content, for checks that
    /// must reproduce the parametric formula's values bit for bit.
    public func substitutingExactly() -> Expr {
        var replacements: [String: Expr] = [:]
        for (name, value) in zip(parameterNames, parameterValues) {
            replacements[name] = Rational(exactly: value).map(Expr.number) ?? .undefined
        }
        return expression.substituting(replacements)
    }

    /// The values at the rows of `columns` (`columns[i]` is variable i), with the current
    /// parameter values; NaN where the formula is undefined, or everywhere when the formula
    /// names a symbol that is neither a variable nor a parameter.
    public func evaluate(columns: [[Double]]) -> [Double] {
        let rows = columns.prefix(variables.count).map(\.count).min() ?? 0
        guard let compiled = try? compile() else { return [Double](repeating: .nan, count: rows) }
        return compiled.evaluate(columns: columns, parameters: parameterValues)
    }

    /// The expression compiled once over the variables and the parameters, to be evaluated at
    /// many parameter values (see `CompiledFormula`).
    public func compile() throws(CompiledExpression.CompileError) -> CompiledFormula {
        try CompiledFormula(expression, variables: variables, parameters: parameterNames)
    }
}

/// An expression compiled over the data's variables followed by the parameters: parameters
/// are fed as constant columns, so one compilation serves every parameter value the fit
/// tries (the tree is never walked per point).
public struct CompiledFormula: Sendable {
    public let compiled: CompiledExpression
    public let variableCount: Int

    public init(_ expression: Expr, variables: [String], parameters: [String]) throws(CompiledExpression.CompileError) {
        compiled = try expression.compile(variables: variables + parameters)
        variableCount = variables.count
    }

    /// The values at the rows of `columns` with the parameters at `parameters`.
    public func evaluate(columns: [[Double]], parameters: [Double]) -> [Double] {
        var output: [Double] = []
        evaluate(columns: columns, parameters: parameters, into: &output)
        return output
    }

    /// Writes the values at the rows of `columns` into `output` (resized to the row count).
    public func evaluate(columns: [[Double]], parameters: [Double], into output: inout [Double]) {
        let rows = columns.prefix(variableCount).map(\.count).min() ?? 0
        var all = Array(columns.prefix(variableCount))
        while all.count < variableCount { all.append([]) }
        for value in parameters { all.append([Double](repeating: value, count: rows)) }
        if output.count != rows { output = [Double](repeating: 0, count: rows) }
        compiled.evaluate(columns: all, into: &output)
    }
}
