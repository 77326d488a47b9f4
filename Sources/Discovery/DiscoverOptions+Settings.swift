/// The settings a user gives `discover` — a time limit, the first seed, the stages — and their
/// defaults, in one place: `kan discover --time-limit --seed --stages` and KanLang's
/// `discover(data, time_limit:, seed:, stages:)` both build their options here, so the two
/// front ends cannot drift apart.
extension DiscoverOptions {
    /// Seconds the search may take unless the user says otherwise (`timeBudget`'s default).
    public static let defaultTimeLimit = DiscoverOptions().timeBudget

    /// The first seed of the networks unless the user says otherwise (`seeds`' default).
    public static let defaultFirstSeed = DiscoverOptions().seeds.first ?? 0

    /// The default options with the user's settings: `timeLimit` seconds (checked positive and
    /// finite by the caller, which knows how to point at it), seeds from `firstSeed` on
    /// (`startSeeds(at:)`), and `stages` when given as a comma-separated list
    /// (`DiscoverStage.parse`; all stages when nil).
    ///
    /// - Throws: `DiscoverError.invalidOptions` for an unknown stage name.
    public init(timeLimit: Double, firstSeed: UInt64, stages: String?) throws(DiscoverError) {
        self.init()
        timeBudget = timeLimit
        startSeeds(at: firstSeed)
        if let stages { self.stages = try DiscoverStage.parse(stages) }
    }
}
