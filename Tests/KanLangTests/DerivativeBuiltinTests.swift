import Foundation
import Testing
@testable import KanLang
@testable import KanLangCore

/// `gradient` and `hessian`: column names, agreement with differences of `predict`, exact
/// zeros of a separable model, and errors.
@Suite("Derivative builtins")
struct DerivativeBuiltinTests {
    static let data = "symbols x, y\nlet d = dataset(x^2 + sin(y), ranges: {x: [-1, 1], y: [-1, 1]}, n: 100, seed: 1)\n"

    @Test func columnsAreNamedAfterTheVariables() {
        #expect(output(of: Self.data + """
            let m = train(kan([2, 3, 1], seed: 0), d, steps: 5)
            let g = gradient(m, d)
            let h = hessian(m, d)
            print(type(g), keys(g), len(g.d_x), type(g.d_y[0]))
            print(keys(h), len(h.d2_x_y))
            print(keys(gradient(kan([2, 3, 2]), d, output: 1)), keys(hessian(kan([2, 1], variables: ["a", "b"]), d)))
            """) == """
            record ["d_x", "d_y"] 100 number
            ["d2_x_x", "d2_x_y", "d2_y_y"] 100
            ["d_x", "d_y"] ["d2_x_x", "d2_x_y", "d2_y_y"]

            """)
    }

    /// Central differences of `predict` (and of `gradient`) on data sets whose x is moved by ±h.
    @Test func agreesWithDifferencesOfPredictions() {
        #expect(output(of: Self.data + """
            let m = train(kan([2, 3, 1], seed: 0), d, steps: 10)
            let step = 0.00001
            let dp = dataset(x^2 + sin(y), ranges: {x: [-1 + step, 1 + step], y: [-1, 1]}, n: 100, seed: 1)
            let dm = dataset(x^2 + sin(y), ranges: {x: [-1 - step, 1 - step], y: [-1, 1]}, n: 100, seed: 1)
            let g = gradient(m, d)
            let h = hessian(m, d)
            let pp = predict(m, dp)
            let pm = predict(m, dm)
            let gp = gradient(m, dp)
            let gm = gradient(m, dm)
            let first = 0
            let second = 0
            for i in range(100) {
                first = max(first, abs((pp[i] - pm[i]) / (2 * step) - g.d_x[i]))
                second = max(second, abs((gp.d_x[i] - gm.d_x[i]) / (2 * step) - h.d2_x_x[i]),
                             abs((gp.d_y[i] - gm.d_y[i]) / (2 * step) - h.d2_x_y[i]))
            }
            print(first < 0.000001, second < 0.001, max(map(g.d_x, abs)) > 0.1)
            """) == "true true true\n")
    }

    /// Edges fixed to x^2 and sin (primitives of std.kan, whose f″ is compiled from their
    /// expressions) make the model c₁(a₁x + b₁)² + c₂·sin(a₂y + b₂) + d: its mixed
    /// partial is exactly 0, ∂²/∂x² the constant 2c₁a₁² ≈ 2, ∂²/∂y² ≈ −sin(y).
    @Test func fixedEdgesGiveExactSecondDerivatives() {
        let text = outputWithStandardLibrary(Self.data + """
            let m = train(kan([2, 1], seed: 0), d, steps: 20)
            m = fix(m, 0, 0, 0, "x^2")
            m = fix(m, 0, 1, 0, "sin")
            let h = hessian(m, d)
            let curvature = 0
            for i in range(100) { curvature = max(curvature, abs(h.d2_y_y[i] + sin(d.y[i]))) }
            print(max(map(h.d2_x_y, abs)), max(h.d2_x_x) - min(h.d2_x_x), abs(h.d2_x_x[0] - 2) < 0.01, curvature < 0.01)
            """)
        #expect(text.hasSuffix("\n0 0 true true\n"), "\(text)")
    }

    @Test func errors() {
        #expect(errorMessage(of: Self.data + "gradient(kan([3, 1]), d)")
                == "the model takes 3 inputs (x1, x2, x3); the data has 2 (x, y)")
        #expect(errorMessage(of: Self.data + "hessian(kan([2, 1]), d, output: 1)")
                == "output must be from 0 to 0 (the model has 1 output), got 1")
        #expect(errorMessage(of: Self.data + "gradient(kan([2, 2]), d, output: -1)")
                == "output must be from 0 to 1 (the model has 2 outputs), got -1")
        #expect(errorMessage(of: Self.data + "gradient(d, d)") == "gradient: argument 'model' must be model, got dataset")
        #expect(errorMessage(of: Self.data + "hessian(kan([2, 1]), [1, 2])") == "hessian: argument 'data' must be dataset, got list")
        // x_y, z and x, y_z both name their mixed partial d2_x_y_z.
        #expect(errorMessage(of: """
            hessian(kan([4, 1], variables: ["x_y", "z", "x", "y_z"]),
                    dataset(1, ranges: {x_y: [0, 1], z: [0, 1], x: [0, 1], y_z: [0, 1]}, n: 3))
            """) == "two derivative columns would both be named 'd2_x_y_z'; rename the model's variables (without underscores)")
        let located = output(of: Self.data + "gradient(kan([2, 1]), d, output: 3)")
        #expect(located.contains("test.kan:3:26: error: output must be from 0 to 0"), "\(located)")
    }

    /// Derivatives that overflow into NaN (a product of huge sums) are an error naming the sample.
    @Test func overflowIsAnError() {
        let message = errorMessage(of: """
            symbols x
            let far = dataset(x, ranges: {x: [1e300, 1e300]}, n: 2)
            gradient(kan([1, [0, 1], 1]), far)
            """)
        #expect(message.hasPrefix("the model's derivatives are nan at sample 1 (x = 1e+300): "), "\(message)")
    }
}
