import Foundation

extension DiscoverResult {
    /// The JSON fields of the chosen formula (`FormulaReport.jsonObject`: `formula`, `latex`,
    /// `text`, `complexity`, `train_rmse`, `test_rmse`, `r2`, `seconds`) and the verdict:
    /// `exact` (false when the formula is only the best approximation, or a constant the inputs
    /// do not explain, or one whose constants the data do not pin: then `unpinned_constants`
    /// lists them) and `noise`, the estimated standard deviation of the target's noise
    /// (`noiseLevel`; null when it could not be estimated), and `origin`: the stage and network
    /// the formula came from (`power law […]`, `decomposition u = x2 - x3: …`, `[2, 1] seed 0: …`).
    public var jsonObject: [String: Any] {
        var object = report.jsonObject(seconds: seconds)
        object["exact"] = verdict.isExact
        object["origin"] = chosen.origin
        if case .unpinned(let constants) = verdict { object["unpinned_constants"] = constants }
        if let noise = noiseLevel, noise.isFinite {
            object["noise"] = noise
        } else {
            object["noise"] = NSNull()
        }
        return object
    }

    /// `jsonObject` on one line, keys sorted.
    public var json: String { FormulaReport.json(jsonObject) }

    /// The warning to print when the chosen formula is not a law at the noise floor.
    public var warning: String? { verdict.warning(r2: report.r2, formula: report.text) }
}
