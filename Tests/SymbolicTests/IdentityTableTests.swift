import Foundation
import Testing
@testable import Symbolic

/// The identity table of issue 15 (`Data/identities.txt`): every input simplifies to
/// exactly the expected form (structural equality after parsing it), and to a form equal
/// in value to the input at random points of its domain.
@Suite struct IdentityTableTests {
    typealias Row = IdentityTableRow

    static let rows: [Row] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Data/identities.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return IdentityTableRow.rows(of: text)
    }()

    @Test func theTableHasAtLeastSixtyRows() {
        #expect(Self.rows.count >= 60)
    }

    @Test(arguments: rows)
    func simplifiesExactly(_ row: Row) throws {
        let input = try Expr(parsing: row.input)
        let expected = try Expr(parsing: row.expected)
        let result = try #require(row.apply(to: input), "\(row)")
        #expect(result == expected, "\(row): got \(result), expected \(expected)")
        if row.operation == .simplify {
            #expect(result.complexity <= input.complexity, "\(row): \(result) is more complex than the input")
        }
    }

    @Test(arguments: rows)
    func simplifiesToAnEqualValue(_ row: Row) throws {
        let input = try Expr(parsing: row.input)
        let result = try #require(row.apply(to: input), "\(row)")
        var generator = SystemRandomNumberGenerator()
        var compared = 0
        for _ in 0..<200 where compared < 20 {
            var point: [String: Double] = [:]
            for name in input.freeSymbols {
                let magnitude = Double.random(in: 0.1...2.5, using: &generator)
                point[name] = row.positive.contains(name) || Bool.random(using: &generator) ? magnitude : -magnitude
            }
            let before = input.evaluate(point), after = result.evaluate(point)
            // Like SymPy, simplification may extend the domain: compare where the input is defined.
            guard before.isFinite, abs(before) < 1e6 else { continue }
            compared += 1
            #expect(abs(before - after) <= 1e-9 * max(1, abs(before)), "\(row) at \(point): \(before) vs \(after) (\(result))")
        }
    }
}
