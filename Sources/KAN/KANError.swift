/// Errors thrown by the KAN module. Every message names what was wrong and, where
/// it helps, what was expected, because shapes, data and files come from users.
public enum KANError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A network shape, grid or option that cannot be built.
    case invalidConfiguration(String)
    /// Data whose size does not match the network or itself.
    case invalidData(String)
    /// An index (layer, node, edge) outside the network.
    case indexOutOfRange(String)
    /// Training produced a NaN or infinite loss; the parameters of the last finite
    /// step were restored.
    case nonFiniteLoss(step: Int)
    /// An operation needs samples (the training inputs of the last `train`) and none were given.
    case missingSamples(String)
    /// A checkpoint file could not be read or written.
    case checkpointIO(String)
    /// A checkpoint file is empty, not valid JSON (truncated or damaged), or JSON that is
    /// not a KAN checkpoint (not an object, no `"format": "kan-checkpoint"`).
    case checkpointCorrupt(String)
    /// A checkpoint file has a format version this build cannot read.
    case checkpointVersion(found: Int, supported: Int)
    /// A checkpoint file is JSON, but a field is missing, has the wrong type, or holds a
    /// value that does not describe a valid network (out of range, not finite, repeated,
    /// inconsistent with the shapes, an unknown symbolic function). `field` is its path,
    /// as `layers[1].mask[3]`.
    case checkpointInvalid(field: String, problem: String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let m): return "invalid KAN configuration: \(m)"
        case .invalidData(let m): return "invalid data: \(m)"
        case .indexOutOfRange(let m): return "index out of range: \(m)"
        case .nonFiniteLoss(let step):
            return "training stopped: the loss became NaN or infinite at step \(step); the parameters of the last finite step were restored"
        case .missingSamples(let m): return "no samples: \(m)"
        case .checkpointIO(let m): return "checkpoint: \(m)"
        case .checkpointCorrupt(let m): return "unreadable checkpoint: \(m)"
        case .checkpointVersion(let found, let supported):
            return "checkpoint has format version \(found); this build reads versions 1 to \(supported)"
        case .checkpointInvalid(let field, let problem): return "invalid checkpoint: \(field): \(problem)"
        }
    }
}
