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
    /// The options are not usable (an unknown stage name).
    case invalidOptions(String)

    public var description: String {
        switch self {
        case .invalidData(let message): "invalid data: \(message)"
        case .noFormula: "no formula was found (every candidate failed, or the run was stopped before the first one)"
        case .invalidOptions(let message): message
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
    /// The Pareto front of complexity against validation RMSE, simplest first: the
    /// table to print (`complexity`, `validationRMSE`, `formula.expression` as text).
    public var front: [ScoredFormula]
    /// The chosen formula (from the front, by `DiscoverOptions.selection`).
    public var chosen: ScoredFormula
    /// The chosen formula as an exact expression (constants that did not snap written as short
    /// decimals), scored on the whole training table and the test table if one was given: what
    /// the command line prints (text, LaTeX, SymPy, JSON).
    public var report: FormulaReport
    /// The chosen formula's RMSE on the validation data: the test table if given, else the
    /// held-out split.
    public var validationRMSE: Double
    /// Its R² on the validation data.
    public var validationR2: Double
    /// Every scored candidate (before the front), best score first.
    public var candidates: [ScoredFormula]
    /// Wall-clock seconds of the whole run.
    public var seconds: Double
    /// True when the time budget or `shouldStop` cut the run short.
    public var interrupted: Bool
    /// The noise level the run decided with; nil for a constant target (settled at once).
    public var noise: NoiseFloor? = nil
    /// Whether the chosen formula is a law at the noise floor, or only the best approximation.
    public var verdict: DiscoverVerdict = .exact
    /// The estimated standard deviation of the target's noise: the chosen formula's validation
    /// RMSE when its residuals are noise (the law's residual is the noise), else the Gamma
    /// test's model-free estimate (`NoiseEstimate`); nil when neither is known.
    public var noiseLevel: Double? = nil
}

extension DiscoverResult: CustomStringConvertible {
    /// The Pareto table (complexity, validation RMSE, formula; the chosen row marked `*`),
    /// then the chosen formula.
    public var description: String {
        (paretoTable.lines + ["chosen: \(report.text)"]).joined(separator: "\n")
    }
}

/// From data to the exact law: the default discovery pipeline.
///
///     let result = try discover(
///         train: (columns: [x1, x2], names: ["x1", "x2"], target: y), test: nil,
///         library: .standard, options: DiscoverOptions())
///     result.report.text                      // "exp(x2^2 + sin(pi*x1))"
///     print(result)                           // the Pareto table, the chosen row marked
///
/// Stages (`DiscoverOptions.stages` switches them, `DiscoverStage`):
/// 1. validation data: the test table if given, else every `validationStride`-th training row
///    (deterministic), held out from training;
/// 2. power laws C·Π xᵢ^pᵢ fitted in log space (`PowerLawSearch`), scored like the networks'
///    formulas; if none is exact, sparse sums: T(y/P) = Σⱼ cⱼ·φⱼ(x) for T among y, 1/y, y²,
///    1/y², log y, a monomial prefactor P, and at most four terms φⱼ (monomials, log xₖ,
///    monomials times cos xₖ or sin xₖ; `SparseTermSearch`), each exact support inverted to
///    y = P·T⁻¹(Σⱼ θⱼφⱼ) and scored the same way (T also sin y, inverted by asin); if none
///    is exact, ratios: T(y/P)·(1 + Σₖ dₖψₖ) = Σⱼ cⱼφⱼ with monomials ψₖ, φⱼ
///    (`SparseRationalSearch`); if one is exact, no network is trained;
/// 3. several small shapes (`DiscoverOptions.shapes(inputs:)`) in parallel on all cores, one
///    seed after another until a seed's networks yield a formula at the error floor; each
///    network trained with L-BFGS and a small sparsity penalty, pruned, retrained (networks of
///    three layers twice, with grid updates and with fixed grids, each from
///    `DiscoverOptions.deepRestarts` initialisations of which the best fit is kept); after the
///    first two seeds (or the first, when it took a sixth of the budget), the decomposition
///    (`DecompositionStage`: structure tests on a surrogate pair's gradients, smaller problems
///    solved recursively by this pipeline), and after the
///    configured seeds the anytime rounds (`AnytimeSchedule`) until the floor or the limit;
/// 4. per network: every live edge matched against the library, the best few kept, and the
///    combinations searched (`CandidateSearch`): each complete formula refitted and scored by
///    validation error plus complexity;
/// 5. the best few formulas over all networks are rationalised (snap constants to p/q and
///    p/q·π, verify on the validation data, simplify exactly);
/// 6. the Pareto front of complexity against validation RMSE, and the choice from it.
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
    // The search ends early enough for what follows it to end by the limit: rationalisation
    // gets 3 % of the limit, measuring the promising candidates as printed its estimated time
    // (`FinishingTime`), moved as candidates are found.
    let searchDeadline = SharedDeadline(0.97 * budget)
    let stop: @Sendable () -> Bool = { (shouldStop?() ?? false) || elapsed() > searchDeadline.value }
    let report: @Sendable (String) -> Void = { progress?(DiscoverProgress(message: $0, seconds: elapsed())) }

    try DiscoverData.validate(train.columns, names: train.names, target: train.target, what: "training table", isFitted: true)
    if let test {
        try DiscoverData.validate(test.columns, names: train.names, target: test.target, what: "test table")
    }
    let whole = FormulaData(columns: train.columns, target: train.target)
    let testData = test.map { FormulaData(columns: $0.columns, target: $0.target) }
    // Constant columns are settled first (DiscoverConstants says why).
    if DiscoverConstants.isConstant(train.target) {
        return DiscoverConstants.constantTarget(
            train.target[0], names: train.names, train: whole, test: testData, seconds: elapsed())
    }
    let varying = train.columns.indices.filter { !DiscoverConstants.isConstant(train.columns[$0]) }
    guard !varying.isEmpty else {
        throw DiscoverError.invalidData("every input column is constant, so none can explain the target's variation")
    }
    if varying.count < train.columns.count {
        return try discover(
            train: (columns: varying.map { train.columns[$0] }, names: varying.map { train.names[$0] }, target: train.target),
            test: test.map { held in (columns: varying.map { held.columns[$0] }, target: held.target) },
            library: library, options: options, progress: progress, shouldStop: shouldStop)
    }
    let split = DiscoverData.split(whole, test: testData, stride: options.validationStride)
    // The noise level decides what counts as solved, what the direct stages accept and how
    // the front is read (`NoiseFloor`).
    let noise = NoiseFloor(
        roundingFloor: options.relativeErrorFloor * split.fit.targetScale, solvedFactor: options.solvedFactor,
        fit: split.fit, validation: split.validation)
    let scoring = ScoringData(
        train: split.fit, validation: split.validation, errorFloor: noise.roundingFloor,
        complexityWeight: options.complexityWeight)
    // The search scores many candidates: on subsamples (an exact structure fits any subsample to
    // rounding level, a look-alike fails on any), with a shorter refit.
    let searchScoring = ScoringData(
        train: split.fit.strided(limit: options.searchRowLimit),
        validation: split.validation.strided(limit: options.searchRowLimit),
        errorFloor: scoring.errorFloor, complexityWeight: scoring.complexityWeight,
        fit: FormulaFit(maximumIterations: options.searchIterations))

    /// How many of the best candidates are measured on every row and as printed.
    let measuredCount = 64
    var found: [ScoredFormula] = []
    var finishing = FinishingTime()
    let cores = ProcessInfo.processInfo.activeProcessorCount
    /// Measures a few new candidates as the end of the run will, and moves the deadline.
    func planFinishing(measuring sample: [ScoredFormula]) {
        finishing.measure(sample, scoring: scoring, limit: 2)
        let promising = ScoredFormula.promising(distinct: found, count: measuredCount, errorFloor: scoring.errorFloor)
        searchDeadline.value = 0.97 * budget - finishing.reserve(for: promising, count: measuredCount, cores: cores)
    }
    // Whether a candidate has reached the floor (`NoiseFloor.isSolved`): the networks are
    // skipped. The direct stages, which take a fraction of a second, are skipped only when one
    // reached the rounding floor (`NoiseFloor.isExact`): at the noise floor a look-alike can
    // stand in for the law (II.11.28's 1 + x₁x₂/(1 − x₁x₂/3) as a polynomial in x₁x₂ through
    // 1 % noise, which kept the ratios' stage from running), and the selection, which knows
    // the noise, picks the simplest of those that fit.
    var solved = false
    var exact = false
    // At the noise floor a look-alike fits too: a candidate solved above the rounding floor
    // ends the search only when, rationalised, the data pin its constants (`SearchLawJudge`).
    // Each batch's two best such candidates are judged.
    var judge = SearchLawJudge(
        scoring: scoring, variables: train.names, rationalizes: options.stages.contains(.rationalisation))
    func isLaw(_ candidate: ScoredFormula) -> Bool { judge.isLaw(candidate, noise: noise, shouldStop: stop) }
    func endsTheSearch(_ candidates: [ScoredFormula]) -> Bool {
        candidates.filter(noise.isSolved).sorted(by: ScoredFormula.ranksBefore).prefix(2).contains(where: isLaw)
    }
    func absorb(_ candidates: [ScoredFormula]) {
        found += candidates
        if !solved { solved = endsTheSearch(candidates) }
        if !exact { exact = candidates.contains(where: noise.isExact) }
    }
    // The constant: the law of a target that does not depend on the inputs beyond noise.
    if !stop() { absorb([scoring.constantCandidate(variables: train.names)].compactMap { $0 }) }
    // Stage 2: power laws C·Π xᵢ^pᵢ straight from the data; when one is exact, no network is
    // trained. When only some exponents are clean, y = M(x)·g(x) with the monomial M of those
    // is another guess: networks also learn g = y/M (see `MonomialFactor`).
    var problems = [DiscoverProblem(factor: nil, training: split.fit, scoring: searchScoring, seeds: options.seeds)]
    if options.powerLaws, !stop() {
        report("fitting power laws")
        let powerLaws = PowerLawSearch(variables: train.names, data: scoring)
        absorb(powerLaws.run())
        if !solved,
           let factor = powerLaws.cleanFactor(),
           let training = factor.dividing(split.fit, variables: train.names),
           let searchTrain = factor.dividing(searchScoring.train, variables: train.names),
           let searchValidation = factor.dividing(searchScoring.validation, variables: train.names) {
            var factored = searchScoring
            factored.train = searchTrain
            factored.validation = searchValidation
            factored.errorFloor = options.relativeErrorFloor * searchTrain.targetScale
            problems.append(DiscoverProblem(
                factor: factor, training: training, scoring: factored,
                seeds: Array(options.seeds.prefix(options.factoredSeeds))))
        }
    }

    // Stage 2, continued: sparse sums of terms after a transform of the target, then ratios;
    // both search the same rows, and look for a wave in them once (`sharedWave`).
    var sparse = SparseTermSearch(variables: train.names, data: scoring, acceptsNoise: true, shouldStop: stop)
    var wave: WaveArgument?? = nil
    func sharedWave() -> WaveArgument?? {
        if wave == nil, let (rows, _) = SparseTermSearch.searchRows(
            scoring, variables: train.names.count, limit: sparse.searchRowLimit, terms: sparse.maximumTerms) {
            wave = .some(WaveArgument.strongest(rows))
        }
        return wave
    }
    if options.sparseSums, !stop(), !exact {
        report("fitting sparse sums")
        sparse.wave = sharedWave()
        absorb(sparse.run())
    }
    if options.sparseRatios, !stop(), !exact {
        report("fitting ratios of sparse sums")
        var ratios = SparseRationalSearch(variables: train.names, data: scoring, acceptsNoise: true, shouldStop: stop)
        ratios.wave = sharedWave()
        absorb(ratios.run())
    }

    planFinishing(measuring: found.sorted(by: ScoredFormula.ranksBefore))

    let networksEnabled = options.stages.contains(.networks) && !options.shapes(inputs: train.names.count).isEmpty
    // Stages 3–4: networks in parallel, each searched; one wave per seed (and problem: the
    // data, then the factored one), every shape in parallel. Once a wave yields a candidate at the error
    // floor (an exact structure on noiseless data), later waves are skipped. Waves make that
    // decision independent of scheduling, so the result is deterministic.
    func runWave(seed: UInt64, plans: [NetworkPlan], problem: DiscoverProblem) {
        let wave = ConcurrentResults<[ScoredFormula]>(count: plans.count, empty: [])
        DispatchQueue.concurrentPerform(iterations: plans.count) { index in
            guard !stop() else { return }
            let formulas = DiscoverJob(
                plan: plans[index], seed: seed, options: options,
                library: library, names: train.names, training: problem.training, scoring: problem.scoring
            ).run(shouldStop: stop, report: report)
            guard let factor = problem.factor else { return wave.store(formulas, at: index) }
            // M·g refitted and scored on the data themselves.
            wave.store(formulas.compactMap { candidate in
                var product = candidate.formula
                product.expression = factor.expression * product.expression
                return searchScoring.scored(product, origin: "\(factor.expression) × \(candidate.origin)")
            }, at: index)
        }
        let candidates = wave.values.flatMap { $0 }
        absorb(candidates)
        planFinishing(measuring: candidates.sorted(by: ScoredFormula.ranksBefore))
    }
    // Stage 3b: decomposition, after the first two seeds' networks (which solve the laws a small
    // network finds at once, such as hello's at its second seed, in a fraction of the
    // surrogates' training time), or after the first when its wave took more than a sixth of
    // the budget: a second wave as slow (many inputs, or a loaded machine) would leave the
    // decomposition, which gets a share of what is left, too little for the smaller problems'
    // direct stages (I.9.18 through 1 % noise: its reduction solved in 1.3 s alone, but
    // reached at 39 s of 60 under load, with 0.4 s for each of its five reductions).
    // A surrogate network's gradients propose smaller problems, each solved by this whole
    // pipeline on the data themselves (`DecompositionStage`), with a share of the time left.
    var decomposed = false
    func decompose() {
        guard !decomposed else { return }
        decomposed = true
        guard options.decomposition, train.names.count >= 2, !stop(), !solved else { return }
        let stage = DecompositionStage(
            names: train.names, fit: split.fit, validation: split.validation, library: library, options: options)
        absorb(stage.run(
            budget: options.decompositionShare * (searchDeadline.value - elapsed()), scoring: searchScoring,
            isSolved: endsTheSearch, progress: progress, shouldStop: stop, report: report))
    }
    let plans = NetworkPlan.plans(for: options.shapes(inputs: train.names.count), gridSize: options.gridSize)
    for (index, seed) in (networksEnabled ? options.seeds : []).enumerated() {
        if index == 2 || (index == 1 && elapsed() > budget / 6) { decompose() }
        for problem in problems where problem.seeds.contains(seed) {
            guard !stop(), !solved else { break }
            runWave(seed: seed, plans: plans, problem: problem)
        }
    }
    decompose()
    // The anytime search (`AnytimeSchedule`): until the floor, the limit or Ctrl-C, rounds of
    // new seeds with finer grids and larger shapes, on the data and on the factored problem.
    let schedule = AnytimeSchedule(options: options, inputs: train.names.count)
    var round = 0
    while options.anytime, networksEnabled, !stop(), !solved {
        round += 1
        let (seed, plans) = schedule.round(round)
        guard !plans.isEmpty else { continue }
        for problem in problems {
            guard !stop(), !solved else { break }
            report("searching on: round \(round), seed \(seed)\(problem.factor.map { " on y/(\($0.expression))" } ?? "")")
            runWave(seed: seed, plans: plans, problem: problem)
        }
    }
    // Whether the limit or `shouldStop` cut the search (read now: the finishing stages run
    // past the search's deadline by design).
    let searchWasCut = stop()
    // The distinct candidates that can reach the front — the best `measuredCount` by the
    // search's score and the search's own front — measured on every row as printed, in
    // parallel. Measuring hundreds on a large table would take seconds past the time budget.
    let promising = ScoredFormula.promising(distinct: found, count: measuredCount, errorFloor: scoring.errorFloor)
    let measured = ConcurrentResults<ScoredFormula?>(count: promising.count, empty: nil)
    DispatchQueue.concurrentPerform(iterations: promising.count) { index in
        measured.store(scoring.printed(promising[index]), at: index)
    }
    var candidates = measured.values.compactMap { $0 }
    candidates.sort(by: ScoredFormula.ranksBefore)

    // Stage 5: rationalise the best few distinct candidates (the formula stage's snapping).
    // What makes the result exact, and usually short: it has the last 3 % of the time limit,
    // and is cut before its next trial refit (on 100,000 rows one refits for seconds).
    let interrupted: @Sendable () -> Bool = { (shouldStop?() ?? false) || elapsed() > budget }
    if !interrupted() { report("rationalising") }
    // When some candidates reach the error floor, only those are worth snapping.
    let solvedCandidates = candidates.filter(noise.isSolved)
    let pool = solvedCandidates.isEmpty ? candidates : solvedCandidates
    let best = interrupted() || !options.stages.contains(.rationalisation)
        ? [] : Array(pool.prefix(options.rationalizedCount))
    let rationalized = ConcurrentResults<ScoredFormula?>(count: best.count, empty: nil)
    let known = judge.outcomes
    DispatchQueue.concurrentPerform(iterations: best.count) { index in
        guard !interrupted(),
              let outcome = known[best[index].formula] ?? Rationalization().rationalize(
                best[index].formula, train: scoring.train, validation: scoring.validation, shouldStop: interrupted),
              let finalRMSE = outcome.finalRMSE
        else { return }
        var formula = ParametricFormula(
            expression: outcome.expression, variables: train.names, parameterNames: [], parameterValues: [])
        var validationRMSE = finalRMSE
        let algebraic = outcome.expression.rewritingTanhOfArtanhSums()
        if algebraic != outcome.expression {
            let rewritten = ParametricFormula(
                expression: algebraic, variables: train.names, parameterNames: [], parameterValues: [])
            if let error = scoring.validation.rmse(of: rewritten),
               error <= Swift.max(1.1 * validationRMSE, scoring.errorFloor) {
                formula = rewritten
                validationRMSE = error
            }
        }
        let complexity = formula.expression.complexity
        rationalized.store(ScoredFormula(
            formula: formula, trainRMSE: scoring.train.rmse(of: formula) ?? .infinity,
            validationRMSE: validationRMSE, complexity: complexity,
            score: scoring.score(validationRMSE: validationRMSE, complexity: complexity),
            origin: best[index].origin, isRationalized: true, source: best[index].source), at: index)
    }
    // A rationalised formula replaces the candidate it came from: it is the same formula with
    // exact constants, within the snapping tolerance of its error. Kept side by side, the
    // unsnapped one would win on complexity whenever an exact constant takes more nodes than a
    // fitted one (1/(4π) against 0.0795775).
    let replaced = Set(zip(best, rationalized.values).compactMap { source, result in
        result == nil ? nil : source.formula.expression
    })
    candidates.removeAll { replaced.contains($0.formula.expression) }
    candidates += rationalized.values.compactMap { $0 }
    // What is printed is what is scored: every candidate measured in its printed form (the
    // rationalised ones are new).
    candidates = candidates.compactMap { $0.printed == nil ? scoring.printed($0) : $0 }
    candidates.sort(by: ScoredFormula.ranksBefore)

    // Stage 6: the Pareto front and the choice. Errors within the noise floor of the best are
    // not told apart (`NoiseFloor.selectionFloor`), so the simplest of those is chosen.
    let bestError = candidates.map(\.validationRMSE).min() ?? .infinity
    let selectionFloor = noise.selectionFloor(bestValidationRMSE: bestError)
    // Scored against the same floor, candidates of one complexity within it tie on error, and
    // the rationalised one goes first (x1*x2^2/2, not 0.499892*x1*x2^2 that fits the noise).
    var selection = scoring
    selection.errorFloor = selectionFloor
    candidates = candidates.map { candidate in
        var rescored = candidate
        rescored.score = selection.score(validationRMSE: candidate.validationRMSE, complexity: candidate.complexity)
        return rescored
    }
    candidates.sort(by: ScoredFormula.ranksBefore)
    let points = candidates.enumerated().map {
        ParetoPoint(complexity: $0.element.complexity, error: $0.element.validationRMSE, payload: $0.offset)
    }
    let front = ParetoFront(points, errorFloor: selectionFloor)
    guard let choice = front.select(options.selection) else { throw DiscoverError.noFormula }
    let chosen = candidates[choice.payload]
    let verdict = DiscoverVerdict(chosen: chosen, noise: noise, training: scoring.train)
    let expression = chosen.expression
    let formulaReport = FormulaReport(expression: expression, variables: train.names, train: whole, test: testData)
    let validationPredictions = (try? expression.compile(variables: train.names))?
        .evaluate(columns: split.validation.columns) ?? []
    return DiscoverResult(
        front: front.points.map { candidates[$0.payload] }, chosen: chosen, report: formulaReport,
        validationRMSE: split.validation.rmse(predictions: validationPredictions) ?? .infinity,
        validationR2: split.validation.rSquared(predictions: validationPredictions) ?? 0,
        candidates: candidates, seconds: elapsed(), interrupted: searchWasCut || interrupted(),
        noise: noise, verdict: verdict,
        noiseLevel: verdict == .approximation ? noise.estimate?.standardDeviation : noise.residualDeviation(of: chosen))
}

extension ScoredFormula {
    /// The first `count` of `ranked` and every one on their Pareto front (which may be simpler
    /// than all of those), in their order.
    /// `promising` of the distinct formulas of `found` (the best-ranked of each), ranked.
    static func promising(distinct found: [ScoredFormula], count: Int, errorFloor: Double) -> [ScoredFormula] {
        var distinct = Dictionary(grouping: found, by: { $0.formula.expression })
            .values.compactMap { group in group.min(by: ScoredFormula.ranksBefore) }
        distinct.sort(by: ScoredFormula.ranksBefore)
        return promising(distinct, count: count, errorFloor: errorFloor)
    }

    static func promising(_ ranked: [ScoredFormula], count: Int, errorFloor: Double) -> [ScoredFormula] {
        let front = Set(ParetoFront(ranked.enumerated().map {
            ParetoPoint(complexity: $0.element.complexity, error: $0.element.validationRMSE, payload: $0.offset)
        }, errorFloor: errorFloor).points.map(\.payload))
        return ranked.enumerated().filter { $0.offset < count || front.contains($0.offset) }.map(\.element)
    }

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
    /// The spline grid size G.
    var gridSize: Int
    /// Whether the grids stay where they start instead of following the nodes' inputs. In a
    /// network of three layers the hidden nodes' ranges move while it learns, and grids that
    /// follow them refit every spline to a range it is about to leave: the paper's four_d row
    /// (exp of a sum of sines of sums of squares) stalled on [4, 2, 1, 1] at a training RMSE
    /// of 0.13–0.4 with grid updates and trains to 5e-3 without them. Other rows need the
    /// updates: I.8.4, √((x₂−x₁)² + (x₄−x₃)²), squares hidden sums in [−2, 2], beyond the
    /// initial grid [−1, 1].
    var fixedGrids = false
    var seed: UInt64
    var options: DiscoverOptions

    init(
        plan: NetworkPlan, seed: UInt64, options: DiscoverOptions, library: FunctionLibrary, names: [String],
        training: FormulaData, scoring: ScoringData
    ) {
        self.shape = plan.shape
        self.gridSize = plan.gridSize
        self.fixedGrids = plan.fixedGrids
        self.seed = seed
        self.options = options
        self.library = library
        self.names = names
        self.training = training
        self.scoring = scoring
    }
    var library: FunctionLibrary
    var names: [String]
    /// The rows the network learns from (at most `trainingRowLimit` of them are used); the
    /// search's own, smaller subsample is in `scoring`.
    var training: FormulaData
    var scoring: ScoringData

    func run(
        shouldStop: @escaping @Sendable () -> Bool, report: @Sendable (String) -> Void
    ) -> [ScoredFormula] {
        let name = "\(shape)\(gridSize == options.gridSize ? "" : " G=\(gridSize)")\(fixedGrids ? " fixed grids" : "") seed \(seed)"
        do {
            let restarted = shape.count > 3
            // The network only has to learn the shapes of the edges: a subsample suffices (the
            // constants are refitted on all rows).
            let rows = training.strided(limit: restarted ? options.deepTrainingRowLimit : options.trainingRowLimit)
            let data = try Dataset(columns: rows.columns, targetColumns: [rows.target])
            var configuration = Network.Configuration(gridSize: gridSize, seed: seed)
            // A product of sums needs its sum nodes to carry the inputs straight through;
            // with an identity base the splines only learn the small corrections (the
            // SiLU base stalls these networks on products and quotients).
            if shape.contains(where: { $0.mult > 0 }) { configuration.baseFunction = .identity }
            var sparse = TrainingOptions(steps: options.sparseSteps, threadCount: 1)
            sparse.regularization.lambda = options.sparsity
            if fixedGrids { sparse.gridUpdate = .disabled }
            // A network of three layers or more starts from several initialisations, screened
            // after a few steps (`DiscoverOptions.deepRestarts` says why); the best fit goes on
            // through the remaining sparse steps. The grid updates fall on the same steps as in
            // one run when the screening length is a multiple of their interval.
            let restarts = restarted ? Swift.max(options.deepRestarts, 1) : 1
            var screening = sparse
            if restarts > 1 { screening.steps = Swift.min(options.restartScreeningSteps, sparse.steps) }
            var fittest: (network: Network, loss: Double)?
            var failure: Error?
            for restart in 0..<restarts {
                configuration.seed = seed &* UInt64(restarts) &+ UInt64(restart)
                do {
                    var candidate = try Network(shape: shape, configuration: configuration)
                    let loss = try candidate.train(on: data, options: screening, shouldStop: shouldStop).trainLoss
                    guard !shouldStop() else { return [] }
                    let comparable = loss.isFinite ? loss : .infinity
                    if fittest == nil || comparable < (fittest?.loss ?? .infinity) { fittest = (candidate, comparable) }
                } catch {
                    failure = error
                }
            }
            guard var network = fittest?.network else { throw failure ?? DiscoverError.noFormula }
            if screening.steps < sparse.steps {
                var rest = sparse
                rest.steps = sparse.steps - screening.steps
                try network.train(on: data, options: rest, shouldStop: shouldStop)
                guard !shouldStop() else { return [] }
            }
            let trainedNetwork = network
            network = try network.pruned(nodeThreshold: options.nodeThreshold, edgeThreshold: options.edgeThreshold)
            let kept = try data.selectingInputs(network.inputIndices)
            var refit = TrainingOptions(steps: options.refitSteps, threadCount: 1)
            refit.gridUpdate.stopStep = options.refitSteps / 2
            if fixedGrids { refit.gridUpdate = .disabled }
            let trained = try network.train(on: kept, options: refit, shouldStop: shouldStop)
            guard !shouldStop() else { return [] }
            report("\(name): trained to RMSE \(String(format: "%.3g", trained.trainLoss)), shape \(network.shape)")
            // One more than needed: the zero primitive is left out of the search (dropping the
            // edge is an option anyway).
            let matches = try EdgeMatching.suggest(
                network, library: library, topK: options.candidatesPerEdge + 1, weights: options.weights,
                shouldStop: shouldStop)
            let search = CandidateSearch(
                network: network, matches: matches, library: library, variables: names, data: scoring,
                candidatesPerEdge: options.candidatesPerEdge, beamWidth: options.beamWidth, origin: name)
            let found = search.run(shouldStop: shouldStop).map { formula in
                var formula = formula
                formula.source?.trained = trainedNetwork
                formula.source?.trainingOptions = [sparse, refit]
                formula.source?.pruneStep = trainedNetwork.history.trainLoss.count
                return formula
            }
            let best = found.min(by: ScoredFormula.ranksBefore)
            report("\(name): \(found.count) candidates, best validation RMSE \(String(format: "%.3g", best?.validationRMSE ?? .infinity))")
            return found
        } catch {
            report("\(name): \(error)")
            return []
        }
    }
}

/// Checking and splitting the tables.
enum DiscoverData {
    /// Throws unless the table is well formed; a table formulas are fitted on (`isFitted`)
    /// must also have enough rows for its inputs (`minimumRows`).
    static func validate(_ columns: [[Double]], names: [String], target: [Double], what: String, isFitted: Bool = false) throws {
        guard !columns.isEmpty else { throw DiscoverError.invalidData("the \(what) has no input columns") }
        guard columns.count == names.count else {
            throw DiscoverError.invalidData("the \(what) has \(columns.count) input columns for \(names.count) names")
        }
        guard Set(names).count == names.count else { throw DiscoverError.invalidData("input names repeat: \(names)") }
        for (name, column) in zip(names, columns) {
            guard column.count == target.count else {
                throw DiscoverError.invalidData("in the \(what), column '\(name)' has \(column.count) values and the target \(target.count)")
            }
            if let row = column.firstIndex(where: { !$0.isFinite }) {
                throw DiscoverError.invalidData(
                    "in the \(what), row \(row + 1) of column '\(name)' is \(column[row]), not a finite number")
            }
        }
        if let row = target.firstIndex(where: { !$0.isFinite }) {
            throw DiscoverError.invalidData("in the \(what), row \(row + 1) of the target is \(target[row]), not a finite number")
        }
        guard target.count >= 10 else {
            throw DiscoverError.invalidData("the \(what) has \(target.count) rows; at least 10 are needed")
        }
        if isFitted {
            let needed = minimumRows(inputs: columns.count)
            guard target.count >= needed else {
                throw DiscoverError.invalidData(
                    "the \(what) has \(target.count) rows for \(columns.count) inputs; at least \(needed) (5 × (inputs + 1)) "
                        + "are needed, or any formula could fit it by chance")
            }
        }
    }

    /// The fewest training rows for `inputs` inputs: 5·(inputs + 1).
    ///
    /// A linear model in all the inputs has inputs + 1 parameters, and interpolates any table
    /// of that many rows exactly, noise included: a formula "found" on such a table says
    /// nothing. With 5·(inputs + 1) rows, the held-out fifth (`validationStride`) alone has
    /// as many rows as that model has parameters, and the four fifths it is fitted on leave
    /// three times as many residual degrees of freedom as parameters, so the validation error
    /// can tell a law from an interpolant. For one input this is the 10 rows required anyway.
    static func minimumRows(inputs: Int) -> Int { 5 * (inputs + 1) }

    /// The rows to fit on and to validate on: the whole table and the test table, or without a
    /// test table every `stride`-th row held out (rows k·stride − 1).
    static func split(
        _ train: FormulaData, test: FormulaData?, stride: Int
    ) -> (fit: FormulaData, validation: FormulaData) {
        if let test { return (train, test) }
        let stride = Swift.max(stride, 2)
        let rows = train.target.indices
        func pick(_ indices: [Int]) -> FormulaData {
            FormulaData(columns: train.columns.map { column in indices.map { column[$0] } },
                        target: indices.map { train.target[$0] })
        }
        return (pick(rows.filter { $0 % stride != stride - 1 }), pick(rows.filter { $0 % stride == stride - 1 }))
    }
}

extension FormulaData {
    /// At most `limit` rows, evenly strided (deterministic).
    func strided(limit: Int) -> FormulaData {
        let n = count
        let step = Swift.max(1, (n + Swift.max(limit, 1) - 1) / Swift.max(limit, 1))
        guard step > 1 else { return self }
        let rows = Array(Swift.stride(from: 0, to: n, by: step))
        return FormulaData(columns: columns.map { column in rows.map { column[$0] } }, target: rows.map { target[$0] })
    }
}

/// What the networks of one wave learn: the data, or the data divided by a monomial factor.
struct DiscoverProblem {
    /// The monomial M the target was divided by, or nil for the data themselves.
    var factor: MonomialFactor?
    var training: FormulaData
    var scoring: ScoringData
    /// The seeds this problem is tried with.
    var seeds: [UInt64]
}
