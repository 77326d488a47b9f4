import KAN

/// The settings of `discover`. The defaults recover the paper's examples; a user never needs
/// to tune them for those.
///
///     var options = DiscoverOptions()
///     options.timeBudget = 20          // seconds
///     options.seeds = [0, 1, 2]
public struct DiscoverOptions: Sendable {
    /// The stages that run (`DiscoverStage`); all by default. The switches below
    /// (`powerLaws`, …) read and write this set.
    public var stages: Set<DiscoverStage> = Set(DiscoverStage.allCases)
    /// The network shapes tried; nil means the small defaults for n inputs: [n,1,1] (a sum
    /// inside one outer function), [n,[0,1],1] (a product of two sums, for products and
    /// quotients; n ≥ 2), [n,2,1], [n,n,1] (n ≥ 3) and [n,2,1,1] (n ≥ 3,
    /// sums of functions of sums).
    public var shapes: [[LayerWidth]]?
    /// Whether power laws C·Π xᵢ^pᵢ are fitted in log space before any network is trained
    /// (`PowerLawSearch`): products and quotients of the inputs come out exactly and at once.
    public var powerLaws: Bool {
        get { stages.contains(.powerLaws) }
        set { if newValue { stages.insert(.powerLaws) } else { stages.remove(.powerLaws) } }
    }
    /// Whether laws that are a sparse sum of simple terms after a transform of the target —
    /// 1/y² = x₁⁻² − x₁⁻²x₂²x₃⁻², log y = c − x₁²/2, y = x₁ + x₁x₂·cos x₃ — are sought
    /// before any network is trained (`SparseTermSearch`), when no power law is exact.
    public var sparseSums: Bool {
        get { stages.contains(.sparseSums) }
        set { if newValue { stages.insert(.sparseSums) } else { stages.remove(.sparseSums) } }
    }
    /// Whether laws that are a ratio of sparse sums of monomials after a transform of the
    /// target — y·(1 + x₁x₂x₃⁻²) = x₁ + x₂ — are sought next (`SparseRationalSearch`), when
    /// no power law or sparse sum is exact.
    public var sparseRatios: Bool {
        get { stages.contains(.ratios) }
        set { if newValue { stages.insert(.ratios) } else { stages.remove(.ratios) } }
    }
    /// Whether, when no direct stage is exact, the structure tests run on a surrogate network
    /// and the smaller problems they propose are solved recursively (`DecompositionStage`).
    public var decomposition: Bool {
        get { stages.contains(.decomposition) }
        set { if newValue { stages.insert(.decomposition) } else { stages.remove(.decomposition) } }
    }
    /// The share of the time left that the decomposition may take; the networks on the
    /// problem itself have the rest.
    public var decompositionShare = 0.5
    /// When the power law is not exact but some of its exponents are clean (y = M(x)·g(x) with a
    /// monomial M, such as x₁·x₂·sin(x₃)), networks also learn y/M, with this many seeds (the
    /// first ones of `seeds`; each seed's wave on y/M follows its wave on the data).
    public var factoredSeeds = 1
    /// Seeds of the networks' initialisation; every shape is trained once per seed.
    public var seeds: [UInt64] = [0, 1, 2, 3]
    /// Whether the search goes on past `seeds` when no candidate has reached the error floor:
    /// rounds of new seeds, finer grids and larger shapes (`AnytimeSchedule`) until the floor,
    /// the time limit or Ctrl-C. Off, the search ends after `seeds`.
    public var anytime = true
    /// Networks are trained on at most this many training rows (evenly strided); the formulas'
    /// constants are refitted on all of them. The networks only learn the edges' shapes: twice
    /// as many rows cost the hello example markedly more CPU time and recovered the same
    /// Feynman rows.
    public var trainingRowLimit = 250
    /// The restarted networks (`deepRestarts`) are trained on at most this many rows: on 200
    /// rows of four_d an initialisation that separates the inputs' groups was rarer (none of
    /// 24 on one sample) than on 400 (one to four of 16 on each of six samples).
    public var deepTrainingRowLimit = 500
    /// The combination search fits and scores candidates on at most this many training and
    /// validation rows; the best are then measured on all rows.
    public var searchRowLimit = 250
    /// Levenberg–Marquardt iterations per candidate in the search.
    public var searchIterations = 50
    /// A candidate whose validation RMSE is within this factor of the error floor counts as
    /// solved: networks not yet started are skipped.
    public var solvedFactor = 10.0
    /// The spline grid size G of the networks.
    public var gridSize = 5
    /// L-BFGS steps with sparsification (λ = `sparsity`), before pruning.
    public var sparseSteps = 40
    /// λ of the sparsification penalty (small: it should prune, not distort).
    public var sparsity = 1e-3
    /// Initialisations tried for each network of three layers or more (per seed, with grid
    /// updates and with fixed grids); after `restartScreeningSteps` sparse steps the one with the lowest training RMSE
    /// goes on, and only it is pruned and searched. Such a network must also decide which
    /// inputs go to which hidden node, and gradient descent keeps the choice its
    /// initialisation leans to: on the paper's four_d row,
    /// exp((sin(π(x₁²+x₂²)) + sin(π(x₃²+x₄²)))/2), a [4, 2, 1, 1] network whose hidden nodes
    /// both start fed by all four inputs stays there (training RMSE 0.1–0.25 after 40 or 100
    /// steps, any λ), and about one initialisation in eight separates {x₁, x₂} from {x₃, x₄}
    /// (RMSE 5e-3). docs/recovery.md has the measurements.
    public var deepRestarts = 16
    /// Sparse steps after which the restarts are compared: after 10, the best of 16 was a
    /// separating one on each of six four_d samples (their RMSE 0.013–0.043 against 0.14 and
    /// more), at a quarter of the cost of comparing after all 40.
    public var restartScreeningSteps = 10
    /// L-BFGS steps after pruning, without penalty.
    public var refitSteps = 30
    /// Pruning thresholds (pykan's defaults).
    public var nodeThreshold = 1e-2
    public var edgeThreshold = 3e-2
    /// Candidates kept per edge for the combination search.
    public var candidatesPerEdge = 3
    /// Partial assignments kept at each step of the beam search.
    public var beamWidth = 3
    /// The weight of complexity in a candidate's score
    /// `log₁₀(max(validation RMSE, floor)) + weight·complexity`.
    public var complexityWeight = 0.05
    /// Validation errors below `relativeErrorFloor` times the target's standard deviation are
    /// not distinguished (rounding level).
    public var relativeErrorFloor = 1e-9
    /// How many of the best candidates are rationalised.
    public var rationalizedCount = 4
    /// The Pareto selection rule. The front's error floor is the noise floor
    /// (`NoiseFloor.selectionFloor`: errors within the chance margin of the best candidate's are
    /// not told apart), so PySR's rule with factor 1 chooses the simplest formula that fits as
    /// well as the best within noise; a factor above 1 would also admit formulas that fit
    /// significantly worse (PySR's 1.5 picks a look-alike at 1.6σ over the law at σ).
    public var selection: ParetoFront<Int>.SelectionRule = .pysr(factor: 1)
    /// Every `validationStride`-th sample is held out for validation when no test table is
    /// given (deterministic: samples k·stride − 1).
    public var validationStride = 5
    /// Seconds the run may take, counted from the start of the search: every stage polls it,
    /// the search stops early enough for the stages after it (`FinishingTime`), and the best
    /// result so far is returned (docs/interrupts.md).
    public var timeBudget: Double = 60
    /// The library's weights for ranking edge candidates.
    public var weights = SuggestionWeights()

    public init() {}

    /// The default number of seeds, starting at `first` (the command line's `--seed` and the
    /// KanLang option `seed`).
    public mutating func startSeeds(at first: UInt64) {
        seeds = (0..<UInt64(seeds.count)).map { first &+ $0 }
    }

    /// The shapes tried for `n` inputs.
    public func shapes(inputs n: Int) -> [[LayerWidth]] {
        if let shapes { return shapes }
        var result: [[LayerWidth]] = [[LayerWidth(sum: n), 1], [LayerWidth(sum: n), 1, 1]]
        if n >= 2 { result.append([LayerWidth(sum: n), LayerWidth(sum: 0, mult: 1), 1]) }
        result.append([LayerWidth(sum: n), 2, 1])
        if n >= 3 {
            result.append([LayerWidth(sum: n), LayerWidth(sum: n), 1])
            result.append([LayerWidth(sum: n), 2, 1, 1])
        }
        return result
    }
}
