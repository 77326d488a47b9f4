import Discovery
import Foundation
import Testing

@Suite struct AffineFitTests {
    /// A known curve c·f(a·x + b) + d on its natural range, with its canonical constants.
    struct Case: CustomTestStringConvertible, Sendable {
        var primitive: NumericPrimitive
        var range: ClosedRange<Double>
        var truth: (a: Double, b: Double, c: Double, d: Double)

        var testDescription: String { primitive.name }

        func function(_ x: Double) -> Double {
            truth.c * primitive.value(truth.a * x + truth.b) + truth.d
        }
    }

    static let cases: [Case] = [
        Case(primitive: .sine, range: -1...1, truth: (3, 1, 2, 0.5)),
        // −1.5·cos(2x + 4) = 1.5·cos(2x + 4 − π).
        Case(primitive: .cosine, range: -1...1, truth: (2, 4 - .pi, 1.5, 0.3)),
        Case(primitive: .tangent, range: -1...1, truth: (0.7, 0.2, 1.2, -0.3)),
        Case(primitive: .square, range: -1...1, truth: (1, -0.3, 1.5, -2)),
        // 3·e^(1.2x − 0.5) + 1 in canonical form (b = 0).
        Case(primitive: .exponential, range: -2...2, truth: (1.2, 0, 3 * exp(-0.5), 1)),
        Case(primitive: .gaussian, range: -2...2, truth: (1.5, -0.5, 2, -1)),
        // 3/(2x + 1) − 1 = 1.5/(x + 0.5) − 1.
        Case(primitive: .reciprocal, range: 0.1...3, truth: (1, 0.5, 1.5, -1)),
        Case(primitive: .hyperbolicTangent, range: -2...2, truth: (2, -0.5, 1.5, 0.2)),
        // 2·log(3x + 1) − 1 = 2·log(x + 1/3) + (2·log 3 − 1).
        Case(primitive: .logarithm, range: 0.1...5, truth: (1, 1.0 / 3, 2, 2 * log(3) - 1)),
        Case(primitive: .squareRoot, range: 0...4, truth: (1, 0, 0.7, 0.1)),
        Case(primitive: .arcsine, range: -1...1, truth: (1, 0, 1, 0)),
        Case(primitive: .identity, range: -3...5, truth: (1, 0, -2.5, 4)),
    ]

    static func check(_ fit: AffineFit, _ example: Case, tolerance: Double) {
        let t = example.truth
        #expect(fit.succeeded)
        #expect(close(fit.a, t.a, tolerance), "a = \(fit.a), expected \(t.a)")
        #expect(close(fit.d, t.d, tolerance), "d = \(fit.d), expected \(t.d)")
        #expect(close(fit.b, t.b, tolerance), "b = \(fit.b), expected \(t.b)")
        #expect(close(fit.c, t.c, tolerance), "c = \(fit.c), expected \(t.c)")
    }

    @Test(arguments: cases)
    func recoversKnownCurve(example: Case) {
        let data = samples(example.function, in: example.range)
        let fit = AffineFit(fitting: example.primitive, x: data.x, y: data.y)
        Self.check(fit, example, tolerance: 1e-10)
        #expect(fit.rSquared > 1 - 1e-10)
        // The fitted curve is the same function on the data, whatever the form of the constants.
        let worst = zip(data.x, data.y).map { abs(fit.evaluate(example.primitive, at: $0) - $1) }.max() ?? 0
        #expect(worst < 1e-10)
    }

    @Test(arguments: cases)
    func recoversKnownCurveWithOnePercentNoise(example: Case) {
        let data = samples(example.function, in: example.range, count: 400, noise: 0.01, seed: 7)
        let fit = AffineFit(fitting: example.primitive, x: data.x, y: data.y)
        Self.check(fit, example, tolerance: 0.05)
        #expect(fit.rSquared > 0.999)
    }

    @Test func fitsPykanExampleInRawUnits() {
        // pykan's fit_params docstring: y = 5·sin(3x + 2) + 0.7 on [−1, 1].
        let data = samples({ 5 * sin(3 * $0 + 2) + 0.7 }, in: -1...1, count: 100)
        let fit = AffineFit(fitting: .sine, x: data.x, y: data.y)
        #expect(close(fit.a, 3, 1e-12) && close(fit.b, 2, 1e-12))
        #expect(close(fit.c, 5, 1e-12) && close(fit.d, 0.7, 1e-12))
    }

    @Test func farShiftOfAPowerIsFound() {
        // 1/x on [1, 1.1] needs a normalised shift of about 21.
        let data = samples({ 1 / $0 }, in: 1...1.1)
        let fit = AffineFit(fitting: .reciprocal, x: data.x, y: data.y)
        #expect(close(fit.b, 0, 1e-6) && close(fit.c, 1, 1e-6) && close(fit.d, 0, 1e-6))
    }

    @Test func reflectedArgumentIsCanonical() {
        // √(2 − x) on [−2, 2] has a = −1; cos(−2x + 1) is reported as cos(2x − 1).
        let root = samples({ (2 - $0).squareRoot() }, in: -2...2)
        let rootFit = AffineFit(fitting: .squareRoot, x: root.x, y: root.y)
        #expect(rootFit.a == -1, "\(rootFit)")
        #expect(close(rootFit.b, 2, 1e-6) && close(rootFit.c, 1, 1e-6), "\(rootFit)")
        let wave = samples({ cos(-2 * $0 + 1) }, in: -1...1)
        let waveFit = AffineFit(fitting: .cosine, x: wave.x, y: wave.y)
        #expect(close(waveFit.a, 2, 1e-6))
    }

    @Test func constantTargetFailsWithoutNaN() {
        let x = (0..<50).map { Double($0) / 10 }
        let y = [Double](repeating: 3, count: 50)
        for primitive in NumericPrimitive.standard {
            let fit = AffineFit(fitting: primitive, x: x, y: y)
            for value in [fit.a, fit.b, fit.c, fit.d, fit.rSquared, fit.rootMeanSquareError] {
                #expect(!value.isNaN)
            }
            if primitive.name == "0" {
                #expect(fit.succeeded && fit.d == 3)
            } else {
                #expect(fit.failure == .constantTarget)
                #expect(fit.c == 0 && fit.d == 3)
            }
        }
    }

    @Test func unusableSamplesFail() {
        let f = NumericPrimitive.sine
        #expect(AffineFit(fitting: f, x: [1, 2, 3], y: [1, 2]).failure == .mismatchedLengths)
        #expect(AffineFit(fitting: f, x: [1, 2], y: [1, 2]).failure == .tooFewSamples)
        #expect(AffineFit(fitting: f, x: [1, .nan, 3], y: [1, 2, 3]).failure == .nonFiniteSamples)
        #expect(AffineFit(fitting: f, x: [1, 2, 3], y: [1, .infinity, 3]).failure == .nonFiniteSamples)
        #expect(AffineFit(fitting: f, x: [2, 2, 2, 2], y: [1, 2, 3, 4]).failure == .constantInput)
        let fit = AffineFit(fitting: f, x: [], y: [])
        #expect(fit.failure == .tooFewSamples && !fit.rSquared.isNaN && !fit.c.isNaN)
    }

    @Test func noAdmissibleMapFails() {
        // A primitive defined only on [0, 0] (a single point) cannot be non-constant.
        let point = NumericPrimitive(
            name: "point", cost: 1, value: { $0 }, derivative: { _ in 1 },
            domain: PrimitiveDomain(lowerBound: 0, upperBound: 0))
        let data = samples({ $0 }, in: -1...1)
        let fit = AffineFit(fitting: point, x: data.x, y: data.y)
        #expect(fit.failure == .noAdmissibleFit)
        #expect(fit.rSquared == 0 && !fit.rootMeanSquareError.isNaN)
    }

    @Test func extremeMagnitudesGiveNoNaN() {
        let cases: [(x: [Double], y: [Double])] = [
            ((0..<20).map { Double($0) * 1e299 }, (0..<20).map { Double($0 % 7) * 1e300 }),
            ((0..<20).map { Double($0) * 1e-300 }, (0..<20).map { Double($0 % 5) * 1e-300 }),
            ((0..<20).map { Double($0) }, (0..<20).map { $0 == 3 ? 1e308 : -1e308 }),
        ]
        for data in cases {
            for primitive in NumericPrimitive.standard {
                let fit = AffineFit(fitting: primitive, x: data.x, y: data.y)
                for value in [fit.a, fit.b, fit.c, fit.d, fit.rSquared, fit.rootMeanSquareError] {
                    #expect(!value.isNaN, "\(primitive.name): \(fit)")
                }
            }
        }
    }

    @Test func everyPrimitiveFitsArbitraryDataWithoutNaN() {
        let data = samples({ sin(5 * $0) * exp($0) }, in: -3...2, count: 300, noise: 0.1)
        for primitive in NumericPrimitive.standard {
            let fit = AffineFit(fitting: primitive, x: data.x, y: data.y)
            for value in [fit.a, fit.b, fit.c, fit.d, fit.rSquared, fit.rootMeanSquareError] {
                #expect(value.isFinite, "\(primitive.name): \(fit)")
            }
            #expect((0...1).contains(fit.rSquared))
        }
    }
}

@Suite struct LibrarySelfConsistencyTests {
    /// An inner map keeping u = a·x + b, x ∈ [−1, 1], well inside the primitive's domain.
    static func innerMap(for primitive: NumericPrimitive) -> (a: Double, b: Double) {
        let domain = primitive.domain
        if domain.upperBound.isFinite { return (0.6, 0.1) }  // arcsin, arccos, arctanh
        if domain.lowerBound.isFinite || !domain.poles.isEmpty && domain.polePeriod == nil {
            return (1, 1.5)  // sqrt, log, 1/x^n: u ∈ [0.5, 2.5]
        }
        return (0.8, 0.1)
    }

    @Test(arguments: NumericPrimitive.standard.map(\.name))
    func everyPrimitiveRecoversItself(name: String) throws {
        let primitive = try #require(NumericPrimitive.standard.first { $0.name == name })
        let (a, b) = Self.innerMap(for: primitive)
        let data = samples({ 1.7 * primitive.value(a * $0 + b) - 0.4 }, in: -1...1, seed: 3)
        let fit = AffineFit(fitting: primitive, x: data.x, y: data.y)
        #expect(fit.succeeded)
        switch name {
        case "0":
            #expect(close(fit.d, -0.4, 1e-12) && fit.c == 0)
        case "sgn":
            // A step is located only to the grid's resolution (no slope to refine with).
            #expect(fit.rSquared > 0.9)
        default:
            #expect(fit.rSquared > 1 - 1e-10, "\(name): \(fit)")
            let worst = zip(data.x, data.y).map { abs(fit.evaluate(primitive, at: $0) - $1) }.max() ?? 0
            #expect(worst < 1e-5, "\(name): \(fit)")
        }
    }
}
