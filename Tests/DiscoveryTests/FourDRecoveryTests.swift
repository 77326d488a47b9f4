import Discovery
import Foundation
import Symbolic
import Testing

/// The paper's four_d row, exp((sin(π(x₁²+x₂²)) + sin(π(x₃²+x₄²)))/2) on [−1, 1]⁴, recovered
/// exactly by `discover` from samples other than the default table's (seed 3).
///
/// Its [4, 2, 1, 1] network must send {x₁, x₂} to one hidden node and {x₃, x₄} to the other;
/// one initialisation in eight does, so `discover` starts such networks from several
/// (`DiscoverOptions.deepRestarts`) and keeps the best fit. With a single initialisation on
/// 250 rows, these two samples gave look-alikes with 4 and 5 fitted constants
/// (0.681963·sin(3.70457·(x₃ − 0.0398471)² + …) + 1.40375 from x₃, x₄ alone). `discover` is
/// deterministic given the data and the seeds (the same formula on every run), so these are
/// not chance passes. About 5 s of CPU each in release.
@Suite(.serialized) struct FourDRecoveryTests {
    static let law = "exp((sin(pi*(x1^2 + x2^2)) + sin(pi*(x3^2 + x4^2)))/2)"

    @Test(arguments: [UInt64(4), 5])
    func recoversFourDExactly(sampleSeed: UInt64) throws {
        let data = table(
            { exp((sin(.pi * ($0[0] * $0[0] + $0[1] * $0[1])) + sin(.pi * ($0[2] * $0[2] + $0[3] * $0[3]))) / 2) },
            ranges: Array(repeating: -1...1, count: 4), seed: sampleSeed)
        let result = try discover(train: data)
        let expected = try Expr(parsing: Self.law).simplified()
        #expect(result.chosen.formula.parameterCount == 0, "\(result.chosen.formula.expression)")
        #expect(result.chosen.formula.expression.simplified() == expected,
                "\(result.chosen.formula.expression) from \(result.chosen.origin)")
        #expect(result.validationRMSE < 1e-9)
    }
}
