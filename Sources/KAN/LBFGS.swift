/// Limited-memory BFGS with a strong-Wolfe line search, following torch.optim.LBFGS as
/// used by pykan (`kan/LBFGS.py`): the state (history, last direction and step) lives
/// across `step` calls, one `step` runs up to `maxIterations` iterations and stops once
/// `maxEvaluations` evaluations were spent, and pykan's tolerances are 1e-32.
///
/// The objective returns (f, ∇f, auxiliary), where the auxiliary value (the data MSE
/// without regularisation) is carried along to report the accepted point.
public struct LBFGS: Sendable {
    public typealias Objective = ([Double]) -> (value: Double, gradient: [Double], auxiliary: Double)

    public var historySize: Int
    public var learningRate: Double
    public var maxIterations: Int
    public var maxEvaluations: Int
    public var toleranceGradient: Double = 1e-32
    public var toleranceChange: Double = 1e-32
    public var toleranceCurvature: Double = 1e-32

    private var directions: [[Double]] = []   // y_i = g_{i+1} − g_i
    private var steps: [[Double]] = []        // s_i = t·d
    private var inverseCurvatures: [Double] = []  // 1 / (y_i·s_i)
    private var hessianDiagonal = 1.0
    private var direction: [Double] = []
    private var stepLength = 0.0
    private var previousGradient: [Double]? = nil
    private var iterations = 0

    public init(historySize: Int = 10, learningRate: Double = 1, maxIterations: Int = 20, maxEvaluations: Int? = nil) {
        self.historySize = max(1, historySize)
        self.learningRate = learningRate
        self.maxIterations = maxIterations
        self.maxEvaluations = maxEvaluations ?? (maxIterations * 5) / 4
    }

    /// One optimiser step from x (updated in place). Returns the loss and auxiliary value
    /// at the final point, and the number of evaluations spent.
    ///
    /// `shouldStop` is checked before every iteration and every evaluation of the line
    /// search: a step of a network with millions of parameters takes seconds. When it
    /// returns true the step ends at once with `stopped` set, x somewhere along the way: the
    /// caller discards the step.
    public mutating func step(
        _ x: inout [Double], objective: Objective, shouldStop: (() -> Bool)? = nil
    ) -> (value: Double, auxiliary: Double, evaluations: Int, stopped: Bool) {
        var (loss, gradient, auxiliary) = objective(x)
        var evaluations = 1
        if let shouldStop, shouldStop() { return (loss, auxiliary, evaluations, true) }
        if maxAbs(gradient) <= toleranceGradient { return (loss, auxiliary, evaluations, false) }
        // No direction can be taken from a non-finite loss or gradient: x stays where it is.
        guard loss.isFinite, !gradient.contains(where: { !$0.isFinite }) else { return (loss, auxiliary, evaluations, false) }
        var iteration = 0
        while iteration < maxIterations {
            if let shouldStop, shouldStop() { return (loss, auxiliary, evaluations, true) }
            iteration += 1
            iterations += 1
            if iterations == 1 {
                direction = gradient.map { -$0 }
                directions = []; steps = []; inverseCurvatures = []
                hessianDiagonal = 1
            } else if let previous = previousGradient {
                var y = gradient
                for p in y.indices { y[p] -= previous[p] }
                var s = direction
                for p in s.indices { s[p] *= stepLength }
                let ys = dot(y, s)
                if ys > toleranceCurvature {
                    if directions.count == historySize {
                        directions.removeFirst(); steps.removeFirst(); inverseCurvatures.removeFirst()
                    }
                    directions.append(y); steps.append(s); inverseCurvatures.append(1 / ys)
                    hessianDiagonal = ys / dot(y, y)
                }
                // Two-loop recursion: d = −H·g.
                var q = gradient.map { -$0 }
                var al = [Double](repeating: 0, count: directions.count)
                var i = directions.count - 1
                while i >= 0 {
                    // Each pass reads two vectors of every parameter: on millions, milliseconds.
                    if let shouldStop, shouldStop() { return (loss, auxiliary, evaluations, true) }
                    al[i] = dot(steps[i], q) * inverseCurvatures[i]
                    axpy(-al[i], directions[i], &q)
                    i -= 1
                }
                for p in q.indices { q[p] *= hessianDiagonal }
                for i in 0..<directions.count {
                    if let shouldStop, shouldStop() { return (loss, auxiliary, evaluations, true) }
                    let be = dot(directions[i], q) * inverseCurvatures[i]
                    axpy(al[i] - be, steps[i], &q)
                }
                direction = q
            }
            previousGradient = gradient
            let previousLoss = loss
            let t0 = iterations == 1 ? min(1, 1 / sumAbs(gradient)) * learningRate : learningRate
            let gtd = dot(gradient, direction)
            // Not a descent direction, or not a finite one (a gradient that overflowed).
            if !gtd.isFinite || gtd > -toleranceChange { break }
            if let shouldStop, shouldStop() { return (loss, auxiliary, evaluations, true) }
            let search = StrongWolfe.search(
                objective: objective, x: x, t: t0, d: direction, f: loss, g: gradient, gtd: gtd, auxiliary: auxiliary,
                shouldStop: shouldStop)
            if search.stopped { return (loss, auxiliary, evaluations + search.evaluations, true) }
            stepLength = search.t
            loss = search.f
            gradient = search.g
            auxiliary = search.auxiliary
            for p in x.indices { x[p] += stepLength * direction[p] }
            evaluations += search.evaluations
            if iteration == maxIterations { break }
            if evaluations >= maxEvaluations { break }
            if maxAbs(gradient) <= toleranceGradient { break }
            var change = 0.0
            for p in direction.indices { change = max(change, abs(direction[p] * stepLength)) }
            if change <= toleranceChange { break }
            if abs(loss - previousLoss) < toleranceChange { break }
        }
        return (loss, auxiliary, evaluations, false)
    }

    /// Forgets the curvature history (after the parameters changed meaning, e.g. a refine).
    public mutating func reset() {
        self = LBFGS(historySize: historySize, learningRate: learningRate, maxIterations: maxIterations, maxEvaluations: maxEvaluations)
    }
}

@inline(__always) func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in
        for p in 0..<pa.count { s += pa[p] * pb[p] }
    } }
    return s
}

@inline(__always) func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
    x.withUnsafeBufferPointer { px in y.withUnsafeMutableBufferPointer { py in
        for p in 0..<px.count { py[p] += alpha * px[p] }
    } }
}

@inline(__always) func maxAbs(_ a: [Double]) -> Double {
    var m = 0.0
    for v in a { m = max(m, abs(v)) }
    return a.contains { $0.isNaN } ? .nan : m
}

@inline(__always) func sumAbs(_ a: [Double]) -> Double {
    var s = 0.0
    for v in a { s += abs(v) }
    return s
}
