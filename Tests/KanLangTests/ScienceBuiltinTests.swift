import Foundation
import Testing
@testable import KanLang
@testable import KanLangCore

/// Custom losses (`train(m, loss: ...)`), `laplacian`, `partial`, `mesh`, `freeze` and the
/// training controls.
@Suite("Science builtins")
struct ScienceBuiltinTests {
    static let setup = """
        symbols x, y
        let inside = mesh(-2*pi^2*sin(pi*x)*sin(pi*y), ranges: {x: [-1, 1], y: [-1, 1]}, n: 9)
        let edge = mesh(0, ranges: {x: [-1, 1], y: [-1, 1]}, n: 9, boundary: true)

        """

    @Test func meshesHaveTheirPoints() {
        #expect(output(of: Self.setup + """
            print(inside.n, edge.n, inside.inputs, inside.target)
            print(min(inside.x), max(inside.x), min(edge.y), max(edge.y))
            print(mesh(x, ranges: {x: [0, 1]}, n: 3, boundary: true).x)
            """) == """
            81 32 ["x", "y"] f
            -0.8 0.8 -1 1
            [0, 1]

            """)
        #expect(errorMessage(of: "symbols x\nmesh(x, ranges: {x: [0, 1]}, n: 1, boundary: true)").contains("n must be at least 2"))
    }

    /// `laplacian` and `partial` on a model are the sums and entries of `hessian` and `gradient`.
    @Test func operatorsOnModelsAgreeWithHessian() {
        #expect(output(of: Self.setup + """
            let m = kan([2, 3, 1], seed: 1, variables: ["x", "y"])
            let h = hessian(m, inside)
            let g = gradient(m, inside)
            let l = laplacian(m, inside)
            let worst = 0
            for i in range(inside.n) {
                worst = max(worst, abs(l[i] - h.d2_x_x[i] - h.d2_y_y[i]), abs(partial(m, inside, "x", "y")[i] - h.d2_x_y[i]),
                            abs(partial(m, inside, "y")[i] - g.d_y[i]))
            }
            print(worst < 1e-12)
            """) == "true\n")
        #expect(errorMessage(of: Self.setup + "partial(kan([2, 1], variables: [\"x\", \"y\"]), inside, \"z\")").contains("'z' is not an input"))
    }

    /// Training on a Poisson loss brings the Laplacian to the source and the boundary to 0.
    @Test func customLossTrainsThePoissonProblem() {
        let text = output(of: Self.setup + """
            fn poisson(m) { mean((laplacian(m, inside) - inside.f)^2) + 100 * mean(m(edge)^2) }
            fn residual(m) { sqrt(mean(map(range(inside.n), i -> (laplacian(m, inside)[i] - inside.f[i])^2))) }
            let start = kan([2, 4, 1], seed: 0, variables: ["x", "y"])
            let u = train(start, loss: poisson, steps: 30)
            print(u.steps, residual(u) < 0.05 * residual(start), max(map(predict(u, edge), abs)) < 0.2 * max(map(predict(start, edge), abs)))
            let v = train(start, loss: m -> mean((hessian(m, inside).d2_x_x + partial(m, inside, "y", "y") - inside.f)^2) + 100 * mean(m(edge)^2),
                          steps: 30)
            print(abs(v.loss - u.loss) < 1e-9 * u.loss)
            let a = train(start, loss: poisson, steps: 50, opt: "adam", lr: 0.01)
            print(residual(a) < residual(start), u.data.target, u.data.n)
            """)
        #expect(text == "30 true true\ntrue\ntrue u 113\n", "\(text)")
    }

    @Test func lossesOutsideTheLinearFormAreRefused() {
        func message(_ loss: String) -> String {
            errorMessage(of: Self.setup + "train(kan([2, 1], variables: [\"x\", \"y\"]), loss: \(loss), steps: 1)")
        }
        #expect(message("m -> mean((m(inside) * m(inside))^2)").contains("product of two fields"))
        #expect(message("m -> mean(abs(m(inside)))").contains("must be"))
        #expect(message("m -> mean((m(inside) + m(edge))^2)").contains("different point sets"))
        #expect(message("m -> mean(m(inside)^3)").contains("can only be squared"))
        #expect(message("m -> 3").contains("must return a loss"))
        #expect(message("m -> -mean(m(inside)^2)").contains("cannot be negative"))
        #expect(message("m -> mean((m(inside) - [1, 2])^2)").contains("a list of 2 numbers"))
        #expect(errorMessage(of: Self.setup + "train(kan([2, 1]), inside, loss: m -> mean(m(inside)^2))").contains("not both"))
        #expect(errorMessage(of: Self.setup + "train(kan([2, 1]), loss: m -> mean(m(inside)^2), lamb: 0.1)").contains("sparsity penalty"))
        #expect(errorMessage(of: Self.setup + "train(kan([2, 1]))").contains("needs data"))
    }

    @Test func freezingKeepsTheChosenParameters() {
        #expect(output(of: Self.setup + """
            let m = kan([2, 3, 1], grid: 5, seed: 0, variables: ["x", "y"])
            print(frozen(m), frozen(freeze(m)), frozen(freeze(m, ["spline_scales", "base_scales"])))
            print(frozen(freeze(m, "coef", layer: 0, edges: [[0, 1], 2])), frozen(unfreeze(freeze(m), ["affine"])))
            let data = dataset(x*y, ranges: {x: [-1, 1], y: [-1, 1]}, n: 100)
            let f = train(freeze(m), data, steps: 3)
            print(predict(f, inside) == predict(m, inside), predict(train(m, data, steps: 3), inside) == predict(m, inside))
            """) == """
            0 126 18
            16 90
            true false

            """)
        #expect(errorMessage(of: Self.setup + "freeze(kan([2, 1]), \"scales\")").contains("unknown group"))
        #expect(errorMessage(of: Self.setup + "freeze(kan([2, 1]), layer: 1)").contains("layer must be from 0 to 0"))
        #expect(errorMessage(of: Self.setup + "freeze(kan([2, 1]), edges: [0])").contains("edges need a layer"))
    }

    @Test func trainingControlsAreChecked() {
        #expect(output(of: Self.setup + """
            let data = dataset(x*y, ranges: {x: [-1, 1], y: [-1, 1]}, n: 100)
            let a = train(kan([2, 2, 1], noise_scale: 0.1, scale_base_mu: 1, scale_base_sigma: 0, grid_eps: 1), data, steps: 3,
                          lamb: 0.01, lamb_l1: 0.5, lamb_entropy: 0, lamb_coef: 0.1, lamb_coefdiff: 0.1, history: 5)
            let b = train(kan([2, 2, 1]), data, steps: 20, restarts: 2, restart_steps: 5)
            print(a.steps, b.steps)
            """) == "3 10\n")  // the chosen start's 5 probe steps and the 20 - 3·5 after them
        #expect(errorMessage(of: Self.setup + "kan([2, 1], grid_eps: 2)").contains("grid_eps must be between 0 and 1"))
        #expect(errorMessage(of: Self.setup + "train(kan([2, 1]), inside, lamb_l1: -1)").contains("lamb_l1 must be"))
        #expect(errorMessage(of: Self.setup + "train(kan([2, 1]), inside, steps: 10, restarts: 3)").contains("more than the 10 steps"))
    }
}
