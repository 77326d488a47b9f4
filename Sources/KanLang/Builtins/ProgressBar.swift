import Foundation
import KAN

/// The progress line `train` draws while it runs:
///
///     train  23/50 [=========>          ] loss 1.52e-03  test 1.61e-03  8.4 steps/s  ETA 3s
///
/// Redrawn in place with a carriage return, at most ten times a second (and on the
/// last step), then ended with a line break. Without an output it does nothing.
struct ProgressBar {
    let steps: Int
    let output: (@Sendable (String) -> Void)?
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(steps: Int, output: (@Sendable (String) -> Void)?) {
        self.steps = steps
        self.output = output
    }

    mutating func update(_ progress: TrainingProgress) {
        guard let output else { return }
        let now = Date()
        let done = progress.step + 1
        guard done >= steps || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        drawn = true
        output("\r" + ProgressBar.line(step: done, steps: steps, trainLoss: progress.trainLoss, testLoss: progress.testLoss,
                                               elapsed: now.timeIntervalSince(start)) + "\u{1B}[K")
    }

    /// Ends the line, if one was drawn.
    mutating func finish() {
        if drawn, let output { output("\n") }
        drawn = false
    }

    /// The text of one progress line (without the carriage return).
    static func line(step: Int, steps: Int, trainLoss: Double, testLoss: Double, elapsed: Double) -> String {
        let width = 20
        let filled = steps > 0 ? min(width, width * step / steps) : width
        let bar = String(repeating: "=", count: max(0, filled - 1)) + (filled > 0 ? (filled == width ? "=" : ">") : "")
            + String(repeating: " ", count: width - filled)
        let rate = elapsed > 0 ? Double(step) / elapsed : 0
        var text = "train \(String(repeating: " ", count: max(0, String(steps).count - String(step).count)))\(step)/\(steps) [\(bar)]"
        text += " loss " + scientific(trainLoss)
        if testLoss.isFinite { text += "  test " + scientific(testLoss) }
        text += "  " + String(format: "%.1f", rate) + " steps/s"
        if rate > 0, step < steps { text += "  ETA " + duration(Double(steps - step) / rate) }
        return text
    }

    static func scientific(_ value: Double) -> String {
        value.isFinite ? String(format: "%.2e", value) : ValueFormatter.format(value)
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m\(String(format: "%02d", total % 60))s" }
        return "\(total / 3600)h\(String(format: "%02d", total / 60 % 60))m"
    }
}
