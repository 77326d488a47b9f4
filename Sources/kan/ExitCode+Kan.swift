import ArgumentParser

extension ExitCode {
    /// The conventional status of a program ended by SIGINT (128 + 2), used when
    /// the user interrupts a batch run: nothing half-written is left behind.
    static let interrupted = ExitCode(130)
}
