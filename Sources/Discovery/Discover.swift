import Dispatch
import Foundation
import KAN
import Symbolic

/// Why `discover` could not run.
public enum DiscoverError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The table is malformed (names and columns disagree, ragged or too short, not finite).
    case invalidData(String)
    /// Nothing produced a usable formula (every network failed, or the run was stopped first).
    case noFormula

    public var description: String {
        switch self {
        case .invalidData(let message): "invalid data: \(message)"
        case .noFormula: "no formula was found (every candidate failed, or the run was stopped before the first one)"
        }
    }
}

/// A progress message of `discover`.
public struct DiscoverProgress: Sendable {
    /// What is happening (`"training [2, 1, 1] seed 0"`, `"rationalising"`).
    public var message: String
    /// Seconds since the start.
    public var seconds: Double
}

/// What `discover` found.
public struct DiscoverResult: Sendable {
    /// The Pareto front of complexity against validation RMSE, simplest first (idea 7): the
    /// table to print (`complexity`, `validationRMSE`, `formula.expression` as text).
    public var front: [ScoredFormula]
    /// The chosen formula (from the front, by `DiscoverOptions.selection`).
    public var chosen: ScoredFormula
    /// Its RMSE on the whole training table.
    public var trainRMSE: Double
    /// Its RMSE on the test table, or on the held-out validation split when none was given.
    public var testRMSE: Double
    /// Its R² on the same data as `testRMSE`.
    public var rSquared: Double
    /// Every scored candidate (before the front), best score first.
    public var candidates: [ScoredFormula]
    /// Wall-clock seconds of the whole run.
    public var seconds: Double
    /// True when the time budget or `shouldStop` cut the run short.
    public var interrupted: Bool
}

/// From data to the exact law: the default discovery pipeline.
///
///     let result = try discover(
///         train: (columns: [x1, x2], names: ["x1", "x2"], target: y), test: nil,
///         library: .standard, options: DiscoverOptions())
///     result.chosen.formula.expression        // exp(x2^2 + sin(pi*x1))
///
/// Stages (discovery notes):
/// 1. validation data: the test table if given, else every `validationStride`-th training row
///    (deterministic), held out from training;
/// 2. several small shapes × seeds (`DiscoverOptions.shapes(inputs:)`), in parallel on all
///    cores, each trained with L-BFGS and a small sparsity penalty, pruned, retrained;
/// 3. per network: every live edge matched against the library, the best few kept, and the
///    combinations searched (`CandidateSearch`): each complete formula refitted and scored by
///    validation error plus complexity;
/// 4. the best few formulas over all networks are rationalised (snap constants to p/q and
///    p/q·π, verify on the validation data, simplify exactly);
/// 5. the Pareto front of complexity against validation RMSE, and the choice from it.
///
/// Nothing is normalised: the formula is in the data's own units and variable names.
/// `shouldStop` (e.g. set by Ctrl-C) and the time budget are checked between stages and
/// between training steps; the best result so far is returned. `progress` may be called from
/// any thread.
///
/// - Parameters:
///   - train: the training table: `columns[i]` holds input `names[i]`; `target` the output.
///   - test: an optional test table with the same inputs.
/// - Throws: `DiscoverError.invalidData` for malformed tables, `.noFormula` when nothing fit.
public func discover(
    train: (columns: [[Double]], names: [String], target: [Double]),
    test: (columns: [[Double]], target: [Double])? = nil,
    library: FunctionLibrary = .standard,
    options: DiscoverOptions = DiscoverOptions(),
    progress: (@Sendable (DiscoverProgress) -> Void)? = nil,
    shouldStop: (@Sendable () -> Bool)? = nil
) throws -> DiscoverResult {
    let start = DispatchTime.now().uptimeNanoseconds
    let elapsed: @Sendable () -> Double = { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
    let budget = options.timeBudget
    let stop: @Sendable () -> Bool = { (shouldStop?() ?? false) || elapsed() > budget }
    let report: @Sendable (String) -> Void = { progress?(DiscoverProgress(message: $0, seconds: elapsed())) }

    try DiscoverData.validate(train.columns, names: train.names, target: train.target, what: "training table")
    if let test {
        try DiscoverData.validate(test.columns, names: train.names, target: test.target, what: "test table")
    }
    let split = DiscoverData.split(train: (train.columns, train.target), test: test, stride: options.validationStride)
    let scale = DiscoverData.standardDeviation(split.fit.target)
    let scoring = ScoringData(
        train: split.fit, validation: split.validation,
        errorFloor: options.relativeErrorFloor * (scale > 0 ? scale : 1),
        complexityWeight: options.complexityWeight)

    // Stage 2–3: networks in parallel, each searched.
    let jobs = options.shapes(inputs: train.names.count).flatMap { shape in options.seeds.map { (shape, $0) } }
    let results = ConcurrentResults<[ScoredFormula]>(count: jobs.count, empty: [])
    DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
        let (shape, seed) = jobs[index]
        guard !stop() else { return }
        report("network \(shape) seed \(seed)")
        let found = DiscoverJob(
            shape: shape, seed: seed, options: options, library: library, names: train.names, scoring: scoring
        ).run(shouldStop: stop)
        results.store(found, at: index)
    }
    var candidates = Dictionary(grouping: results.values.flatMap { $0 }, by: { $0.formula.expression })
        .values.compactMap { group in group.min(by: ScoredFormula.ranksBefore) }
    candidates.sort(by: ScoredFormula.ranksBefore)

    // Stage 4: rationalise the best few distinct candidates.
    if !stop() { report("rationalising") }
    let snapping = CandidateSnapping(floor: scoring.errorFloor)
    let best = Array(candidates.prefix(options.rationalizedCount))
    let snapped = ConcurrentResults<ScoredFormula?>(count: best.count, empty: nil)
    DispatchQueue.concurrentPerform(iterations: best.count) { index in
        guard !(shouldStop?() ?? false) else { return }
        let (formula, validationRMSE) = snapping.snap(
            best[index].formula, train: scoring.train, validation: scoring.validation,
            shouldStop: { shouldStop?() ?? false })
        let complexity = formula.expression.complexity
        let trainRMSE = CandidateSnapping.validationRMSE(formula, scoring.train)
        snapped.store(ScoredFormula(
            formula: formula, trainRMSE: trainRMSE, validationRMSE: validationRMSE, complexity: complexity,
            score: scoring.score(validationRMSE: validationRMSE, complexity: complexity),
            origin: best[index].origin, isRationalized: true), at: index)
    }
    candidates += snapped.values.compactMap { $0 }
    candidates.sort(by: ScoredFormula.ranksBefore)

    // Stage 5: the Pareto front and the choice.
    let points = candidates.enumerated().map {
        ParetoPoint(complexity: $0.element.complexity, error: $0.element.validationRMSE, payload: $0.offset)
    }
    let front = ParetoFront(points, errorFloor: scoring.errorFloor)
    guard let choice = front.select(options.selection) else { throw DiscoverError.noFormula }
    let chosen = candidates[choice.payload]
    let all = (columns: train.columns, target: train.target)
    let trainRMSE = CandidateSnapping.validationRMSE(chosen.formula, all)
    let testRMSE = CandidateSnapping.validationRMSE(chosen.formula, split.validation)
    let spread = DiscoverData.standardDeviation(split.validation.target)
    let rSquared = spread > 0 ? 1 - (testRMSE * testRMSE) / (spread * spread) : (testRMSE == 0 ? 1 : 0)
    return DiscoverResult(
        front: front.points.map { candidates[$0.payload] }, chosen: chosen, trainRMSE: trainRMSE,
        testRMSE: testRMSE, rSquared: rSquared, candidates: candidates, seconds: elapsed(),
        interrupted: stop())
}

extension ScoredFormula {
    /// Lower score first; then lower complexity, then the rationalised one, then by text.
    static func ranksBefore(_ x: ScoredFormula, _ y: ScoredFormula) -> Bool {
        if x.score != y.score { return x.score < y.score }
        if x.complexity != y.complexity { return x.complexity < y.complexity }
        if x.isRationalized != y.isRationalized { return x.isRationalized }
        return x.formula.expression.description < y.formula.expression.description
    }
}

/// One network of the pipeline: train, prune, retrain, match, search.
struct DiscoverJob {
    var shape: [LayerWidth]
    var seed: UInt64
    var options: DiscoverOptions
    var library: FunctionLibrary
    var names: [String]
    var scoring: ScoringData

    func run(shouldStop: @escaping @Sendable () -> Bool) -> [ScoredFormula] {
        do {
            let data = try Dataset(columns: scoring.train.columns, targetColumns: [scoring.train.target])
            var network = try Network(shape: shape, configuration: Network.Configuration(gridSize: options.gridSize, seed: seed))
            var sparse = TrainingOptions(steps: options.sparseSteps, threadCount: 1)
            sparse.regularization.lambda = options.sparsity
            try network.train(on: data, options: sparse, shouldStop: shouldStop)
            guard !shouldStop() else { return [] }
            network = try network.pruned(nodeThreshold: options.nodeThreshold, edgeThreshold: options.edgeThreshold)
            let kept = data.selectingInputs(network.inputIndices)
            var refit = TrainingOptions(steps: options.refitSteps, threadCount: 1)
            refit.gridUpdate.stopStep = options.refitSteps / 2
            try network.train(on: kept, options: refit, shouldStop: shouldStop)
            guard !shouldStop() else { return [] }
            let matches = try EdgeMatching.suggest(
                network, library: library, topK: options.candidatesPerEdge, weights: options.weights)
            let search = CandidateSearch(
                network: network, matches: matches, library: library, variables: names, data: scoring,
                beamWidth: options.beamWidth, origin: "\(shape) seed \(seed)")
            return search.run(shouldStop: shouldStop)
        } catch {
            return []
        }
    }
}

/// Checking and splitting the tables.
enum DiscoverData {
    static func validate(_ columns: [[Double]], names: [String], target: [Double], what: String) throws {
        guard !columns.isEmpty else { throw DiscoverError.invalidData("the \(what) has no input columns") }
        guard columns.count == names.count else {
            throw DiscoverError.invalidData("the \(what) has \(columns.count) input columns for \(names.count) names")
        }
        guard Set(names).count == names.count else { throw DiscoverError.invalidData("input names repeat: \(names)") }
        for (name, column) in zip(names, columns) {
            guard column.count == target.count else {
                throw DiscoverError.invalidData("in the \(what), column '\(name)' has \(column.count) values and the target \(target.count)")
            }
            guard column.allSatisfy(\.isFinite) else {
                throw DiscoverError.invalidData("in the \(what), column '\(name)' has a value that is not a finite number")
            }
        }
        guard target.allSatisfy(\.isFinite) else {
            throw DiscoverError.invalidData("in the \(what), the target has a value that is not a finite number")
        }
        guard target.count >= 10 else {
            throw DiscoverError.invalidData("the \(what) has \(target.count) rows; at least 10 are needed")
        }
    }

    /// The rows to fit on and to validate on.
    static func split(
        train: (columns: [[Double]], target: [Double]), test: (columns: [[Double]], target: [Double])?, stride: Int
    ) -> (fit: (columns: [[Double]], target: [Double]), validation: (columns: [[Double]], target: [Double])) {
        if let test { return (train, test) }
        let stride = Swift.max(stride, 2)
        let rows = train.target.indices
        let held = rows.filter { $0 % stride == stride - 1 }
        let kept = rows.filter { $0 % stride != stride - 1 }
        func pick(_ indices: [Int]) -> (columns: [[Double]], target: [Double]) {
            (train.columns.map { column in indices.map { column[$0] } }, indices.map { train.target[$0] })
        }
        return (pick(kept), pick(held))
    }

    static func standardDeviation(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot()
    }
}

/// Slots written by concurrent iterations, one each, read after they all finish.
final class ConcurrentResults<Value>: @unchecked Sendable {
    private var storage: [Value]
    private let lock = NSLock()

    init(count: Int, empty: Value) { storage = Array(repeating: empty, count: count) }

    func store(_ value: Value, at index: Int) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    var values: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
