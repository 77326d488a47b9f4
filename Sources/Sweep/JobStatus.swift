/// How a job ended, as its result line records it.
public enum JobStatus: String, CaseIterable, Sendable {
    /// Exited 0 with its result (for discover, a JSON document with a formula).
    case ok
    /// Exited with a non-zero status, or exited 0 without a readable result (a missing or
    /// malformed table, an error in a script).
    case failed
    /// Still running at its timeout: the sweep killed it.
    case timeout
    /// Ended by a signal the sweep did not send (a segmentation fault, the kernel's OOM killer).
    case crashed
}
