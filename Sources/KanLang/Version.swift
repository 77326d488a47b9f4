/// The version of kan, printed by `kan --version` and recorded in checkpoints.
public enum KanVersion {
    public static let string = "0.1.0"
}
