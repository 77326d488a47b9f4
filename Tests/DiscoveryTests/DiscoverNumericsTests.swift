import Discovery
import Foundation
import Symbolic
import Testing

/// `discover` on awkward numbers: NaN and infinite values, a constant target, a constant
/// input. Each gives a clear error or a documented result, never `nan` in a formula.
@Suite(.serialized) struct DiscoverNumericsTests {
    @Test func nonFiniteValuesAreErrorsNamingTheRow() {
        var data = table({ $0[0] + $0[1] }, ranges: [-1...1, -1...1], count: 20)
        data.columns[1][6] = .nan
        #expect(throws: DiscoverError.invalidData("in the training table, row 7 of column 'x2' is nan, not a finite number")) {
            try discover(train: data)
        }
        data.columns[1][6] = 0
        data.target[11] = -.infinity
        #expect(throws: DiscoverError.invalidData("in the training table, row 12 of the target is -inf, not a finite number")) {
            try discover(train: data)
        }
        data.target[11] = 0
        let test = (columns: [[1.0, 2], [Double.infinity, 0]], target: [1.0, 2])
        #expect(throws: DiscoverError.invalidData("in the test table, row 1 of column 'x2' is inf, not a finite number")) {
            try discover(train: data, test: test)
        }
    }

    @Test func tooFewRowsIsAnError() {
        let data = table({ $0[0] }, ranges: [-1...1], count: 1)
        #expect(throws: DiscoverError.invalidData("the training table has 1 rows; at least 10 are needed")) {
            try discover(train: data)
        }
    }

    /// A table with fewer than 5 × (inputs + 1) rows could be fitted exactly by a linear model
    /// in all its inputs, noise and all: refused, whatever the formula, before any search.
    @Test func tooFewRowsForTheInputsIsAnError() throws {
        let wide = table({ $0[0] * $0[1] }, ranges: Array(repeating: -1...1, count: 100), count: 20)
        #expect(throws: DiscoverError.invalidData(
            "the training table has 20 rows for 100 inputs; at least 505 (5 × (inputs + 1)) are needed, "
                + "or any formula could fit it by chance")) {
            try discover(train: wide)
        }
        // Just enough rows: accepted (and the law is found).
        let enough = table({ $0[0] * $0[1] }, ranges: [-1...1, -1...1, -1...1], count: 20)
        let result = try discover(train: enough)
        #expect(result.report.text == "x1*x2", "\(result)")
        let short = table({ $0[0] * $0[1] }, ranges: [-1...1, -1...1, -1...1], count: 19)
        #expect(throws: DiscoverError.self) { try discover(train: short) }
    }

    /// A constant target is the constant itself, exactly.
    @Test func aConstantTargetGivesTheConstant() throws {
        let data = table({ _ in 1.5 }, ranges: [-1...1, 0...2], count: 200)
        let result = try discover(train: data)
        #expect(result.report.text == "3/2", "\(result)")
        #expect(result.validationRMSE == 0)
    }

    /// A constant input cannot explain anything: the formula does without it.
    @Test func aConstantInputIsLeftOut() throws {
        var data = table({ $0[0] * $0[0] }, ranges: [-1...1, 2...2], count: 300)
        data.names = ["x", "c"]
        let result = try discover(train: data)
        #expect(result.report.text == "x^2", "\(result)")
    }

    /// A formula singular inside the data's range (1/x near 0) still prints without nan.
    @Test func singularFormulasPrintWithoutNaN() throws {
        let data = table({ 1 / $0[0] }, ranges: [0.1...2], count: 300)
        let result = try discover(train: data)
        for point in result.front {
            #expect(!point.formula.expression.description.contains("nan"), "\(point.formula.expression)")
        }
        #expect(result.report.text == "1/x1", "\(result)")
    }
}

extension DiscoverNumericsTests {
    @Test func onlyConstantInputsAreAnError() {
        var data = table({ $0[0] }, ranges: [1...1], count: 20)
        data.target = data.target.indices.map(Double.init)
        #expect(throws: DiscoverError.invalidData("every input column is constant, so none can explain the target's variation")) {
            try discover(train: data)
        }
    }
}
