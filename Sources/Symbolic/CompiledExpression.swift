import Exact
import Foundation

/// An expression compiled to a linear stack program, evaluated over many points
/// at once, column by column.
///
/// ```swift
/// let f = try (Expr.exp(Expr.sin(.pi * x1) + x2 * x2)).compile(variables: ["x1", "x2"])
/// let values = f.evaluate(columns: [xs1, xs2])   // one value per row
/// ```
///
/// Each instruction (push a variable or constant, add, multiply, a power, a
/// function) runs as a plain loop over a block of `blockSize` points held in
/// contiguous storage, so the tree is walked once per compilation, not once per
/// point. It computes exactly what `Expr.evaluate` computes, in the same order,
/// so the two agree bit for bit; out-of-domain points give NaN.
///
/// A value type with immutable storage: `Sendable`, safe to share between
/// threads (each call allocates its own scratch stack).
public struct CompiledExpression: Sendable {
    /// The variable names, in the order of the columns (or point coordinates).
    public let variables: [String]
    let program: [Instruction]
    /// The most values the program ever holds on its stack.
    let stackDepth: Int

    /// Points evaluated together: large enough to amortise the dispatch of each
    /// instruction, small enough for the stack of blocks to stay in cache.
    public static let blockSize = 256

    enum Instruction: Sendable {
        case variable(Int)
        case constant(Double)
        /// Pops b, then a; pushes a + b (a · b).
        case add, multiply
        /// Replaces the top a with a + c (a · c).
        case addConstant(Double), multiplyConstant(Double)
        case power(PowerKind)
        case function(Expr.Function)
    }

    /// An error in compiling: a symbol that is not among the variables.
    public enum CompileError: Error, Hashable, Sendable, CustomStringConvertible {
        case unknownSymbol(String)
        public var description: String {
            switch self {
            case .unknownSymbol(let name): "symbol '\(name)' is not among the compiled variables"
            }
        }
    }

    init(_ expr: Expr, variables: [String]) throws(CompileError) {
        var index: [String: Int] = [:]
        for (position, name) in variables.enumerated() where index[name] == nil { index[name] = position }
        var program: [Instruction] = []
        var depth = 0, maximum = 0
        func push(_ instruction: Instruction) {
            program.append(instruction)
            switch instruction {
            case .variable, .constant: depth += 1; maximum = Swift.max(maximum, depth)
            case .add, .multiply: depth -= 1
            default: break
            }
        }
        func emit(_ expr: Expr) throws(CompileError) {
            switch expr.node {
            case .number(let value): push(.constant(Double(value)))
            case .pi: push(.constant(Double.pi))
            case .undefined: push(.constant(.nan))
            case .symbol(let name):
                guard let position = index[name] else { throw .unknownSymbol(name) }
                push(.variable(position))
            case .sum(let operands), .product(let operands):
                let isSum = expr.isSum
                // A leading number becomes a fused constant instruction; since
                // IEEE addition and multiplication commute, c + a equals a + c.
                var rest = operands[...]
                let leading = operands[0].numberValue
                if leading != nil { rest = operands.dropFirst() }
                try emit(rest.first ?? .zero)
                if let leading {
                    push(isSum ? .addConstant(Double(leading)) : .multiplyConstant(Double(leading)))
                }
                for operand in rest.dropFirst() {
                    try emit(operand)
                    push(isSum ? .add : .multiply)
                }
            case .power(let base, let exponent):
                try emit(base)
                push(.power(PowerKind(exponent)))
            case .apply(let function, let args):
                // User functions have no numeric meaning: their value is NaN,
                // but their arguments must still name known variables.
                for arg in args { try emit(arg) }
                if case .named = function {
                    for _ in args.dropFirst() { push(.add) }
                    push(.multiplyConstant(.nan))
                } else {
                    push(.function(function))
                }
            }
        }
        try emit(expr)
        self.variables = variables
        self.program = program
        self.stackDepth = Swift.max(maximum, 1)
    }

    /// The value at one point, given as coordinates in the order of `variables`
    /// (missing coordinates are NaN).
    public func evaluate(_ point: [Double]) -> Double {
        var stack = [Double](repeating: 0, count: stackDepth)
        var top = -1
        for instruction in program {
            switch instruction {
            case .variable(let i): top += 1; stack[top] = i < point.count ? point[i] : .nan
            case .constant(let c): top += 1; stack[top] = c
            case .add: top -= 1; stack[top] = stack[top] + stack[top + 1]
            case .multiply: top -= 1; stack[top] = stack[top] * stack[top + 1]
            case .addConstant(let c): stack[top] = stack[top] + c
            case .multiplyConstant(let c): stack[top] = stack[top] * c
            case .power(let kind): stack[top] = kind.apply(stack[top])
            case .function(let f): stack[top] = f.evaluate(stack[top])
            }
        }
        return stack[0]
    }

    /// The values at the points whose coordinates are the rows of `columns`
    /// (`columns[i]` holds variable i). The count is that of the shortest
    /// column; a missing column is NaN.
    public func evaluate(columns: [[Double]]) -> [Double] {
        let count = Self.rowCount(columns, variables: variables.count)
        return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            evaluate(columns: columns, into: buffer)
            initialized = count
        }
    }

    /// Writes the values at the rows of `columns` into `output`, resizing it.
    public func evaluate(columns: [[Double]], into output: inout [Double]) {
        let count = Self.rowCount(columns, variables: variables.count)
        if output.count != count { output = [Double](repeating: 0, count: count) }
        output.withUnsafeMutableBufferPointer { evaluate(columns: columns, into: $0) }
    }

    /// Writes the values at the first `output.count` rows of `columns` into
    /// `output` (rows beyond a column's end read as NaN).
    public func evaluate(columns: [[Double]], into output: UnsafeMutableBufferPointer<Double>) {
        evaluate(columns: columns, rows: 0..<output.count, into: output)
    }

    /// Writes the values at rows `rows` of `columns` into `output[0 ..< rows.count]`:
    /// lets several threads share the same columns, each taking a range of rows.
    public func evaluate(columns: [[Double]], rows: Range<Int>, into output: UnsafeMutableBufferPointer<Double>) {
        guard let out = output.baseAddress, rows.lowerBound >= 0 else { return }
        let total = Swift.min(rows.count, output.count)
        guard total > 0 else { return }
        let block = Self.blockSize
        let stack = UnsafeMutablePointer<Double>.allocate(capacity: stackDepth * block)
        defer { stack.deallocate() }
        var done = 0
        while done < total {
            let n = Swift.min(block, total - done)
            run(columns: columns, start: rows.lowerBound + done, count: n, stack: stack)
            (out + done).update(from: stack, count: n)
            done += n
        }
    }

    /// Runs the program on rows start ..< start + n; the result is left in the
    /// first slot of `stack`. Each slot holds `blockSize` values.
    private func run(columns: [[Double]], start: Int, count n: Int, stack: UnsafeMutablePointer<Double>) {
        let block = Self.blockSize
        var top = -1
        for instruction in program {
            switch instruction {
            case .variable(let i):
                top += 1
                let slot = stack + top * block
                if i < columns.count {
                    columns[i].withUnsafeBufferPointer { column in
                        let available = Swift.max(0, Swift.min(n, column.count - start))
                        if available > 0, let base = column.baseAddress {
                            slot.update(from: base + start, count: available)
                        }
                        if available < n { (slot + available).update(repeating: .nan, count: n - available) }
                    }
                } else {
                    slot.update(repeating: .nan, count: n)
                }
            case .constant(let c):
                top += 1
                (stack + top * block).update(repeating: c, count: n)
            case .add:
                top -= 1
                let a = stack + top * block, b = a + block
                for k in 0..<n { a[k] = a[k] + b[k] }
            case .multiply:
                top -= 1
                let a = stack + top * block, b = a + block
                for k in 0..<n { a[k] = a[k] * b[k] }
            case .addConstant(let c):
                let a = stack + top * block
                for k in 0..<n { a[k] = a[k] + c }
            case .multiplyConstant(let c):
                let a = stack + top * block
                for k in 0..<n { a[k] = a[k] * c }
            case .power(let kind):
                Self.power(kind, stack + top * block, n)
            case .function(let f):
                Self.function(f, stack + top * block, n)
            }
        }
    }

    /// a[k] = a[k]^r for k < n, one specialised loop per kind.
    private static func power(_ kind: PowerKind, _ a: UnsafeMutablePointer<Double>, _ n: Int) {
        switch kind {
        case .square: for k in 0..<n { a[k] = a[k] * a[k] }
        case .cube: for k in 0..<n { a[k] = a[k] * a[k] * a[k] }
        case .reciprocal: for k in 0..<n { a[k] = 1 / a[k] }
        case .squareRoot: for k in 0..<n { a[k] = a[k].squareRoot() }
        case .reciprocalSquareRoot: for k in 0..<n { a[k] = 1 / a[k].squareRoot() }
        case .integer, .real: for k in 0..<n { a[k] = kind.apply(a[k]) }
        }
    }

    /// a[k] = f(a[k]) for k < n, one specialised loop per function.
    private static func function(_ f: Expr.Function, _ a: UnsafeMutablePointer<Double>, _ n: Int) {
        switch f {
        case .sin: for k in 0..<n { a[k] = Foundation.sin(a[k]) }
        case .cos: for k in 0..<n { a[k] = Foundation.cos(a[k]) }
        case .exp: for k in 0..<n { a[k] = Foundation.exp(a[k]) }
        case .abs: for k in 0..<n { a[k] = Swift.abs(a[k]) }
        case .tanh: for k in 0..<n { a[k] = Foundation.tanh(a[k]) }
        default: for k in 0..<n { a[k] = f.evaluate(a[k]) }
        }
    }

    private static func rowCount(_ columns: [[Double]], variables: Int) -> Int {
        if variables == 0 { return columns.map(\.count).min() ?? 0 }
        return columns.prefix(variables).map(\.count).min() ?? 0
    }
}

extension Expr {
    /// Compiles to a fast evaluator whose point coordinates (or columns) are the
    /// `variables`, in order. Throws `CompileError.unknownSymbol` for a symbol
    /// of the expression that is not listed.
    public func compile(variables: [String]) throws(CompiledExpression.CompileError) -> CompiledExpression {
        try CompiledExpression(self, variables: variables)
    }
}
