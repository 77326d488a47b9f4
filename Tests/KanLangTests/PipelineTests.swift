import Testing
@testable import KanLang
@testable import KanLangCore

/// The paper's first example end to end, small enough for a unit test.
@Suite("Pipeline scripts")
struct PipelineTests {
    @Test func expSinPlusSquare() {
        let text = output(of: """
            symbols x, y
            let data = dataset(exp(sin(pi*x) + y^2), ranges: {x: [-1, 1], y: [-1, 1]}, n: 200, seed: 0)
            let test = dataset(exp(sin(pi*x) + y^2), ranges: {x: [-1, 1], y: [-1, 1]}, n: 100, seed: 1)
            let model = train(kan([2, 5, 1], grid: 5, seed: 0), data, steps: 20, lamb: 0.001, test: test)
            let small = train(prune(model), data, steps: 10, test: test)
            let error = rmse(small, test)
            print(error < 0.15, small.shape[1] <= 5, r2(small, test) > 0.99)
            """)
        #expect(text == "true true true\n", "\(text)")
    }
}
