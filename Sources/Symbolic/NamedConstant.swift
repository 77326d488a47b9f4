import Foundation

/// The named constants of the text form and of KanLang: `pi` and `e`.
public struct NamedConstant: Sendable {
    public let name: String
    /// The nearest Double.
    public let value: Double
    /// The exact value.
    public let expression: Expr

    public static let all: [NamedConstant] = [
        NamedConstant(name: "pi", value: Double.pi, expression: .pi),
        NamedConstant(name: "e", value: M_E, expression: .e),
    ]
}
