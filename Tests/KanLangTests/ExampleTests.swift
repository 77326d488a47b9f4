import Foundation
import Testing
@testable import KanLang
@testable import KanLangCore

/// Runs a script of `scripts/examples` after std.kan, as `kan FILE.kan` does; returns its
/// output, followed on failure by "ERROR" and the diagnostics.
func runExample(_ name: String) -> String {
    let capture = OutputCapture()
    do {
        let interpreter = try standardInterpreter(capture)
        try interpreter.run(file: Repository.examples.appendingPathComponent(name + ".kan").path)
        return capture.text
    } catch let error as Diagnostics {
        return capture.text + "ERROR\n" + error.rendered
    } catch {
        return capture.text + "ERROR\n\(error)"
    }
}

@Suite("Examples")
struct ExampleTests {
    /// Runs the example named by the environment variable KAN_EXAMPLE, shows its output and
    /// fails if it reports an error (a helper for working on the examples:
    /// `KAN_EXAMPLE=product swift test --filter runNamedExample`); skipped when it is unset.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["KAN_EXAMPLE"] != nil, "set KAN_EXAMPLE=NAME to run one example"))
    func runNamedExample() throws {
        let name = try #require(ProcessInfo.processInfo.environment["KAN_EXAMPLE"])
        let text = runExample(name)
        print(text)
        #expect(!text.contains("ERROR"), "\(text)")
    }

    /// The paper's first example, end to end as a user would run it: train with sparsification,
    /// prune, auto-symbolic, formula. About 2–3 s in release.
    @Test func helloRecoversTheExactFormula() {
        let text = runExample("hello")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("exp(x2^2 + sin(pi*x1))"), "\(text)")
        #expect(lines.contains("e^{x_{2}^{2} + \\sin{\\left(\\pi x_{1} \\right)}}"), "\(text)")
        #expect(!text.contains("ERROR"), "\(text)")
    }

    /// The other exact rows of the paper's table (veladd through discover). Each takes 1-3 s.
    @Test(arguments: [("product", "x1*x2"), ("quotient", "x1/x2"), ("veladd", "(x1 + x2)/(x1*x2 + 1)"),
                      ("four_d", "exp(sin(pi*(x1^2 + x2^2))/2 + sin(pi*(x3^2 + x4^2))/2)")])
    func examplesRecoverTheirFormula(name: String, formula: String) {
        let text = runExample(name)
        #expect(text.split(separator: "\n").map(String.init).contains(formula), "\(text)")
    }

    /// J0(20 x) has no closed form in the library: the fit is judged by its test RMSE.
    @Test func besselFitsWell() throws {
        let text = runExample("bessel")
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("J0(20*x1): fit only, test rmse ") }, "\(text)")
        let rmse = try #require(Double(line.split(separator: " ").last ?? ""))
        #expect(rmse < 1e-3)
    }

    /// Five peaks learnt one region at a time: with the scales frozen every region stays
    /// learnt (test RMSE ≤ 1e-2 after the fifth phase); with everything trainable the first
    /// regions are forgotten.
    @Test func continualLearningKeepsEarlierRegions() throws {
        let text = runExample("continual")
        func last(_ prefix: String) throws -> Double {
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix(prefix) }, "\(text)")
            return try #require(Double(line.split(separator: " ").last ?? ""))
        }
        #expect(try last("after 5 phases, frozen scales:") <= 1e-2, "\(text)")
        #expect(try last("after 5 phases, all trainable:") > 0.1, "\(text)")
    }

    /// A seed that used to stay near RMSE 0.6 follows the grid scaling law.
    @Test func scalingLawHoldsFromAFormerlyStuckSeed() throws {
        let capture = OutputCapture()
        let interpreter = makeInterpreter(capture) {
            $0.libraryPaths = [Repository.library.path]
            $0.arguments = ["2"]
        }
        try interpreter.run(file: Repository.standardLibrary.path)
        try interpreter.run(file: Repository.examples.appendingPathComponent("scaling.kan").path)
        let line = try #require(capture.text.split(separator: "\n").first { $0.hasPrefix("seed 2 slope") }, "\(capture.text)")
        let slope = try #require(Double(line.split(separator: " ").last ?? ""))
        #expect(slope <= -3.5, "\(capture.text)")
    }

    /// The Poisson problem on a coarse mesh with few steps (the full run, scripts/bench P1,
    /// reaches about 4e-6): the error falls with the grid, and a formula is found from the
    /// learnt solution.
    @Test func poissonSolvesThePDE() throws {
        let capture = OutputCapture()
        let interpreter = makeInterpreter(capture) {
            $0.libraryPaths = [Repository.library.path]
            $0.arguments = ["21", "20", "20", "20"]
        }
        try interpreter.run(file: Repository.standardLibrary.path)
        try interpreter.run(file: Repository.examples.appendingPathComponent("poisson.kan").path)
        let text = capture.text
        let errors = text.split(separator: "\n").filter { $0.hasPrefix("grid ") }.compactMap { Double($0.split(separator: " ").last ?? "") }
        #expect(errors.count == 3, "\(text)")
        #expect((errors.last ?? 1) < 5e-3 && (errors.last ?? 1) < (errors.first ?? 0), "\(text)")
        // `discover` has a time limit: what it finds depends on the machine's load, so only its
        // presence is checked.
        #expect(text.contains("formula relative L2 error"), "\(text)")
    }
}
